"""HTML (and the XHTML inside EPUB) to light markup, with the standard library's parser.

The parser never fetches, runs or expands anything beyond HTML's own character references,
and keeps no tree: nesting only grows a few small stacks, so absurd nesting costs nothing.
Scripts, styles, navigation and the head are skipped; headings, paragraphs, list items and
table rows become `#`, blank lines, `- ` / `1. ` and `| … |`.

Before parsing, every `<` that opens nothing (no `>` before the next `<`) is written `&lt;`:
the standard library's parser (before Python 3.11.13) looks for the end of each such
construct to the end of the text, so 200,000 of them took minutes.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from resguardo.ingest.base import Extraction, Limits
from resguardo.ingest.extractors.markup import META_LENGTH, iso_date, join_blocks, one_line
from resguardo.ingest.extractors.text import read_text

SKIPPED = frozenset({"script", "style", "nav", "head", "template", "svg", "math", "select",
                     "button", "iframe", "object", "noembed", "noframes"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "footer", "aside",
                    "blockquote", "figure", "figcaption", "address", "pre", "dd", "dt", "dl",
                    "ul", "ol", "table", "form", "fieldset", "details", "summary", "hr",
                    "caption", "center", "body", "html", "hgroup", "legend"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
_AUTHOR = {"author", "dc.creator", "dcterms.creator", "article:author"}
_DATE = {"date", "dc.date", "dcterms.date", "dcterms.created", "dcterms.issued",
         "article:published_time", "citation_publication_date"}


def extract(path: Path, limits: Limits) -> Extraction:
    text, notes = read_text(path, limits)
    converted = convert(text)
    return Extraction("html", converted.markup(), title=converted.title,
                      author=converted.author, date=converted.date, notes=notes)


def convert(html: str) -> "Converter":
    converter = Converter()
    converter.feed(defuse(html))
    converter.close()
    return converter


def defuse(html: str) -> str:
    """The text with each `<` that opens no complete tag, comment or declaration escaped;
    comments and the contents of scripts and styles are passed over whole. One pass: each
    character is looked at a bounded number of times."""
    lowered = html.lower()
    out: list[str] = []
    done = at = 0
    while (at := html.find("<", at)) >= 0:
        end = _construct_end(html, lowered, at)
        if end < 0:
            out.append(html[done:at] + "&lt;")
            done = at = at + 1
        else:
            at = end
    out.append(html[done:])
    return "".join(out)


def _construct_end(html: str, lowered: str, at: int) -> int:
    """Where the construct opened at `at` ends, or -1 when the `<` opens none."""
    if html.startswith("<!--", at):
        end = html.find("-->", at + 4)
        return end + 3 if end >= 0 else len(html)  # an unclosed comment runs to the end
    following = html[at + 1: at + 3]
    if not following or not (following[0].isalpha() or following[0] in "!?" or (
            following[0] == "/" and following[1:].isalpha())):
        return -1
    next_open = html.find("<", at + 1)
    close = html.find(">", at + 1, next_open if next_open >= 0 else len(html))
    if close < 0:
        return -1
    for raw in ("script", "style"):
        if lowered.startswith(raw, at + 1):
            end = lowered.find(f"</{raw}", close)
            return end if end >= 0 else len(html)
    return close + 1


class Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text): heading, item, row, paragraph
        self.title = self.author = self.date = ""
        self._first_h1 = ""
        self._inline: list[str] = []
        self._skipping: list[str] = []
        self._context: list[tuple[str, int]] = []  # ("h", level), ("li", list depth)
        self._lists: list[list[int]] = []  # per open list: [ordered, items so far, serial]
        self._serial = 0
        self._tables = 0
        self._table = 0  # serial of the outermost open table
        self._row: list[str] | None = None
        self._cell = False
        self._pre = 0
        self._in_title = False
        self._title: list[str] = []

    # -- the result -------------------------------------------------------------------------

    def markup(self) -> str:
        return join_blocks(self.blocks)

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush()
        self.title = self.title or self._first_h1

    # -- the parser's callbacks -------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = not self.title
        elif tag == "meta":
            self._meta(dict(attrs))
        if tag == "body" and "head" in self._skipping:
            self._skipping.clear()  # a head left open
        if tag in SKIPPED:
            self._skipping.append(tag)
        if self._skipping:
            return
        if tag in HEADINGS:
            self._flush()
            self._context.append(("h", HEADINGS[tag]))
        elif tag == "li":
            self._start_item()
        elif tag in ("ul", "ol", "menu"):
            self._flush()
            self._serial += 1
            self._lists.append([tag == "ol", 0, self._serial])
        elif tag == "br":
            self._inline.append("\n")
        elif tag == "pre":
            self._flush()
            self._pre += 1
        elif tag in ("tr", "td", "th", "table"):
            self._table_start(tag)
        elif tag in BLOCKS:
            self._block_edge()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = self.title or one_line("".join(self._title))
        if tag in self._skipping:
            del self._skipping[len(self._skipping) - 1 - self._skipping[::-1].index(tag):]
            return
        if self._skipping:
            return
        if tag in HEADINGS or tag == "li":
            self._flush()
            kind = "h" if tag in HEADINGS else "li"
            if self._context and self._context[-1][0] == kind:
                self._context.pop()
        elif tag in ("ul", "ol", "menu"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag == "pre":
            self._flush()
            self._pre = max(0, self._pre - 1)
        elif tag in ("tr", "td", "th", "table"):
            self._table_end(tag)
        elif tag in BLOCKS:
            self._block_edge()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if not self._skipping:
            self._inline.append(data if self._pre else re.sub(r"\s+", " ", data))

    # -- blocks -----------------------------------------------------------------------------

    def _block_edge(self) -> None:
        if self._cell:
            self._inline.append(" ")
        else:
            self._flush()

    def _start_item(self) -> None:
        self._flush()
        depth = len(self._lists)
        if self._context and self._context[-1] == ("li", depth):
            self._context.pop()  # the previous item's end tag was left out
        if self._lists:
            self._lists[-1][1] += 1
        self._context.append(("li", depth))

    def _flush(self) -> None:
        if self._cell:
            return
        raw, self._inline = "".join(self._inline), []
        lines = [" ".join(line.split()) if not self._pre else line.rstrip()
                 for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line.strip())
        if not text:
            return
        kind, level = self._context[-1] if self._context else ("p", 0)
        single = " ".join(text.split())
        if kind == "h":
            self.blocks.append(("heading", "#" * min(level, 3) + " " + single))
            if level == 1 and not self._first_h1:
                self._first_h1 = single[:META_LENGTH]
        elif kind == "li":
            ordered, number, _serial = self._lists[-1] if self._lists else (False, 0, 0)
            marker = f"{number}. " if ordered else "- "
            # Items of nested lists stay in the block of the outermost list.
            self.blocks.append((f"item:{self._lists[0][2] if self._lists else 0}",
                                marker + single))
        else:
            self.blocks.append(("paragraph", text))

    # -- tables: rows of the outermost table; a table inside a cell is flattened into it ----

    def _table_start(self, tag: str) -> None:
        if tag == "table":
            self._tables += 1
            if self._tables == 1:
                self._flush()
                self._serial += 1
                self._table = self._serial
            else:
                self._inline.append(" ")
        elif self._tables > 1:
            self._inline.append(" ")
        elif tag == "tr":
            self._end_row()
            self._flush()
            self._row = []
        else:
            self._end_cell()
            if self._row is None:
                self._flush()
                self._row = []
            self._cell = True

    def _table_end(self, tag: str) -> None:
        if tag == "table":
            self._tables = max(0, self._tables - 1)
            if self._tables == 0:
                self._end_row()
        elif self._tables > 1:
            self._inline.append(" ")
        elif tag == "tr":
            self._end_row()
        else:
            self._end_cell()

    def _end_cell(self) -> None:
        if self._cell and self._row is not None:
            self._row.append(" ".join("".join(self._inline).split()).replace("|", "¦"))
            self._inline = []
        self._cell = False

    def _end_row(self) -> None:
        self._end_cell()
        if self._row and any(self._row):
            self.blocks.append((f"row:{self._table}", "| " + " | ".join(self._row) + " |"))
        self._row = None

    # -- facts ------------------------------------------------------------------------------

    def _meta(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("name") or attrs.get("property") or "").lower()
        content = one_line(attrs.get("content"))
        if name in _AUTHOR and not self.author:
            self.author = content
        elif name in _DATE and not self.date:
            self.date = iso_date(content)
