"""A link checker for a static copy: opens the zip, parses every page and stylesheet, and
says which links would not open from a USB stick."""

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit
from zipfile import ZipFile

_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]+)\1\s*\)""")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        self.found += [v for k, v in attrs if k in ("href", "src", "poster") and v is not None]

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.found += [m.group(2) for m in _CSS_URL.finditer(data)]


def links(archive: ZipFile) -> dict[str, list[str]]:
    """Every href and src of every page, and every url() of every stylesheet."""
    found = {}
    for name in archive.namelist():
        if name.endswith(".html"):
            parser = _Links()
            parser.feed(archive.read(name).decode())
            found[name] = parser.found
        elif name.endswith(".css"):
            found[name] = [m.group(2) for m in _CSS_URL.finditer(archive.read(name).decode())]
    return found


def target(page: str, href: str) -> str | None:
    """The file in the zip a link from `page` opens, or None for another site or this page."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))


def broken(archive: ZipFile) -> list[tuple[str, str]]:
    names = set(archive.namelist())
    return [(page, href) for page, hrefs in links(archive).items() for href in hrefs
            if (t := target(page, href)) is not None and t not in names]


def absolute_internal(archive: ZipFile, hosts: tuple[str, ...]) -> list[tuple[str, str]]:
    """Links that would only work on the server: from the root, or to the site's own host."""
    prefixes = ("/", *(f"{scheme}://{h}" for h in hosts for scheme in ("http", "https")))
    return [(page, href) for page, hrefs in links(archive).items() for href in hrefs
            if href.startswith(prefixes)]
