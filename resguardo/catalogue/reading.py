"""Light text versions: structure recovered from extracted text, split into parts that each
arrive in one round trip.

Extracted text (from PDFs above all) is lines cut at the page's width, words broken by
hyphens at line ends or split after a letter set apart (`split_words.py`), page numbers and
running heads, and the debris of infographics; Markdown adds its inline marks and HTML. This
module turns it into blocks (headings, paragraphs, lists, tables), then into parts of at most
`PART_BUDGET` compressed bytes of HTML, each with its own headings for a table of contents.
Everything here is a plain function of the text, so it is tested on the seed documents.
"""

import re
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.core.cache import cache
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from resguardo.catalogue import split_words

if TYPE_CHECKING:
    from resguardo.catalogue.models import Resource

T = TypeVar("T")

# Bumped when the structure recovery changes, so cached versions are rebuilt.
VERSION = 7
# Compressed (gzip) bytes of a part's HTML. With the page around it (≈2.5 KB compressed,
# stylesheet included), a part stays well inside the 14,336 bytes of a first TCP flight.
PART_BUDGET = 7_000

_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.|pág(?:ina)?\.?|página)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"(?:\s*(?:/|of|de|sur)\s*\d{1,4})?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-–•◦▪■●○*⇒→➢►▸✓✔·]|\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]"
                     r"|[ivx]{1,4}[.)])\s+")
# A bullet, and a second one an extraction sometimes leaves after it ("- ⇒ Keep…").
_MARKER = re.compile(_BULLET.pattern + r"(?:[⇒→➢►▸✓✔·•]\s+)?")
_ORDERED = re.compile(r"^\s*\(?(?:[0-9]{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]\s")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LEAD_DEBRIS = re.compile(r"^[{}\[\]|\\/<>~^_=+]+\s+")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
# HTML that Markdown lets a writer put inside a line (Markdown's own inline HTML), by the
# names of HTML's phrasing elements only: "a <b> c" in prose and "<https://…>" stay text.
_INLINE_HTML = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|big|br|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|"
    r"span|strike|strong|sub|sup|tt|u|var|wbr)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+|mailto:[^\s<>]+)>", re.IGNORECASE)
_LEADER_DOTS = re.compile(r"\s*\.{3,}\s*$")
_WORD = re.compile(r"[^\W\d_]+")
_TERMINAL = (".", ",", ";", ":")


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "list", "table"
    text: str = ""
    level: int = 2  # headings: 2 (h2) to 4
    items: list[str] = field(default_factory=list)  # list items
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)  # table rows
    anchor: str = ""
    section_size: int = 0  # headings: characters of text before the next heading


@dataclass(frozen=True)
class Heading:
    anchor: str
    text: str
    level: int
    section_size: int = 0


@dataclass
class Part:
    """One page of the reading view: its HTML and its headings, small to cache and load."""

    number: int
    html: str
    compressed_size: int
    headings: list[Heading]

    @property
    def title(self) -> str:
        return self.headings[0].text if self.headings else ""


@dataclass
class Document:
    parts: list[Part]
    plain_text: str
    plain_text_compressed_size: int = 0

    @property
    def headings(self) -> list[tuple[Part, Heading]]:
        return [(part, b) for part in self.parts for b in part.headings]

    def outline(self) -> "Document":
        """The document without its text: parts' numbers, sizes and headings, small enough
        to load on every request (the text of each part is kept apart)."""
        return Document([Part(p.number, "", p.compressed_size, p.headings) for p in self.parts],
                        "", self.plain_text_compressed_size)


# -- From lines to blocks -------------------------------------------------------------------

def _clean_inline(text: str) -> str:
    """Markdown's marks within a line, read as the plain text they mark: the reading view's
    text is plain (as the HTML extractor's is), so emphasis, strong text and inline HTML
    keep their words and lose their marks, and a link keeps its words (an autolink, its
    address)."""
    text = _MD_LINK.sub(r"\1", text)
    text = _INLINE_HTML.sub(lambda m: " " if m.group(0)[1:3].lower() == "br" else "", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _MD_STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    return _MD_EMPHASIS.sub(r"\1", text)


@dataclass
class _Raw:
    lines: list[str]
    page_edge: bool = False  # the first or last block of a page (between form feeds)


def _is_page_number(line: str) -> bool:
    return len(line) <= 24 and bool(_PAGE_NUMBER.match(line))


def _raw_blocks(text: str) -> list[_Raw]:
    """Groups of non-empty lines between blank lines. A block that is only a page number
    is dropped, as is one opening a block ("04" above a heading); a number inside a
    paragraph ("call 155") stays."""
    blocks: list[_Raw] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for page in text.split("\f"):
        on_page: list[_Raw] = []
        for chunk in re.split(r"\n[ \t]*\n", page):
            lines = [line.strip() for line in chunk.split("\n")]
            lines = [line for line in lines if line]
            while lines and _is_page_number(lines[0]):
                lines.pop(0)
            if lines and not (len(lines) == 1 and _is_page_number(lines[0])):
                on_page.append(_Raw(lines))
        if on_page and "\f" in text:
            on_page[0].page_edge = on_page[-1].page_edge = True
        blocks.extend(on_page)
    return blocks


def _vocabulary(blocks: list[_Raw]) -> set[str]:
    """Words the document uses in running text (lines long enough to be prose)."""
    words: set[str] = set()
    for block in blocks:
        for line in block.lines:
            if len(line) >= 40:
                words.update(w.lower() for w in _WORD.findall(line))
    return words


def _is_debris(lines: list[str], vocabulary: set[str]) -> bool:
    """Scattered letters of an infographic: mostly words the prose never uses."""
    tokens = [w.lower() for line in lines for w in _WORD.findall(line)]
    if not tokens:
        return not any(ch.isdigit() for line in lines for ch in line)
    words = [w for w in tokens if len(w) > 2]  # "a", "de", "by" tell nothing either way
    if not words:
        return True
    if len(vocabulary) < 300:  # too little prose to judge words by
        return False
    unknown = sum(1 for w in words if w not in vocabulary)
    if len(lines) == 1:  # one line is never judged by its words: "Maria Gonzalez Perez"
        return False
    lengths = sorted(len(line) for line in lines)
    return unknown / len(words) > 0.6 and lengths[len(lengths) // 2] <= 12


def _running_heads(blocks: list[_Raw]) -> set[str]:
    """Lines that open or close many pages: running heads and footers. Only a document with
    page breaks has them; a refrain or a heading repeated in the text is never one."""
    pages = sum(1 for b in blocks if b.page_edge) // 2 or 1
    counts = Counter(b.lines[0] for b in blocks
                     if b.page_edge and len(b.lines) == 1 and len(b.lines[0]) <= 80)
    return {line for line, n in counts.items() if n >= 3 and n >= pages * 0.3}


def _join_lines(lines: list[str], hyphenated: set[str]) -> str:
    """Lines of one paragraph joined; a word broken at a line end is mended (unless the
    document writes it with a hyphen elsewhere: "self-government")."""
    pieces = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        if previous.endswith("-") and line[:1].islower() and previous[-2:-1].isalpha():
            head = re.search(r"(\w+)-$", previous[-60:])
            tail = re.match(r"\w+", line)
            keep = bool(head and tail and f"{head.group(1)}-{tail.group(0)}".lower()
                        in hyphenated)
            if not keep:
                pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
        else:
            pieces.append(" " + line)
    return " ".join("".join(pieces).split())


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+\S")


def _heading_level(lines: list[str], previous: Block | None) -> int:
    """2 or 3 when the block reads as a heading, else 0."""
    joined = " ".join(lines)
    words = joined.split()
    numbered = bool(_NUMBERED.match(joined))  # "7. How to address…" may run longer
    if not words or len(joined) > (160 if numbered else 120) or len(words) > (
            24 if numbered else 16):
        return 0
    if joined.endswith(_TERMINAL) or not (joined[0].isupper() or joined[0].isdigit()
                                          or joined[0] in "“\"'¿¡"):
        return 0
    if not any(ch.isalpha() for ch in joined):
        return 0
    caps = _is_caps(joined)
    if len(lines) > 1 and not caps and (len(joined) > 60 or len(words) > 8):
        return 0
    if not caps and previous is not None and previous.kind == "heading" and previous.level == 3:
        return 0  # two mixed-case "headings" in a row are a label and its value
    return 2 if caps else 3


def _list_block(lines: list[str], hyphenated: set[str]) -> Block:
    items: list[list[str]] = []
    for line in lines:
        if _BULLET.match(line):
            items.append([_MARKER.sub("", line, count=1)])
        elif items:
            items[-1].append(line)
    ordered = all(_ORDERED.match(line) for line in lines if _BULLET.match(line))
    return Block("list", items=[_join_lines(i, hyphenated) for i in items if i],
                 ordered=ordered)


def _table_block(lines: list[str]) -> Block:
    rows = []
    for line in lines:
        cells = [_clean_inline(_LEADER_DOTS.sub("", c.strip()))
                 for c in line.strip().strip("|").split("|")]
        if all(not c or set(c) <= set("-: ") for c in cells):
            continue  # separator or empty row
        rows.append(cells)
    return Block("table", rows=rows)


def _caps_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) / len(letters) >= 0.7


def _split_at_caps(lines: list[str]) -> list[list[str]]:
    """A block whose lines switch between ALL-CAPS and prose: a heading the extraction glued
    to its paragraph. Each run becomes a block of its own."""
    runs: list[list[str]] = []
    for line in lines:
        if runs and _caps_line(line) == _caps_line(runs[-1][-1]):
            runs[-1].append(line)
        else:
            runs.append([line])
    caps_runs = [run for run in runs if _caps_line(run[0])]
    if len(runs) == 1 or any(len(" ".join(run)) > 120 or sum(ch.isalpha() for ch in "".join(run))
                             < 6 for run in caps_runs):
        return [lines]
    return runs


def structure(text: str) -> list[Block]:
    """The document's blocks, with debris, page numbers and running heads dropped."""
    raw = _raw_blocks(split_words.mend(text.replace("\r\n", "\n").replace("\r", "\n")))
    vocabulary = _vocabulary(raw)
    heads = _running_heads(raw)
    hyphenated = {w.lower() for w in re.findall(r"\w+-\w+", text)}
    blocks: list[Block] = []
    for block in raw:
        found = block.lines
        if all(line.startswith("|") for line in found):
            table = _table_block(found)
            if table.rows:
                blocks.append(table)
            continue
        for lines in _split_at_caps(found):
            _add(blocks, lines, vocabulary=vocabulary, heads=heads, hyphenated=hyphenated)
    blocks = _without_contents_list(_mend_page_breaks(blocks))
    _normalise_levels(blocks)
    _name_anchors(blocks)
    _measure_sections(blocks)
    return blocks


def _measure_sections(blocks: list[Block]) -> None:
    """How much text each heading leads, its subsections included."""
    open_: list[Block] = []
    for b in blocks:
        if b.kind == "heading":
            open_ = [h for h in open_ if h.level < b.level] + [b]
            continue
        size = len(b.text) + sum(map(len, b.items)) + sum(len(c) for row in b.rows for c in row)
        for heading in open_:
            heading.section_size += size


def _add(blocks: list[Block], lines: list[str], *, vocabulary: set[str], heads: set[str],
         hyphenated: set[str]) -> None:
    if len(lines) == 1 and (md := _MD_HEADING.match(lines[0])):
        text = _clean_inline(md.group(2))
        blocks.append(Block("heading", text=text, level=min(len(md.group(1)) + 1, 4)))
        return
    lines = [_clean_inline(_LEAD_DEBRIS.sub("", line)) for line in lines]
    lines = [line for line in lines if line]
    if not lines or (len(lines) == 1 and lines[0] in heads) or _is_debris(lines, vocabulary):
        return
    bullet_at = next((i for i, line in enumerate(lines) if _BULLET.match(line)), None)
    if bullet_at is not None and (len(lines) > 1 or bullet_at > 0):
        if bullet_at:
            blocks.append(Block("paragraph", text=_join_lines(lines[:bullet_at], hyphenated)))
        blocks.append(_list_block(lines[bullet_at:], hyphenated))
        return
    level = _heading_level(lines, blocks[-1] if blocks else None)
    if level:
        blocks.append(Block("heading", text=" ".join(" ".join(lines).split()), level=level))
    else:
        blocks.append(Block("paragraph", text=_join_lines(lines, hyphenated)))


def _mend_page_breaks(blocks: list[Block]) -> list[Block]:
    """A paragraph cut by a page break (it stops mid-sentence and the next block goes on in
    lower case) is one paragraph again."""
    mended: list[Block] = []
    pieces: list[list[str]] = []  # the texts each mended paragraph is made of
    for b in blocks:
        last = mended[-1] if mended else None
        if (last is not None and last.kind == b.kind == "paragraph" and b.text[:1].islower()
                and not pieces[-1][-1].endswith((".", "!", "?", ":", ";", "”", '"'))):
            pieces[-1].append(b.text)
        else:
            mended.append(b)
            pieces.append([b.text])
    for b, texts in zip(mended, pieces, strict=True):
        if len(texts) > 1:
            b.text = " ".join(texts)
    return mended


_CONTENTS = re.compile(r"^(table of )?contents?$|^índice$|^sommaire$|^contenidos?$|^sumário$|"
                       r"^table des matières$|^tabla de contenidos?$", re.IGNORECASE)


def _without_contents_list(blocks: list[Block]) -> list[Block]:
    """The document's own table of contents points at page numbers the reader doesn't have;
    the reading view makes its own."""
    kept: list[Block] = []
    skipping = False
    for b in blocks:
        if b.kind == "heading" and _CONTENTS.match(b.text.strip()):
            skipping = True
            continue
        if skipping and b.kind in ("table", "list"):
            continue
        skipping = False
        kept.append(b)
    return kept


def _normalise_levels(blocks: list[Block]) -> None:
    """Levels start at h2 and never skip one going down (an h1 is the resource's title)."""
    used = sorted({b.level for b in blocks if b.kind == "heading"})
    mapping = {level: 2 + i for i, level in enumerate(used)}
    previous = 1
    for b in blocks:
        if b.kind == "heading":
            b.level = previous = min(mapping[b.level], previous + 1)


def _name_anchors(blocks: list[Block]) -> None:
    seen: Counter[str] = Counter()
    for b in blocks:
        if b.kind == "heading":
            base = slugify(b.text)[:50].strip("-") or "section"
            seen[base] += 1
            b.anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"


# -- From blocks to HTML parts --------------------------------------------------------------

def render(block: Block) -> str:
    if block.kind == "heading":
        return format_html('<h{0} id="{1}">{2}</h{0}>\n', block.level, block.anchor, block.text)
    if block.kind == "list":
        tag = "ol" if block.ordered else "ul"
        items = format_html_join("", "<li>{}</li>", ((i,) for i in block.items))
        return format_html("<{0}>{1}</{0}>\n", tag, items)
    if block.kind == "table":
        rows = format_html_join("", "<tr>{}</tr>", (
            (format_html_join("", "<td>{}</td>", ((c,) for c in row)),) for row in block.rows))
        return format_html("<table>{}</table>\n", rows)
    return format_html("<p>{}</p>\n", block.text)


def _compressed(html: str) -> int:
    return len(zlib.compress(html.encode(), 6))


def _split_long(block: Block, limit: int) -> list[Block]:
    """A block too long for one part, cut: a paragraph between sentences, a list between
    items, a table between rows."""
    if block.kind == "list":
        return [Block("list", items=chunk, ordered=block.ordered)
                for chunk in _chunks(block.items, limit, len)]
    if block.kind == "table":
        return [Block("table", rows=chunk)
                for chunk in _chunks(block.rows, limit, lambda row: sum(map(len, row)) + 9)]
    if block.kind != "paragraph" or len(block.text) <= limit:
        return [block]
    pieces: list[Block] = []
    current = ""
    for sentence in re.split(r"(?<=[.!?])\s+", block.text):
        while len(sentence) > limit:  # no sentence ends: cut between words
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(Block("paragraph", text=current))
                current = ""
            pieces.append(Block("paragraph", text=sentence[:cut]))
            sentence = sentence[cut:].lstrip()
        if current and len(current) + len(sentence) + 1 > limit:
            pieces.append(Block("paragraph", text=current))
            current = ""
        current = f"{current} {sentence}".strip()
    if current:
        pieces.append(Block("paragraph", text=current))
    return pieces


def _chunks(items: list[T], limit: int, size: Callable[[T], int]) -> list[list[T]]:
    chunks: list[list[T]] = [[]]
    total = 0
    for item in items:
        if chunks[-1] and total + size(item) > limit:
            chunks.append([])
            total = 0
        chunks[-1].append(item)
        total += size(item)
    return chunks


def _make_part(number: int, blocks: list[Block], continued: Sequence[Block] = ()) -> Part:
    """A part's HTML; a part starting inside a section repeats the headings it sits under,
    so its outline never jumps from the title to a subheading."""
    first = next((b.level for b in blocks if b.kind == "heading"), None)
    carried = [h for h in continued if first is None or h.level < first]
    html = "".join(format_html('<h{0} class="continued">{1}</h{0}>\n', h.level, h.text)
                   for h in carried)
    html += "".join(render(b) for b in blocks)
    headings = [Heading(b.anchor, b.text, b.level, b.section_size)
                for b in blocks if b.kind == "heading"]
    return Part(number, html, _compressed(html), headings)


def split(blocks: list[Block], budget: int = PART_BUDGET) -> list[Part]:
    """Consecutive blocks grouped into parts of at most `budget` compressed bytes, breaking
    before a heading where one comes late enough in a part."""
    if not blocks:
        return []
    rendered = [render(b) for b in blocks]
    whole = "".join(rendered)
    if _compressed(whole) <= budget:
        return [_make_part(1, blocks)]  # a short document stays one page
    ratio = max(_compressed(whole) / max(len(whole.encode()), 1), 0.2)
    raw_budget = int(budget / ratio * 0.9)
    pieces: list[Block] = []
    for b in blocks:
        pieces.extend(_split_long(b, raw_budget // 2))
    groups: list[list[Block]] = [[]]
    size = 0
    for b in pieces:
        length = len(render(b).encode())
        starts_section = b.kind == "heading" and b.level == 2
        if groups[-1] and (size + length > raw_budget
                           or (starts_section and size > raw_budget * 0.6)):
            groups.append([])
            size = 0
        groups[-1].append(b)
        size += length
    fitted: list[list[Block]] = []
    for group in groups:
        fitted.extend(_fit(group, budget))
    parts: list[Part] = []
    open_: list[Block] = []
    for n, group in enumerate(fitted, start=1):
        parts.append(_make_part(n, group, continued=open_))
        for b in group:
            if b.kind == "heading":
                open_ = [h for h in open_ if h.level < b.level] + [b]
    return parts


def _fit(group: list[Block], budget: int) -> list[list[Block]]:
    """A group whose estimate was optimistic, halved until each half fits."""
    if len(group) <= 1 or _compressed("".join(render(b) for b in group)) <= budget:
        return [group]
    middle = len(group) // 2
    return _fit(group[:middle], budget) + _fit(group[middle:], budget)


def plain_text(blocks: list[Block]) -> str:
    """The cleaned text for the .txt download: headings on their own lines, lists dashed."""
    out: list[str] = []
    for b in blocks:
        if b.kind == "heading":
            out.append(b.text.upper() if b.level == 2 else b.text)
        elif b.kind == "list":
            out.append("\n".join(f"- {item}" for item in b.items))
        elif b.kind == "table":
            out.append("\n".join(" | ".join(c for c in row if c) for row in b.rows))
        else:
            out.append(b.text)
    return "\n\n".join(out) + "\n"


def read(text: str, budget: int = PART_BUDGET) -> Document:
    blocks = structure(text)
    plain = plain_text(blocks)
    return Document(split(blocks, budget), plain, len(zlib.compress(plain.encode(), 6)))


# A resource's light text is kept in the shared cache in pieces, until the resource changes:
# its outline, each part's HTML and the plain text, so a request loads only what it shows.
KEPT_SECONDS = 30 * 24 * 3600


def _key(resource: "Resource", piece: str) -> str:
    return f"reading:{VERSION}:{resource.pk}:{resource.updated_at.timestamp()}:{piece}"


def _build(resource: "Resource") -> Document:
    """Read the resource's full text (loaded now if it was deferred) and keep every piece."""
    document = read(resource.full_text)
    pieces: dict[str, object] = {_key(resource, "outline"): document.outline(),
                                 _key(resource, "txt"): document.plain_text}
    pieces.update({_key(resource, f"part:{p.number}"): p.html for p in document.parts})
    cache.set_many(pieces, timeout=KEPT_SECONDS)
    return document


def for_resource(resource: "Resource") -> Document:
    """The outline of the resource's light text: parts (without their HTML) and sizes."""
    outline = cache.get(_key(resource, "outline"))
    return outline if outline is not None else _build(resource).outline()


def part_html(resource: "Resource", number: int) -> str:
    html = cache.get(_key(resource, f"part:{number}"))
    return html if html is not None else _build(resource).parts[number - 1].html


def text_of(resource: "Resource") -> str:
    text = cache.get(_key(resource, "txt"))
    return text if text is not None else _build(resource).plain_text


@dataclass(frozen=True)
class Entry:
    part: int
    anchor: str
    text: str
    level: int


CONTENTS_LIMIT = 60
# A heading with less text than this under it (a title page's "ISBN", "Donors") is a label,
# not a section worth a line in the contents.
SECTION_MINIMUM = 200


def contents(document: Document) -> list[Entry]:
    """The table of contents: every section's heading, or only the top level, or one line
    per part, whichever first fits in `CONTENTS_LIMIT` lines (a long table would cost a
    round trip)."""
    headings = document.headings
    sections = [(part, h) for part, h in headings if h.section_size >= SECTION_MINIMUM
                and (" " in h.text or len(h.text) >= 8)]  # "EAN", "REPORT": labels
    entries = [Entry(part.number, h.anchor, h.text, h.level)
               for part, h in (sections if len(sections) >= 2 else headings)]
    if len(entries) > CONTENTS_LIMIT:
        entries = [e for e in entries if e.level == 2]
    if len(entries) > CONTENTS_LIMIT or (not entries and len(document.parts) > 1):
        entries = [Entry(p.number, p.headings[0].anchor if p.headings else "",
                         p.title, 2) for p in document.parts]
    return entries


def first_paragraph(text: str) -> str:
    return next((b.text for b in structure(text) if b.kind == "paragraph"), "")
