"""EPUB: the documents of the spine, in reading order, each through the HTML extractor;
title, author and date from the package document (OPF)."""

import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resguardo.ingest import archives, sniff
from resguardo.ingest.base import Extraction, Limits, Refused
from resguardo.ingest.extractors.html import convert
from resguardo.ingest.extractors.markup import dublin_core, join_blocks
from resguardo.ingest.extractors.text import cut_note

CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
OPF = "{http://www.idpf.org/2007/opf}"
_DOCUMENTS = {"application/xhtml+xml", "text/html", "application/x-dtbook+xml"}


def extract(path: Path, limits: Limits) -> Extraction:
    with archives.open_zip(path, limits) as archive:
        package, name = _package(archive)
        documents, missing = _spine(archive, package, posixpath.dirname(name))
        blocks: list[tuple[str, str]] = []
        chapter_title = ""
        length = 0
        for document in documents:
            converted = convert(_decoded(archives.read_member(archive, document)))
            chapter_title = chapter_title or converted.title
            blocks.extend(converted.blocks)
            length += sum(len(text) + 2 for _kind, text in converted.blocks)
            if length > limits.max_text:
                break
    text, notes = join_blocks(blocks), []
    if len(text) > limits.max_text:
        text = text[: limits.max_text]
        notes.append(cut_note(limits.max_text))
    if missing:
        notes.append(ngettext("%(count)s document of the reading order is missing.",
                              "%(count)s documents of the reading order are missing.", missing)
                     % {"count": missing})
    title, author, date = dublin_core(package)
    return Extraction("epub", text, title=title or chapter_title, author=author, date=date,
                      notes=notes)


def _package(archive: zipfile.ZipFile) -> tuple[Element, str]:
    container = archives.read_xml(archive, "META-INF/container.xml")
    rootfile = container.find(f"{CONTAINER}rootfiles/{CONTAINER}rootfile")
    name = rootfile.get("full-path", "") if rootfile is not None else ""
    if not name or not archives.has_member(archive, name):
        raise Refused(_("The EPUB is damaged: it does not say where its contents are."),
                      code="damaged")
    return archives.read_xml(archive, name, doctype=True), name


def _spine(archive: zipfile.ZipFile, package: Element, base: str) -> tuple[list[str], int]:
    """Member names of the spine's documents (the navigation document left out), and how
    many it names that the archive lacks."""
    manifest = {item.get("id"): item for item in package.iter(f"{OPF}item")}
    names, missing = [], 0
    for ref in package.iter(f"{OPF}itemref"):
        item = manifest.get(ref.get("idref"))
        if item is None or item.get("media-type") not in _DOCUMENTS:
            continue
        if "nav" in (item.get("properties") or "").split():
            continue
        href = unquote((item.get("href") or "").split("#")[0])
        name = posixpath.normpath(posixpath.join(base, href))
        if name.startswith(("../", "/")) or not archives.has_member(archive, name):
            missing += 1
            continue
        names.append(name)
    return names, missing


def _decoded(data: bytes) -> str:
    text = sniff.decode(data)
    return text if text is not None else data.decode("utf-8", errors="replace")

