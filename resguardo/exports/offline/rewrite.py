"""Rewrite the links of a page (or a stylesheet), leaving every other byte as it was.

The parser only finds where things are; the page is then edited at those places, so a
tag whose link does not change keeps its exact spelling. A `decide` function says what
becomes of each link: keep it, point it elsewhere, unwrap it to its text (an `<a>`), or
drop the element with what it holds. Forms need a server, so they go; a search form is
replaced by a note.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

LINKING = ("href", "src", "poster")
# Elements without an end tag: dropping one drops the tag alone.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]+)\1\s*\)""")
_ATTRIBUTE = r"""(?<=\s)({name}\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)"""


@dataclass(frozen=True)
class Keep:
    pass


@dataclass(frozen=True)
class Point:
    href: str


@dataclass(frozen=True)
class Unwrap:
    note: str = ""  # HTML put after the text that was the link


@dataclass(frozen=True)
class Drop:
    pass


Decision = Keep | Point | Unwrap | Drop
Decide = Callable[[str], Decision]


def rewrite_html(page: str, decide: Decide, *, search_note: str = "") -> str:
    parser = _Rewriter(page, decide, search_note)
    parser.feed(page)
    parser.close()
    return _apply(page, parser.edits)


def rewrite_css(css: str, decide: Decide) -> str:
    def replace(match: re.Match[str]) -> str:
        decision = decide(match.group(2))
        if isinstance(decision, Point):
            return f'url("{decision.href}")'
        return match.group(0) if isinstance(decision, Keep) else "none"

    return _CSS_URL.sub(replace, css)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, at = [], 0
    for start, end, replacement in sorted(edits):
        if start < at:
            continue  # inside something already dropped
        out += [text[at:start], replacement]
        at = end
    out.append(text[at:])
    return "".join(out)


class _Rewriter(HTMLParser):
    def __init__(self, page: str, decide: Decide, search_note: str):
        super().__init__(convert_charrefs=False)
        self.page, self.decide, self.search_note = page, decide, search_note
        self.lines = [0] + [m.end() for m in re.finditer("\n", page)]
        self.edits: list[tuple[int, int, str]] = []
        # The element being dropped (tag, depth, start, replacement), and unwrapped <a>s.
        self.dropping: tuple[str, int, int, str] | None = None
        self.anchors: list[Unwrap | None] = []
        self.in_style = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            name, depth, start, note = self.dropping
            self.dropping = (name, depth + (tag == name), start, note)
            return
        start, text = self._offset(), self.get_starttag_text() or ""
        if tag == "form":
            searching = dict(attrs).get("role") == "search"
            self.dropping = ("form", 1, start, self.search_note if searching else "")
            return
        self.in_style = tag == "style"
        name, decision = self._decide(attrs)
        if isinstance(decision, Point):
            self.edits.append((start, start + len(text), _point(text, name, decision.href)))
        elif isinstance(decision, Unwrap) and tag == "a":
            self.edits.append((start, start + len(text), ""))
        elif isinstance(decision, Unwrap | Drop):
            self._drop(tag, start, text)
            if self.dropping:
                return
        if tag == "a":
            self.anchors.append(decision if isinstance(decision, Unwrap) else None)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            return
        start, text = self._offset(), self.get_starttag_text() or ""
        name, decision = self._decide(attrs)
        if isinstance(decision, Point):
            self.edits.append((start, start + len(text), _point(text, name, decision.href)))
        elif isinstance(decision, Unwrap | Drop):
            self.edits.append((start, start + len(text), ""))

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.page.index(">", start) + 1
        if self.dropping:
            name, depth, first, note = self.dropping
            depth -= tag == name
            self.dropping = (name, depth, first, note) if depth else None
            if not depth:
                self.edits.append((first, end, note))
            return
        self.in_style = False
        if tag == "a" and self.anchors:
            unwrapped = self.anchors.pop()
            if unwrapped:
                self.edits.append((start, end, unwrapped.note))

    def handle_data(self, data: str) -> None:
        if self.in_style and not self.dropping:
            start = self._offset()
            self.edits.append((start, start + len(data), rewrite_css(data, self.decide)))

    def _decide(self, attrs: list[tuple[str, str | None]]) -> tuple[str, Decision]:
        for name, value in attrs:
            if name in LINKING and value is not None:
                return name, self.decide(value)
        return "", Keep()

    def _drop(self, tag: str, start: int, text: str) -> None:
        if tag in VOID:
            end = start + len(text)
            # A tag alone on its line takes its line with it.
            alone = (start == 0 or self.page[start - 1] == "\n") and self.page[end:end + 1] == "\n"
            self.edits.append((start, end + alone, ""))
        else:
            self.dropping = (tag, 1, start, "")


def _point(tag: str, name: str, href: str) -> str:
    pattern = re.compile(_ATTRIBUTE.format(name=name), re.IGNORECASE)
    return pattern.sub(lambda m: f'{m.group(1)}"{escape(href)}"', tag, count=1)
