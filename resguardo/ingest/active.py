"""What makes a document act or fetch when it is opened, and taking it out.

A published file must do nothing and fetch nothing when a reader opens it: a script, an
automatic action, a form that posts elsewhere, or a remote picture, stylesheet or template
would run code on the reader's machine or tell someone their address and when they read it
(a beacon). `scrub.py` calls these for PDF and HTML, and `inert_markdown.py` for the raw HTML
in Markdown; the XML formats (DOCX, ODT, EPUB pages) are cleaned in `scrub.py` by `XmlRule`s
that use `is_remote()` and the labels below.

- PDF: every action other than going to a page of the same document or to the next/previous
  /first/last page goes, and so do additional actions (/AA), document JavaScript, XFA forms,
  references to other files, and annotations that play what they hold (3D, RichMedia,
  Screen, Movie, Sound). A link annotation keeps a web address (http, https,
  mailto) a reader clicks; anywhere else a URI action goes too. An /OpenAction that is only
  a page to show first (a destination or a GoTo) stays: most writers put one in.
- HTML is reduced to an allow-list by `nh3` (the Ammonia sanitizer, html5ever's parser, as
  browsers parse): headings, paragraphs, lists, tables, quotes, emphasis, links to http,
  https, mailto and relative addresses, and pictures only from inside the document (relative,
  or a data: picture, which the caller's `Picture` cleans of its metadata or refuses).
  Everything else goes with its attributes: scripts, styles, forms,
  frames, objects, `<base>`, `<meta>` refresh, event handlers. A small scan of the original
  (the standard library's parser, never used to decide what stays) names for the editor what
  went.
"""

import html
import re
from collections.abc import Callable, Iterator
from functools import partial
from html.parser import HTMLParser

import nh3
import pikepdf
from django.utils.translation import gettext_lazy as _

from resguardo.ingest.extractors.html import defuse

# What the editor log says went, for HTML and EPUB pages alike.
LABELS = {
    "script": _("scripts"),
    "handler": _("event handlers (on… attributes)"),
    "javascript": _("javascript: links"),
    "base": _("a base address"),
    "refresh": _("an automatic redirect"),
    "form": _("forms"),
    "embed": _("frames and embedded objects"),
    "image": _("remote pictures"),
    "resource": _("remote stylesheets, fonts and other files"),
    "elsewhere": _("links to files elsewhere"),
    "image-link": _("remote pictures (left as links)"),
}

# A `data:` address of a picture made clean, or None: the picture goes (it is not a PNG,
# JPEG, GIF or WebP picture, or cannot be cleaned). The caller (scrub.py) cleans it as it
# cleans pictures in files, and counts.
Picture = Callable[[str], str | None]

# Browsers drop tabs and line ends anywhere in an address, and spaces and controls around it.
_URL_NOISE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_DATA_PICTURE = re.compile(r"^data:image/(?:png|jpeg|gif|webp)[;,]")
LINK_SCHEMES = {"http", "https", "mailto"}


def scheme(url: str) -> str | None:
    """The address's scheme in lower case ("http"), "" for a scheme-relative "//host/…",
    None for an address inside the document (relative or a fragment)."""
    url = _URL_NOISE.sub("", url).strip(" \x00-\x1f").lower()
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return ""
    found = _SCHEME.match(url)
    return found.group(1) if found else None


def is_remote(url: str) -> bool:
    """Whether opening a document that loads this address would reach outside it: any
    scheme but data:, or another host ("//host/…"). A relative address stays inside."""
    found = scheme(url)
    return found is not None and found != "data"


def safe_link(url: str) -> bool:
    """An address a reader may follow by clicking: web, mail, or inside the document."""
    found = scheme(url)
    return found is None or found in LINK_SCHEMES


# CSS that may fetch: any @import, image-set() and src() (they take bare strings), and url()
# of anything but a data: address or a relative file.
_CSS_REMOTE = re.compile(r"""@import|image-set\(|\bsrc\(|"""
                         r"""url\(\s*['"]?\s*(?!data:)(?:[a-z][a-z0-9+.\-]*:|//|\\)""", re.I)


def css_fetches(text: str) -> bool:
    return bool(_CSS_REMOTE.search(text))


# PDF

_PDF_DANGER = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE",
               "/RichMediaExecute", "/Rendition", "/Movie", "/Sound", "/Thread"}
_PDF_NAMED = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}


def pdf_actions(pdf: pikepdf.Pdf) -> set[str]:
    """Removes from `pdf` what runs, sends or opens something by itself; returns the names
    of what went ("JavaScript", "OpenAction", …). Direct objects are walked too (an
    annotation's action is often written inside it), without recursion: a hostile file may
    nest arrays 100,000 deep."""
    found: set[str] = set()
    for page in pdf.pages:
        _pdf_players(page.obj, found)
    for obj in pdf.objects:
        for holder in _pdf_dictionaries(obj):
            _pdf_disarm(holder, found)
    return found


# Annotations that play or run what they hold (a 3D model's scripts, Flash, a film), some as
# soon as their page is shown: they go whole.
_PDF_PLAYERS = {"/3D", "/RichMedia", "/Screen", "/Movie", "/Sound"}


def _pdf_players(page: pikepdf.Object, found: set[str]) -> None:
    annotations = page.get("/Annots")
    if not isinstance(annotations, pikepdf.Array):
        return
    kept, players = [], set()
    for annotation in annotations:
        kind = annotation.get("/Subtype") if isinstance(annotation, pikepdf.Dictionary) else None
        if kind in _PDF_PLAYERS:
            players.add(str(kind)[1:])
        else:
            kept.append(annotation)
    if players:
        found.update(players)
        page.Annots = pikepdf.Array(kept)


def _pdf_dictionaries(root: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """`root` and the dictionaries written inside it (not those it refers to: they are
    objects of their own, which `pdf.objects` gives)."""
    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
            children = [obj[key] for key in obj.keys()]
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            continue
        stack.extend(child for child in children if isinstance(
            child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect)


def _pdf_disarm(obj: pikepdf.Object, found: set[str]) -> None:
    for key in ("/AA", "/JS", "/JavaScript", "/XFA", "/Next"):
        if key in obj:
            found.add(key[1:])
            del obj[key]
    opening = obj.get("/OpenAction")
    if opening is not None and not isinstance(opening, pikepdf.Array) and not _pdf_allowed(
            opening, obj):  # a page to show first stays, as a destination or a GoTo
        found.add("OpenAction")
        del obj["/OpenAction"]
    for key in ("/A", "/PA"):
        action = obj.get(key)
        if action is not None and not _pdf_allowed(action, obj):
            found.add(_pdf_kind(action))
            del obj[key]
    if obj.get("/S") in _PDF_DANGER:  # an action we may not have reached through a key
        found.add(str(obj.get("/S"))[1:])
        for key in list(obj.keys()):
            del obj[key]
    if obj.get("/Subtype") == pikepdf.Name.Form and "/Ref" in obj:  # a page of another file
        found.add("Ref")
        del obj["/Ref"]


def _pdf_kind(action: pikepdf.Object) -> str:
    kind = action.get("/S") if isinstance(action, pikepdf.Dictionary) else None
    return str(kind)[1:] if isinstance(kind, pikepdf.Name) else "A"


def _pdf_allowed(action: pikepdf.Object, holder: pikepdf.Object) -> bool:
    if not isinstance(action, pikepdf.Dictionary):
        return False
    kind = action.get("/S")
    if kind == pikepdf.Name.GoTo:
        return True
    if kind == pikepdf.Name.Named:
        return action.get("/N") in _PDF_NAMED
    if kind == pikepdf.Name.URI and holder.get("/Subtype") == pikepdf.Name.Link:
        uri = action.get("/URI")
        return isinstance(uri, pikepdf.String) and scheme(str(uri)) in LINK_SCHEMES
    return False


# HTML

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


def is_data_picture(url: str) -> bool:
    return bool(_DATA_PICTURE.match(url.strip().lower()))


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
