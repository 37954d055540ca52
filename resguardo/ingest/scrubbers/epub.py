"""EPUB: the package keeps dc:title, dc:identifier and dc:language (the format requires
them) and the book's public record (creator, publisher, date, rights, description, subject):
a book's creator is the organisation or author publishing it. Contributors, tool names and
everything else in its metadata go, and so does a store's record of the purchase.

Pages (XHTML, SVG) lose identifying `<meta>` and comments, and what acts or fetches
(`_Page`): scripts, remote resources, forms, frames. Pictures written into them (`data:`)
are cleaned of their metadata, or go.
"""

import html
import posixpath
import re
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from resguardo.ingest import archives
from resguardo.ingest.base import Damaged, Limits
from resguardo.ingest.scrubbers import addresses, images, markup
from resguardo.ingest.scrubbers.xml import XmlRule, names, rewrite_xml
from resguardo.ingest.scrubbers.zips import rewrite_zip

DC = "{http://purl.org/dc/elements/1.1/}"
OPF = "{http://www.idpf.org/2007/opf}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"


_OPF_KEEP = {DC + name for name in ("title", "identifier", "language", "creator", "publisher",
                                    "date", "rights", "description", "subject", "type")}
_OPF_PROPERTIES = {"dcterms:modified", "title-type", "display-seq", "file-as", "role",
                   "identifier-type", "alternate-script", "belongs-to-collection",
                   "collection-type", "group-position"}


class _Opf(XmlRule):
    """The package metadata, reduced to the book's public record."""

    def __init__(self, data: bytes) -> None:
        root = archives.parse_xml(data, doctype=True)
        block = root.find(OPF + "metadata")
        self.dropped_ids = {child.get("id") for child in (block if block is not None else [])
                            if child.tag not in _OPF_KEEP | {OPF + "meta", OPF + "link"}}
        self.remote = False

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        if path[1:] == [OPF + "manifest", OPF + "item"] and addresses.is_remote(
                attrs.get("href", "")):  # EPUB 3's "remote resources": fetched on opening
            self.remote = True
            return True
        if len(path) != 3 or path[1] != OPF + "metadata" or path[2] in _OPF_KEEP | {OPF + "link"}:
            return False
        if path[2] != OPF + "meta":
            return True
        if attrs.get("refines", "").lstrip("#") in self.dropped_ids:
            return True
        prop = attrs.get("property", "")
        return not (prop in _OPF_PROPERTIES or prop.startswith("rendition:")
                    or attrs.get("name") == "cover")


_EMPTY_CSS = b"/* Removed: it loaded files from elsewhere. */\n"


def scrub(source: Path, target: Path, limits: Limits) -> list[str]:
    """Pages (XHTML, SVG) lose identifying `<meta>` and what acts or fetches (`_Page`);
    stylesheets that load files from elsewhere and script files are emptied (the package
    still lists them, so readers and checkers find every file it names)."""
    packages = _opf_paths(source)
    log: list[str] = []
    html: set[str] = set()
    acting: set[str] = set()
    pictures = images.DataPictures()

    def fix(name: str, data: bytes) -> bytes | None:
        lower = name.lower()
        if posixpath.basename(name).startswith("iTunesMetadata"):
            log.append(_("EPUB store record (%(name)s)") % {"name": name})
            return None
        if name in packages or lower.endswith(".opf"):  # any other OPF too
            opf = _Opf(data)
            data, changed = rewrite_xml(data, opf, doctype=True)
            acting.update(["resource"] if opf.remote else [])
            if changed - {OPF + "item"}:
                log.append(_("EPUB package metadata: %(names)s")
                           % {"names": names(changed - {OPF + "item"})})
        elif lower.endswith((".xhtml", ".html", ".htm", ".svg")):
            data = _numeric_entities(_DOCTYPE.sub(b"", data, count=1))
            page = _Page(data, pictures)
            data = rewrite_xml(data, page, doctype=True)[0]
            html.update(page.metadata)
            acting.update(page.acting)
        elif lower.endswith(".js") or (lower.endswith(".css") and _css_fetches(data)):
            acting.add("script" if lower.endswith(".js") else "resource")
            return b"" if lower.endswith(".js") else _EMPTY_CSS
        return data

    cleaned = rewrite_zip(source, target, limits, fix)
    if html:
        log.append(_("EPUB pages' metadata: %(names)s") % {"names": ", ".join(sorted(html))})
    if acting:
        log.append(_("EPUB scripts and remote content: %(names)s")
                   % {"names": markup.labels(acting)})
    return log + pictures.log(cleaned)


def _css_fetches(data: bytes) -> bool:
    """CSS that loads something from elsewhere. A backslash counts too: CSS escapes can
    spell `url(` or `@import` in ways a search for them misses."""
    text = data.decode("utf-8", "replace")
    return addresses.css_fetches(text) or "\\" in text


# A page's document type names the XHTML DTD, which a parser would fetch to know &nbsp;:
# the type goes (EPUB readers do not need it), and named characters become numbers.
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*>", re.I)
_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def _numeric_entities(data: bytes) -> bytes:
    """HTML's named characters (&nbsp;) as numbers (&#160;): EPUB 2 pages use them on the
    strength of the XHTML document type, whose DTD our parser never reads. Unknown names
    are left for the parser to refuse."""

    def number(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        character = html.entities.html5.get(name.decode() + ";")
        if name in _XML_ENTITIES or character is None:
            return match.group(0)
        return "".join(f"&#{ord(c)};" for c in character).encode()

    return _ENTITY.sub(number, data)


XHTML_MEDIA = {"img", "image", "video", "audio", "source", "track", "picture", "input", "use",
               "feImage"}
_PAGE_DROPS = {"script": "script", "base": "base", "form": "form", "button": "form",
               "textarea": "form", "select": "form", "iframe": "embed", "frame": "embed",
               "frameset": "embed", "object": "embed", "embed": "embed", "applet": "embed",
               "portal": "embed", "input": "form"}


class _Page(XmlRule):
    """An EPUB page (XHTML, or SVG) as XML, since readers need it well formed: identifying
    `<meta>` and comments go (`metadata`), and so does what acts or fetches (`acting`, keys
    of `markup.LABELS`). Elements are matched by local name, in XHTML and SVG alike."""

    def __init__(self, data: bytes, pictures: images.DataPictures) -> None:
        root = archives.parse_xml(data, doctype=True)
        self.pictures = pictures
        self.styles_fetch = any(_css_fetches((element.text or "").encode())
                                for element in root.iter() if isinstance(element.tag, str)
                                and element.tag.rpartition("}")[2] == "style")
        self.metadata = {"comments"} if b"<!--" in data else set[str]()
        self.acting = set[str]()

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        name = path[-1].rpartition("}")[2]
        values = {key.rpartition("}")[2]: value for key, value in attrs.items()}
        kind = _PAGE_DROPS.get(name) or self._meta(name, values) or (
            "resource" if name == "link" and addresses.is_remote(values.get("href", "")) else
            "resource" if name == "style" and self.styles_fetch else
            "image" if name in XHTML_MEDIA and any(addresses.is_remote(values.get(key, ""))
                                                   for key in ("src", "href", "poster")) else
            None)
        if kind:
            self.acting.add(kind)
        return bool(kind) or (name == "meta" and self._identifying(values))

    def _meta(self, name: str, values: dict[str, str]) -> str | None:
        return "refresh" if name == "meta" and \
            values.get("http-equiv", "").lower() == "refresh" else None

    def _identifying(self, values: dict[str, str]) -> bool:
        if "charset" in values or "http-equiv" in values or \
                values.get("name", "").lower() in markup.HEAD_META:
            return False
        self.metadata.add((values.get("name") or values.get("property") or "meta")[:40].lower())
        return True

    def attribute(self, element: str, name: str, value: str) -> str | None:
        local, tag = name.rpartition("}")[2], element.rpartition("}")[2]
        if tag in ("img", "image") and local in ("src", "href") and \
                addresses.scheme(value) == "data":
            return self.pictures(value)  # cleaned of its metadata, or gone (and counted)
        kind = "handler" if local.lower().startswith("on") else \
            "javascript" if addresses.scheme(value) in ("javascript", "vbscript") else \
            "resource" if local == "style" and _css_fetches(value.encode()) else \
            "image" if local in ("src", "href", "poster", "background", "srcset") and \
            tag not in ("a", "area") and addresses.is_remote(value) else \
            "elsewhere" if local == "href" and not addresses.safe_link(value) else None
        if kind:
            self.acting.add(kind)
        return None if kind else value


def _opf_paths(source: Path) -> set[str]:
    """Every package document container.xml names, looked up as the extractor does (in
    <rootfiles>; a rootfile anywhere else means nothing), so we clean the one it reads."""
    with zipfile.ZipFile(source) as archive:
        try:
            info = archive.getinfo("META-INF/container.xml")
        except KeyError:
            return set()
        if info.file_size > 1024 * 1024:
            raise Damaged(_("the EPUB container file is too large"))
        root = archives.parse_xml(archive.read(info))
    return {found.get("full-path", "") for found in root.findall(f"{CONTAINER}rootfiles/"
                                                                  f"{CONTAINER}rootfile")}


