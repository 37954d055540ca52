"""Markdown that neither acts nor fetches when a viewer shows it (GitHub, Obsidian, VS Code's
preview, an offline reader), written back as the contributor wrote it wherever nothing had to
change. `scrub()` below cleans a file with `clean()`.

The file is read by markdown-it-py (CommonMark, as our knowledge pages), letting every
address through as other viewers would, so that we see each picture and link they show:

- A picture from elsewhere becomes a link to it, its description the link's text: a reader
  may still open it, no viewer loads it. Inside a link (a linked badge) only its description
  stays, as it does for a picture whose address is not a web one (file:, //host). A picture
  from beside the document stays; a `data:` picture (PNG, JPEG, GIF, WebP) is cleaned of its
  metadata, or goes (the caller's `picture`).
- A link keeps a web, mail or relative address; any other (javascript:, file:) leaves its
  text only.
- Raw HTML goes through the HTML scrubber's allow-list (`markup.sanitize_fragment`) instead of
  being escaped: Markdown writers use HTML for what Markdown lacks (`<details>`, `<sup>`, a
  local picture with a width, a table with merged cells), which escaped would show on screen
  as tag soup, while the allow-list keeps them and leaves out what acts or fetches. Inline,
  each tag is cleaned alone, and what is written between `<script>` or `<style>` tags goes
  with them.

Only the top-level blocks (a paragraph, a list, a quote) that held such a thing are written
again, by mdformat; every other line stays byte for byte. Writing a block again can make
Markdown of what was not (text freed from a tag the allow-list dropped), so the result is
read again until nothing changes.
"""

import re
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdformat.renderer import MDRenderer

from resguardo.ingest.base import Damaged, Limits
from resguardo.ingest.scrubbers import addresses, images, markup
from resguardo.ingest.scrubbers.images import Picture


def scrub(source: Path, target: Path, limits: Limits) -> list[str]:
    """Remote pictures become links, raw HTML goes through the HTML allow-list, `data:`
    pictures are cleaned; blocks with none of these stay as written."""
    pictures = images.DataPictures()
    try:
        text, acting = clean(markup.page_text(source, limits), pictures)
    except Unsettled as error:
        raise Damaged(_("its Markdown kept changing as we cleaned it")) from error
    target.write_bytes(text.encode())
    log = [_("Markdown comments (hidden notes in its HTML)")] if "comments" in acting else []
    acting.discard("comments")
    if acting:
        log.append(_("Markdown scripts and remote content: %(names)s")
                   % {"names": markup.labels(acting)})
    return log + pictures.log()


MAX_READINGS = 4  # each change settles in one more reading; a hostile file may need two
_LINE = re.compile(r"(\r\n?|\n)")  # what markdown-it counts as a line end
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


class Unsettled(ValueError):
    """Cleaning still changed the text after MAX_READINGS readings."""


class _Parser(MarkdownIt):
    def __init__(self) -> None:
        super().__init__("commonmark", {"store_labels": True})  # [text][label] written back
        # what mdformat's renderer reads of the parser's options; "number": a list written
        # again keeps counting 1. 2. 3. (mdformat's default writes 1. 1. 1.)
        self.options["mdformat"] = {"number": True}
        self.options["parser_extension"] = []

    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
        return True  # markdown-it hides javascript: links; other viewers show them: we decide


_PARSER = _Parser()
_RENDERER = MDRenderer()


def clean(text: str, picture: Picture) -> tuple[str, set[str]]:
    """`text` without what acts or fetches, and what went: keys of `markup.LABELS`, and
    "comments" for HTML comments."""
    found: set[str] = set()
    for _reading in range(MAX_READINGS):
        text, changed = _once(text, picture, found)
        if not changed:
            return text, found
    raise Unsettled


def _once(text: str, picture: Picture, found: set[str]) -> tuple[str, bool]:
    env: MutableMapping[str, Any] = {}
    tokens = _PARSER.parse(text, env)
    references = env.get("references", {})
    definitions = _definitions(references, picture)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = _lines(text)
    edits: list[tuple[int, int, str]] = []  # (first line, line after, new text)
    for start, end in _blocks(tokens):
        block = tokens[start:end + 1]
        if block[0].map is None:  # CommonMark gives every top-level block its lines
            raise Unsettled("a block without lines")
        first, last = block[0].map
        inside = {label for label in definitions if first <= references[label]["map"][0] < last}
        if _clean_block(block, picture, found) or inside:
            definitions -= inside
            new = _render(block, env, references, first, last).replace("\n", newline)
            if not new.strip():  # nothing left of it: the blank line after it goes too
                new, last = "", last + (last < len(lines) and not lines[last].strip())
            elif last and not lines[last - 1].strip():
                new += lines[last - 1]  # a list's last blank line, which kept it loose
            edits.append((first, last, new))
    for label in definitions:  # between blocks: written again in place
        first, last = references[label]["map"]
        new = _definition(label, references[label]) + newline if references[label]["href"] \
            else ""
        edits.append((first, last, new))
    for first, last, new in sorted(edits, reverse=True):
        lines[first:last] = [new]
    return "".join(lines), bool(edits)


def _lines(text: str) -> list[str]:
    pieces = _LINE.split(text)
    pieces.append("")
    return [pieces[at] + pieces[at + 1] for at in range(0, len(pieces) - 1, 2)
            if pieces[at] + pieces[at + 1]]


def _blocks(tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """(first, last) token of each top-level block."""
    start = 0
    for at, token in enumerate(tokens):
        if token.level == 0 and token.nesting == 1:
            start = at
        elif token.level == 0:
            yield (at if token.nesting == 0 else start), at


def _render(block: list[Token], env: MutableMapping[str, Any],
            references: dict[str, dict[str, Any]], first: int, last: int) -> str:
    """A block written again, with the link definitions it held (mdformat writes only
    those of the whole document, at its end) after it: a definition holds anywhere."""
    text = _RENDERER.render(block, _PARSER.options, env, finalize=False)
    held = [_definition(label, reference) for label, reference in references.items()
            if first <= reference["map"][0] < last and reference["href"] is not None]
    return text + ("\n\n" + "\n".join(held) if held else "") + "\n"


def _definition(label: str, reference: dict[str, Any]) -> str:
    title = reference.get("title") or ""
    title = ' "' + title.replace('"', '\\"') + '"' if title else ""
    return f"[{label.lower()}]: {reference['href'] or '<>'}{title}"


def _definitions(references: dict[str, dict[str, Any]], picture: Picture) -> set[str]:
    """Labels of the link definitions whose address is a `data:` one that changed: the
    picture cleaned, or None (gone). Unused, they would still be in the file's bytes."""
    changed = set()
    for label, reference in references.items():
        href = reference["href"]
        if href and addresses.scheme(href) == "data":
            new = picture(href)
            if new != href:
                reference["href"] = new
                changed.add(label)
    return changed


def _clean_block(block: list[Token], picture: Picture, found: set[str]) -> bool:
    changed = False
    for token in block:
        if token.type == "html_block":
            cleaned, acting = markup.sanitize_fragment(token.content, picture)
            found |= acting | _comments(token.content)
            if cleaned.strip() != token.content.strip():
                token.content, changed = cleaned.strip() + "\n", True
        elif token.type == "inline" and token.children:
            children = _inline(token.children, picture, found)
            if children != token.children:
                token.children, changed = children, True
    return changed


def _inline(children: list[Token], picture: Picture, found: set[str]) -> list[Token]:
    out: list[Token] = []
    emptied: list[str] = []  # inside <script> or <style> written inline: all goes to its end
    in_link = dropped_link = False
    for child in children:
        closing, name = _tag(child.content) if child.type == "html_inline" else (False, "")
        if emptied and child.nesting == 0:  # emphasis and links around stay whole
            emptied.append(child.content)
            if closing and _tag(emptied[0]) == (False, name):  # named for the log, whole
                found |= markup.sanitize_fragment("".join(emptied), picture)[1]
                emptied = []
        elif child.type == "html_inline":
            emptied = [child.content] if not closing and name in markup.EMPTIED_TAGS else []
            out += _html_inline(child, closing, name, picture, found)
        elif child.type == "link_open":
            in_link, href = True, str(child.attrs.get("href", ""))
            dropped_link = not addresses.safe_link(href)
            if dropped_link:
                found.add("javascript" if addresses.scheme(href) in ("javascript", "vbscript")
                          else "elsewhere")
            else:
                out.append(child)
        elif child.type == "link_close":
            out += [] if dropped_link else [child]
            in_link = dropped_link = False
        elif child.type == "image":
            out += _image(child, in_link, picture, found)
        else:
            out.append(child)
    if emptied:  # never closed: a browser too reads the rest of the paragraph as code
        found |= markup.sanitize_fragment("".join(emptied), picture)[1]
    return out


def _comments(html: str) -> set[str]:
    """"comments" if the HTML holds one: the allow-list drops them (a writer's notes, which
    readers do not see), and the editor is told."""
    return {"comments"} if "<!--" in html else set()


def _tag(html: str) -> tuple[bool, str]:
    """(closing, name) of an inline HTML tag; (False, "") for a comment or a declaration."""
    found = _TAG.match(html)
    return (found.group(1) == "/", found.group(2).lower()) if found else (False, "")


def _html_inline(tag: Token, closing: bool, name: str, picture: Picture,
                 found: set[str]) -> list[Token]:
    """The tag as the allow-list writes it (nh3 closes an opening tag: that end goes)."""
    if closing:
        content = f"</{name}>" if name in markup.KEPT_TAGS else ""
    else:
        content, acting = markup.sanitize_fragment(tag.content, picture)
        found |= acting | _comments(tag.content)
        content = content.removesuffix(f"</{name}>") if name else content
    if content == tag.content:
        return [tag]
    return [Token("html_inline", "", 0, content=content, level=tag.level)] if content else []


def _image(image: Token, in_link: bool, picture: Picture,
           found: set[str]) -> list[Token]:
    src = str(image.attrs.get("src", ""))
    kind = addresses.scheme(src)
    description = list(image.children or [])
    if kind is None:
        return [image]
    if kind == "data":
        clean = picture(src)
        if clean == src:
            return [image]
        if clean is None:
            return description
        # written in place, not by reference: the definition may hold the old picture
        meta = {key: value for key, value in image.meta.items() if key != "label"}
        return [image.copy(attrs={**image.attrs, "src": clean}, meta=meta)]
    if in_link or not addresses.safe_link(src):
        found.add("image")
        return description
    found.add("image-link")
    attrs: dict[str, str | int | float] = {"href": src}
    if image.attrs.get("title"):
        attrs["title"] = image.attrs["title"]
    return [Token("link_open", "a", 1, attrs=attrs, meta=dict(image.meta), level=image.level),
            *description, Token("link_close", "a", -1, level=image.level)]
