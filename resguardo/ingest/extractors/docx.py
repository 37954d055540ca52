"""Word (DOCX): paragraphs, headings, lists and tables from word/document.xml.

A heading is known by its paragraph style: the style's name in word/styles.xml ("heading 1",
"Title" — Word keeps these English names in every language), its outline level, or a
localized style id ("Titre1", "berschrift2"). A list item is a paragraph with numbering, its
own or its style's; word/numbering.xml says whether it is numbered or bulleted.
"""

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from resguardo.ingest import archives
from resguardo.ingest.base import Extraction, Limits
from resguardo.ingest.extractors.markup import DCTERMS, dublin_core, join_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(
    r"^(?:heading|titre|t[ií]tulo|berschrift|überschrift|kop|titolo|nagłówek|rubrik|"
    r"otsikko|overskrift|заголовок|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAME = re.compile(r"^(?:title|titre|t[ií]tulo|titel|titolo|tytuł)$", re.IGNORECASE)


@dataclass
class Styles:
    headings: dict[str, int] = field(default_factory=dict)  # style id -> level 1..3
    numbered: dict[str, str] = field(default_factory=dict)  # style id -> its list's numId
    formats: dict[str, str] = field(default_factory=dict)  # numId -> "bullet", "decimal", …


def extract(path: Path, limits: Limits) -> Extraction:
    with archives.open_zip(path, limits) as archive:
        body = archives.read_xml(archive, "word/document.xml").find(f"{W}body")
        styles = _styles(archive)
        facts = _core(archive)
    blocks = list(_blocks(body, styles)) if body is not None else []
    return Extraction("docx", join_blocks(blocks), title=facts[0], author=facts[1],
                      date=facts[2])


def _core(archive: zipfile.ZipFile) -> tuple[str, str, str]:
    if not archives.has_member(archive, "docProps/core.xml"):
        return "", "", ""
    core = archives.read_xml(archive, "docProps/core.xml")
    return dublin_core(core, date_tags=(f"{DCTERMS}created",))


def _styles(archive: zipfile.ZipFile) -> Styles:
    styles = Styles()
    if archives.has_member(archive, "word/styles.xml"):
        for style in archives.read_xml(archive, "word/styles.xml").iter(f"{W}style"):
            _read_style(style, styles)
    if archives.has_member(archive, "word/numbering.xml"):
        styles.formats = _numbering(archives.read_xml(archive, "word/numbering.xml"))
    return styles


def _read_style(style: Element, styles: Styles) -> None:
    style_id = style.get(f"{W}styleId", "")
    name = _val(style.find(f"{W}name"))
    outline = style.find(f"{W}pPr/{W}outlineLvl")
    if _TITLE_NAME.match(name) or _TITLE_NAME.match(style_id):
        styles.headings[style_id] = 1
    elif found := (_HEADING_NAME.match(name) or _HEADING_NAME.match(style_id)):
        styles.headings[style_id] = min(int(found.group(1)), 3)
    elif outline is not None and _val(outline).isdigit() and int(_val(outline)) < 9:
        styles.headings[style_id] = min(int(_val(outline)) + 1, 3)
    numbering = style.find(f"{W}pPr/{W}numPr/{W}numId")
    if numbering is not None and _val(numbering) != "0":
        styles.numbered[style_id] = _val(numbering)


def _numbering(root: Element) -> dict[str, str]:
    """numId -> the number format of its first level ("bullet", "decimal", …)."""
    abstract = {}
    for definition in root.iter(f"{W}abstractNum"):
        level = definition.find(f"{W}lvl/{W}numFmt")
        abstract[definition.get(f"{W}abstractNumId", "")] = _val(level) or "bullet"
    return {num.get(f"{W}numId", ""): abstract.get(_val(num.find(f"{W}abstractNumId")), "")
            for num in root.iter(f"{W}num")}


def _blocks(body: Element, styles: Styles) -> list[tuple[str, str]]:
    """(kind, markup) per paragraph or table row, in document order; content controls and
    other wrappers around paragraphs are looked through."""
    found: list[tuple[str, str]] = []
    counters: dict[str, int] = {}
    stack = list(reversed(body))
    while stack:
        element = stack.pop()
        if element.tag == f"{W}p":
            if block := _paragraph(element, styles, counters):
                found.append(block)
        elif element.tag == f"{W}tbl":
            found.extend((f"row:{id(element)}", row) for row in _table(element))
        elif element.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins",
                             f"{W}smartTag"):
            stack.extend(reversed(element))
    return found


def _paragraph(p: Element, styles: Styles,
               counters: dict[str, int]) -> tuple[str, str] | None:
    text = " ".join(_text(p).split())
    if not text:
        return None
    style = _val(p.find(f"{W}pPr/{W}pStyle"))
    outline = _val(p.find(f"{W}pPr/{W}outlineLvl"))
    if style in styles.headings:
        return "heading", "#" * styles.headings[style] + " " + text
    if outline.isdigit() and int(outline) < 9:  # a heading set by hand, without a style
        return "heading", "#" * min(int(outline) + 1, 3) + " " + text
    num_id = _val(p.find(f"{W}pPr/{W}numPr/{W}numId")) or styles.numbered.get(style, "")
    if num_id and num_id != "0":
        fmt = styles.formats.get(num_id, "bullet")
        if fmt in ("bullet", "none", ""):
            return f"item:{num_id}", "- " + text
        counters[num_id] = counters.get(num_id, 0) + 1
        return f"item:{num_id}", f"{counters[num_id]}. {text}"
    return "paragraph", text


def _text(element: Element) -> str:
    """The visible text: runs' text, tabs and breaks (deleted text and field codes have tags
    of their own, never read)."""
    parts = []
    for node in element.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
    return "".join(parts)


def _table(table: Element) -> list[str]:
    rows = []
    for row in table.findall(f"{W}tr"):
        cells = [" ".join(_text(cell).split()).replace("|", "¦")
                 for cell in row.findall(f"{W}tc")]
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return rows


def _val(element: Element | None) -> str:
    return element.get(f"{W}val", "") if element is not None else ""
