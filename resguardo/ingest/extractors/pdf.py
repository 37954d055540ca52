"""PDF: text per page with PDFium (pypdfium2), pages joined by form feeds.

PDFium returns a page's text as lines. To give the reading view what it needs, each line's
font size and baseline are asked of PDFium (two calls per line, not per character): a line
set clearly larger than the document's running text is a heading (`#`, `##`, `###` by size),
and a gap wider than the page's usual line spacing starts a new paragraph (a blank line).

PDFium starts a new line wherever a glyph's baseline moves, so a word whose first letter is
set on its own (a drop cap, an initial a little lower or larger) comes out cut: "is a⏎lways",
"H⏎uman". Where the glyphs either side of such a break touch on the page (the next one starts
where the last one ends, and their boxes share some height), they are one word and the line
goes on: two more calls per line (the boxes of its first and last glyph). Lines one above
the other never share height, nor do the end of one column and the start of the next.
"""

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from resguardo.ingest.base import Extraction, Limits, Refused

META_LENGTH = 300  # characters kept of a title or an author
HEADING_RATIO = 1.2  # a line this much larger than running text is a heading
PARAGRAPH_GAP = 1.35  # a gap this much wider than the page's usual line spacing
# Glyphs closer than this (a fraction of the font size) across a line break touch: a word
# cut by PDFium, not two lines. A space is a quarter to a third of the size in most fonts.
TOUCHING = 0.15
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


Box = tuple[float, float, float, float]  # a glyph's left, right, bottom and top, in points


@dataclass
class Line:
    text: str
    size: float  # font size of its first character, in points
    baseline: float  # y of its first character's origin (from the bottom of the page)
    first: Box | None = None  # its first glyph's box
    last: Box | None = None  # its last glyph's box


def extract(path: Path, limits: Limits) -> Extraction:
    pdf = _open(path)
    try:
        count = len(pdf)
        pages, notes = _read_pages(pdf, min(count, limits.max_pages), limits)
        title, author, date = _facts(pdf)
    finally:
        pdf.close()
    if count > limits.max_pages:
        notes.append(ngettext("Only the first page was read.",
                              "Only the first %(pages)s pages were read.", limits.max_pages)
                     % {"pages": limits.max_pages})
    has_text = any(line.text.strip() for page in pages for line in page)
    if not has_text:
        notes.append(gettext("No page has a text layer: this looks like a scanned document, "
                             "whose text can only be read by character recognition (OCR)."))
    return Extraction("pdf", _markup(pages), pages=count, title=title, author=author,
                      date=date, has_text_layer=has_text, notes=notes)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise Refused(_("The PDF is protected by a password or an encryption we cannot "
                            "open; please send it without one."), code="encrypted") from error
        raise Refused(_("The PDF is damaged and cannot be read (%(reason)s).")
                      % {"reason": str(error)[:200]}, code="damaged") from error


def _read_pages(pdf: pdfium.PdfDocument, count: int,
                limits: Limits) -> tuple[list[list[Line]], list[str]]:
    pages: list[list[Line]] = []
    notes: list[str] = []
    failed, length = 0, 0
    for index in range(count):
        try:
            lines = _page_lines(pdf, index)
        except pdfium.PdfiumError:
            failed += 1
            lines = []
        length += sum(len(line.text) + 1 for line in lines)
        if length > limits.max_text:
            notes.append(ngettext("The text stops after %(pages)s page: it reached the "
                                  "limit of %(chars)s characters.",
                                  "The text stops after %(pages)s pages: it reached the "
                                  "limit of %(chars)s characters.", index)
                         % {"pages": index, "chars": limits.max_text})
            break
        pages.append(lines)
    if failed and failed == count:
        raise Refused(_("The PDF is damaged: none of its pages can be read."), code="damaged")
    if failed:
        notes.append(ngettext("%(failed)s page could not be read.",
                              "%(failed)s pages could not be read.", failed)
                     % {"failed": failed})
    return pages, notes


def _page_lines(pdf: pdfium.PdfDocument, index: int) -> list[Line]:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return _lines(textpage)
        finally:
            textpage.close()
    finally:
        page.close()


def _lines(textpage: pdfium.PdfTextPage) -> list[Line]:
    text = textpage.get_text_range()
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: list[Line] = []
    at = 0
    for piece in text.replace("\r\n", "\n").split("\n"):
        start = at + len(piece) - len(piece.lstrip())
        end = at + len(piece.rstrip()) - 1
        at += len(piece) + 2  # PDFium ends each line with \r\n
        char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, start)
        size = pdfium_c.FPDFText_GetFontSize(textpage, char) if char >= 0 else 0.0
        if char < 0 or not pdfium_c.FPDFText_GetCharOrigin(textpage, char, x, y):
            y.value = 0.0
        line = Line(piece.rstrip(), round(size * 2) / 2, y.value, _box(textpage, start),
                    _box(textpage, end))
        if lines and _touching(lines[-1], line):
            lines[-1] = _joined(lines[-1], line)
        else:
            lines.append(line)
    return lines


def _box(textpage: pdfium.PdfTextPage, text_index: int) -> Box | None:
    char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)
    box = [ctypes.c_double() for _side in range(4)]
    if char < 0 or not pdfium_c.FPDFText_GetCharBox(textpage, char, *box):
        return None
    left, right, bottom, top = (side.value for side in box)
    return left, right, bottom, top


def _touching(above: Line, below: Line) -> bool:
    """The last glyph of `above` and the first of `below` sit side by side on the page."""
    if not (above.last and below.first and above.text.strip() and below.text.strip()):
        return False
    left, right, bottom, top = above.last
    next_left, _right, next_bottom, next_top = below.first
    size = max(above.size, below.size, 1.0)
    return (-TOUCHING * size <= next_left - right <= TOUCHING * size
            and min(top, next_top) > max(bottom, next_bottom) and next_left > left)


def _joined(above: Line, below: Line) -> Line:
    """One line; its size and baseline are the longer piece's (a drop cap's "H" is not the
    size of the text it opens)."""
    main = above if len(above.text.strip()) >= len(below.text.strip()) else below
    return Line(above.text + below.text.lstrip(), main.size, main.baseline, above.first,
                below.last)


def _markup(pages: list[list[Line]]) -> str:
    levels = _heading_levels(pages)
    return "\f".join(_page_markup(lines, levels) for lines in pages)


def _heading_levels(pages: list[list[Line]]) -> dict[float, str]:
    """Font size -> '#', '##' or '###' for sizes clearly above the running text's."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            sizes[line.size] += len(line.text)
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    larger = sorted((s for s in sizes if s >= body * HEADING_RATIO), reverse=True)
    return {size: "#" * min(rank + 1, 3) for rank, size in enumerate(larger)}


def _page_markup(lines: list[Line], levels: dict[float, str]) -> str:
    spacing = _usual_spacing(lines)
    blocks: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        if not line.text.strip():
            previous = None
            continue
        marker = levels.get(line.size) if len(line.text) <= 150 else None
        if marker:
            if previous is not None and previous.size == line.size and blocks[-1][0].startswith(
                    marker + " "):
                blocks[-1][0] += " " + line.text.strip()  # a heading on two lines
            else:
                blocks.append([f"{marker} {line.text.strip()}"])
        elif (previous is None or previous.size in levels or blocks[-1][0].startswith("#")
              or _gap(previous, line) > spacing * PARAGRAPH_GAP):
            blocks.append([line.text])
        else:
            blocks[-1].append(line.text)
        previous = line
    return "\n\n".join("\n".join(block) for block in blocks)


def _usual_spacing(lines: list[Line]) -> float:
    gaps = [_gap(a, b) for a, b in zip(lines, lines[1:], strict=False)]
    gaps = [g for g in gaps if g > 0]
    return statistics.median(gaps) if gaps else float("inf")


def _gap(above: Line, below: Line) -> float:
    """Distance down the page; a line that goes up (a new column) counts as a wide gap."""
    gap = above.baseline - below.baseline
    return gap if gap >= 0 else float("inf")


def _facts(pdf: pdfium.PdfDocument) -> tuple[str, str, str]:
    def value(key: str) -> str:
        try:
            found = pdf.get_metadata_value(key)
        except (pdfium.PdfiumError, UnicodeDecodeError, ValueError):
            return ""
        return " ".join(str(found).split())[:META_LENGTH] if found else ""

    date = _PDF_DATE.match(value("CreationDate"))
    return value("Title"), value("Author"), "-".join(p for p in date.groups() if p) if date else ""
