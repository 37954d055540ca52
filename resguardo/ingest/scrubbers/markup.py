"""HTML made inert: the allow-list that rebuilds an HTML page (and the raw HTML in Markdown),
the cleaning of comments and identifying `<meta>`, and the words the log uses for what went.

HTML is reduced to an allow-list by `nh3` (the Ammonia sanitizer, html5ever's parser, as
browsers parse): headings, paragraphs, lists, tables, quotes, emphasis, links to http,
https, mailto and relative addresses, and pictures only from inside the document (relative,
or a data: picture, which the caller's `Picture` cleans of its metadata or refuses).
Everything else goes with its attributes: scripts, styles, forms,
frames, objects, `<base>`, `<meta>` refresh, event handlers. A small scan of the original
(the standard library's parser, never used to decide what stays) names for the editor what
went.

HTML loses `<meta>` other than charset, http-equiv and those that shape display or search
(viewport, description, keywords, robots…) and every comment (Word hides its document
properties in one).
"""

import html
import re
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import nh3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resguardo.ingest import sniff
from resguardo.ingest.base import Limits, Refused
from resguardo.ingest.extractors.html import defuse
from resguardo.ingest.scrubbers.addresses import (
    LINK_SCHEMES,
    css_fetches,
    is_remote,
    safe_link,
    scheme,
)
from resguardo.ingest.scrubbers.images import Picture

# What the editor log says went, for HTML, EPUB pages and Markdown alike.
LABELS = {
    "script": gettext_lazy("scripts"),
    "handler": gettext_lazy("event handlers (on… attributes)"),
    "javascript": gettext_lazy("javascript: links"),
    "base": gettext_lazy("a base address"),
    "refresh": gettext_lazy("an automatic redirect"),
    "form": gettext_lazy("forms"),
    "embed": gettext_lazy("frames and embedded objects"),
    "image": gettext_lazy("remote pictures"),
    "resource": gettext_lazy("remote stylesheets, fonts and other files"),
    "elsewhere": gettext_lazy("links to files elsewhere"),
    "image-link": gettext_lazy("remote pictures (left as links)"),
}



def labels(keys: set[str]) -> str:
    return ", ".join(sorted(str(LABELS[key]) for key in keys))  # as the reader reads


def page_text(source: Path, limits: Limits) -> str:
    """A page file's text (HTML, Markdown), in the encoding it declares or seems to have."""
    data = read_page(source, limits)
    text = sniff.decode(data)
    return text if text is not None else data.decode("utf-8", "replace")


def read_page(source: Path, limits: Limits) -> bytes:
    if source.stat().st_size > limits.max_unpacked:
        raise Refused(_("This file is larger than we can take."), "too-large")
    return source.read_bytes()


# Each token, once started, always matches: what is left unclosed (a comment, a script, a
# quote inside <meta) runs to the end of the file, as browsers read it. So no token is ever
# rescanned from a later start, and the whole pass is linear in the size of the file.
_HTML_TOKEN = re.compile(rb"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)"
                         rb"|<meta\b(?:[^>\"']++|\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z))*+(?:>|\Z)",
                         re.S | re.I)
_HTML_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_HTML_KEEP = {b"viewport", b"description", b"keywords", b"robots", b"color-scheme",
              b"referrer", b"theme-color", b"format-detection"}


def clean_html(data: bytes) -> tuple[bytes, set[str]]:
    """HTML without comments and identifying `<meta>`; what kinds of thing went."""
    found: set[str] = set()

    def replace(match: re.Match[bytes]) -> bytes:
        token = match.group(0)
        if token.startswith(b"<!--"):
            found.add("comments")
            return b""
        if match.group(1):
            return token  # script or style: a "<!--" inside is not a comment
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or b""
                 for m in _HTML_ATTRIBUTE.finditer(token[5:])}
        if b"charset" in attrs or b"http-equiv" in attrs or \
                attrs.get(b"name", b"").lower() in _HTML_KEEP:
            return token
        label = attrs.get(b"name") or attrs.get(b"property") or b"meta"
        found.add(label.decode("latin-1")[:40].lower())
        return b""

    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: the byte patterns need UTF-8
        data = b"\xef\xbb\xbf" + data.decode("utf-16", "replace").encode()
    return _HTML_TOKEN.sub(replace, data), found



# The allow-list

KEPT_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "a", "img", "figure", "figcaption", "blockquote", "q", "cite", "pre", "code", "kbd",
    "samp", "var", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small",
    "mark", "abbr", "dfn", "span", "div", "section", "article", "header", "footer", "main",
    "aside", "nav", "address", "details", "summary", "time", "bdi", "bdo", "wbr", "ruby",
    "rt", "rp",
}
# Gone with what is inside them: their text is code, a frame's fallback or a title (which
# the rebuilt head carries).
EMPTIED_TAGS = {"script", "style", "title", "template", "iframe", "object", "embed",
                 "applet", "noembed", "noframes", "frameset", "frame", "svg", "math",
                 "select", "xmp", "plaintext", "noscript"}
_ATTRIBUTES = {
    "*": {"lang", "dir", "title", "id"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"},
    "time": {"datetime"}, "abbr": {"title"}, "q": {"cite"}, "blockquote": {"cite"},
    "del": {"datetime"}, "ins": {"datetime"}, "details": {"open"},
}
# The <meta> a rebuilt head keeps: they shape display or search, and name no one.
HEAD_META = {"viewport", "description", "keywords", "robots", "color-scheme", "referrer",
             "theme-color", "format-detection"}



def _attribute(picture: Picture, tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src":
        found = scheme(value)
        return value if found is None else picture(value) if found == "data" else None
    if name in ("href", "cite"):
        return value if safe_link(value) else None
    return value


def _allowed(text: str, picture: Picture) -> str:
    return nh3.clean(text, tags=KEPT_TAGS, clean_content_tags=EMPTIED_TAGS,
                     attributes=_ATTRIBUTES, attribute_filter=partial(_attribute, picture),
                     strip_comments=True, link_rel=None, url_schemes={*LINK_SCHEMES, "data"})


def sanitize_html(text: str, picture: Picture) -> tuple[str, set[str]]:
    """A whole document holding only what the allow-list keeps, and the keys of `LABELS`
    for what went. The head keeps the language, title and the `<meta>` that shape display.
    `data:` pictures go through `picture`."""
    head = _scan(text)
    return head.document(_allowed(text, picture)), head.found


def sanitize_fragment(text: str, picture: Picture) -> tuple[str, set[str]]:
    """A piece of HTML (raw HTML in Markdown) through the same allow-list, without a head."""
    return _allowed(text, picture), _scan(text).found


def _scan(text: str) -> "_Head":
    head = _Head()
    head.feed(defuse(text))
    head.close()
    return head


class _Head(HTMLParser):
    """Reads the head to rebuild it, and notes what acts or fetches (for the log only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict[str, str] = {}
        self.title: list[str] = []
        self.metas: list[tuple[str, str]] = []
        self.found: set[str] = set()
        self.in_title = self.titled = self.in_style = False

    def document(self, body: str) -> str:
        root = "".join(f' {key}="{html.escape(value)}"' for key, value in self.root.items())
        title = " ".join("".join(self.title).split())
        metas = "".join(f'<meta name="{html.escape(name)}" content="{html.escape(content)}">\n'
                        for name, content in self.metas)
        return (f'<!DOCTYPE html>\n<html{root}>\n<head>\n<meta charset="utf-8">\n'
                f"<title>{html.escape(title, quote=False)}</title>\n{metas}</head>\n<body>\n"
                f"{body}\n</body>\n</html>\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.root = {k: v for k, v in values.items() if k in ("lang", "dir") and v}
        elif tag == "meta" and values.get("name", "").lower() in HEAD_META:
            self.metas.append((values["name"].lower(), values.get("content", "")))
        self.in_title = self.in_title or (tag == "title" and not self.titled)
        self.in_style = self.in_style or tag == "style"
        self._note(tag, values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.in_title:  # the first title is the document's
            self.in_title, self.titled = False, True
        elif tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.in_style and css_fetches(data):
            self.found.add("resource")

    def _note(self, tag: str, values: dict[str, str]) -> None:
        found = self.found
        if tag == "script":
            found.add("script")
        elif tag == "base":
            found.add("base")
        elif tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            found.add("refresh")
        elif tag in ("form", "input", "button", "textarea", "select"):
            found.add("form")
        elif tag in ("iframe", "frame", "frameset", "object", "embed", "applet", "portal"):
            found.add("embed")
        elif tag == "link" and is_remote(values.get("href", "")):
            found.add("resource")
        for name, value in values.items():
            if name.startswith("on"):
                found.add("handler")
            elif scheme(value) in ("javascript", "vbscript"):
                found.add("javascript")
            elif name == "href" and tag in ("a", "area") and not safe_link(value):
                found.add("elsewhere")  # file:, smb:… : nh3 drops the address
            elif name in ("src", "srcset", "poster", "background", "data", "href",
                          "xlink:href") and tag not in ("a", "link", "area", "base") and \
                    is_remote(value.split(",")[0].split(" ")[0] if name == "srcset" else value):
                found.add("image" if tag in ("img", "image", "picture", "source", "input",
                                             "video", "audio", "track", "body", "table",
                                             "td") else "resource")
            elif name == "style" and css_fetches(value):
                found.add("resource")
