"""OpenDocument text (ODT): headings, paragraphs, lists and tables from content.xml, facts
from meta.xml. Walked with explicit stacks, so deep nesting cannot exhaust Python's."""

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

from resguardo.ingest import archives
from resguardo.ingest.base import Extraction, Limits
from resguardo.ingest.extractors.markup import dublin_core, join_blocks

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
# Never read: the table of contents repeats the headings, tracked changes hold deleted text.
_SKIPPED = {f"{TEXT}table-of-content", f"{TEXT}tracked-changes", f"{TEXT}sequence-decls",
            f"{OFFICE}forms", f"{TEXT}alphabetical-index", f"{TEXT}illustration-index",
            f"{TEXT}note-body", f"{OFFICE}annotation"}
_WRAPPERS = {f"{OFFICE}text", f"{TEXT}section", f"{TEXT}list-item", f"{TEXT}list-header",
             f"{TEXT}index-body", f"{TEXT}change-start"}
_ROW_GROUPS = {f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group"}

# For a paragraph in a list: (numbered, which list, which outermost list).
ListContext = tuple[bool, int, int] | None


def extract(path: Path, limits: Limits) -> Extraction:
    with archives.open_zip(path, limits) as archive:
        content = archives.read_xml(archive, "content.xml")
        numbered = _numbered_styles(archive, content)
        facts = _meta(archive)
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    blocks = _blocks(body, numbered) if body is not None else []
    return Extraction("odt", join_blocks(blocks), title=facts[0], author=facts[1],
                      date=facts[2])


def _meta(archive: zipfile.ZipFile) -> tuple[str, str, str]:
    if not archives.has_member(archive, "meta.xml"):
        return "", "", ""
    return dublin_core(archives.read_xml(archive, "meta.xml"),
                       author_tags=(f"{META}initial-creator",),
                       date_tags=(f"{META}creation-date",))


def _numbered_styles(archive: zipfile.ZipFile, content: Element) -> set[str]:
    """Names of the list styles whose first level is numbered, not bulleted."""
    roots = [content]
    if archives.has_member(archive, "styles.xml"):
        roots.append(archives.read_xml(archive, "styles.xml"))
    return {style.get(f"{STYLE}name", "") for root in roots
            for style in root.iter(f"{TEXT}list-style")
            if (first := next(iter(style), None)) is not None
            and first.tag == f"{TEXT}list-level-style-number"}


def _blocks(body: Element, numbered: set[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    counters: dict[int, int] = {}
    stack: list[tuple[Element, ListContext]] = [(child, None) for child in reversed(body)]
    while stack:
        element, in_list = stack.pop()
        tag = element.tag
        if tag in (f"{TEXT}h", f"{TEXT}p"):
            if block := _paragraph(element, in_list, counters):
                found.append(block)
        elif tag == f"{TEXT}list":
            style = element.get(f"{TEXT}style-name")
            ordered = style in numbered if style else bool(in_list and in_list[0])
            outermost = in_list[2] if in_list else id(element)
            stack.extend((child, (ordered, id(element), outermost))
                         for child in reversed(element))
        elif tag == f"{TABLE}table":
            found.extend((f"row:{id(element)}", row) for row in _rows(element))
        elif tag in _WRAPPERS:
            stack.extend((child, in_list) for child in reversed(element))
    return found


def _paragraph(element: Element, in_list: ListContext,
               counters: dict[int, int]) -> tuple[str, str] | None:
    text = " ".join(inline_text(element).split())
    if not text:
        return None
    if element.tag == f"{TEXT}h":
        level = element.get(f"{TEXT}outline-level", "1")
        return "heading", "#" * min(int(level) if level.isdigit() else 1, 3) + " " + text
    if element.get(f"{TEXT}style-name") == "Title":
        return "heading", "# " + text
    if in_list is None:
        return "paragraph", text
    ordered, which, outermost = in_list
    if not ordered:
        return f"item:{outermost}", "- " + text
    counters[which] = counters.get(which, 0) + 1
    return f"item:{outermost}", f"{counters[which]}. {text}"


def inline_text(element: Element) -> str:
    """The element's text in reading order: spans, links, spaces (text:s), tabs and line
    breaks; notes' bodies and annotations left out."""
    parts: list[str] = []
    stack: list[Element | str] = [element]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item.tag == f"{TEXT}s":
            count = item.get(f"{TEXT}c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif item.tag in (f"{TEXT}tab", f"{TEXT}line-break"):
            parts.append(" ")
        elif item.tag not in _SKIPPED:
            parts.append(item.text or "")
            for child in reversed(item):
                stack.append(child.tail or "")
                stack.append(child)
    return "".join(parts)


def _rows(table: Element) -> list[str]:
    rows = []
    for child in table:
        for row in (child,) if child.tag == f"{TABLE}table-row" else (
                child.findall(f"{TABLE}table-row") if child.tag in _ROW_GROUPS else ()):
            cells = [" ".join(inline_text(cell).split()).replace("|", "¦")
                     for cell in row.findall(f"{TABLE}table-cell")]
            if any(cells):
                rows.append("| " + " | ".join(cells) + " |")
    return rows
