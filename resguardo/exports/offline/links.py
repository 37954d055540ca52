"""Where each internal URL lives in the offline copy, and which URL a link means.

A copy opened from a USB stick (file://) has no server: no index files for folders, no
query strings, no search. So every page is a real file (`/es/learn/` is
`es/learn/index.html`: each language is a folder), and the catalogue's query strings become
one file per single filter and page (`/es/catalogue/?theme=land&page=2` is
`es/catalogue/theme-land.page-2.html`). A link that would combine two filters points at the
page of the filter the reader clicked, the one not already on the page; search and sort
links cannot be honoured and are unsupported. An address without a language (`/learn/`,
as an editor may write in a page) means the language of the page it is on: online the
server would send that page's reader there.
"""

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

from django.conf import settings
from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from resguardo.catalogue.facets import FIELDS

# Slugs, language codes and years; anything else is spelled in hex so names never clash.
_SAFE = re.compile(r"[A-Za-z0-9_-]+\Z")


@dataclass(frozen=True)
class Internal:
    """A URL of the library itself: `url` is its canonical form (path and query)."""

    url: str
    fragment: str = ""


@dataclass(frozen=True)
class Unsupported:
    """A link of the library's that the copy cannot honour (a search, a sort, two filters)."""


KEEP = None  # a link to another site, a fragment of this page, mailto:, ...
Ref = Internal | Unsupported | None


class Links:
    def __init__(self, host: str, internal_hosts: set[str], languages: list[str] | None = None):
        self.origin = f"http://{host}"
        self.hosts = internal_hosts
        codes = languages or [code for code, _name in settings.LANGUAGES]
        self.default = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in codes else codes[0]
        self.catalogues = {}  # language -> the catalogue's address in that language
        for code in codes:
            with translation.override(code):
                self.catalogues[code] = reverse("catalogue:catalogue")

    def catalogue(self, language: str) -> str:
        return self.catalogues.get(language) or self.catalogues[self.default]

    def resolve(self, href: str, page_url: str) -> Ref:
        """What `href`, found on the page at `page_url`, points at."""
        href = href.strip()
        if not href or href.startswith("#"):
            return KEEP
        # urljoin keeps the page's query for a bare "?"; RFC 3986 empties it.
        base = urlsplit(page_url).path if href.startswith("?") else page_url
        parts = urlsplit(urljoin(self.origin + base, href))
        if parts.scheme not in ("http", "https") or parts.hostname not in self.hosts:
            return KEEP
        path = self._in_language(parts.path or "/", page_url)
        if self.is_catalogue(path):
            return self._catalogue(path, QueryDict(parts.query), page_url, parts.fragment)
        if parts.query and not path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return Unsupported()  # no other page reads its query string
        return Internal(path, parts.fragment)

    def _in_language(self, path: str, page_url: str) -> str:
        if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)) or language_of(path):
            return path
        language = language_of(page_url) or self.default
        if path == reverse("bare-home"):
            # Online it is the home page in the reader's language; a copy cannot ask which,
            # so it is the home page in the page's language.
            with translation.override(language):
                return reverse("home")
        try:
            resolve(path)  # an address without a language: /robots.txt, /editors/
        except Resolver404:
            return f"/{language}{path}"
        return path

    def _catalogue(self, path: str, params: QueryDict, page_url: str, fragment: str) -> Ref:
        if params.get("q", "").strip() or params.get("sort"):
            return Unsupported()
        chosen = _filters(params)
        if len(chosen) > 1:
            on_page = _filters(QueryDict(urlsplit(page_url).query)) if self.is_catalogue(
                page_url) else []
            chosen = [f for f in chosen if f not in on_page]
            params = QueryDict()  # a page number belongs to the list it came from
        if len(chosen) > 1:
            return Unsupported()
        page = params.get("page", "")
        number = int(page) if page.isdecimal() and int(page) > 1 else 1
        query = chosen + ([("page", str(number))] if number > 1 else [])
        return Internal(path + ("?" + urlencode(query) if query else ""), fragment)

    def is_catalogue(self, url: str) -> bool:
        return urlsplit(url).path in self.catalogues.values()

    def path(self, url: str, *, html: bool) -> str:
        """The file in the copy for the canonical internal `url`."""
        parts = urlsplit(url)
        if self.is_catalogue(url):
            return self._catalogue_path(parts.path, QueryDict(parts.query))
        path = unquote(parts.path).lstrip("/")
        if parts.path.startswith(settings.STATIC_URL):
            return "static/" + unquote(parts.path[len(settings.STATIC_URL):])
        if parts.path.startswith(settings.MEDIA_URL):
            return "files/" + unquote(parts.path[len(settings.MEDIA_URL):])
        if not path or path.endswith("/"):
            return path + "index.html"
        if html and "." not in posixpath.basename(path):
            return path + ".html"
        return path

    def _catalogue_path(self, catalogue: str, params: QueryDict) -> str:
        folder = catalogue.strip("/")
        chosen = _filters(params)
        name = "-".join((chosen[0][0], _spell(chosen[0][1]))) if chosen else ""
        page = params.get("page", "")
        if page and page != "1":
            name = f"{name}.page-{page}" if name else f"page-{page}"
        return f"{folder}/{name or 'index'}.html"


def language_of(url: str) -> str | None:
    """The interface language an address names by its prefix (/es/...), if any."""
    return translation.get_language_from_path(urlsplit(url).path)


def _filters(params: QueryDict) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in FIELDS:
        for value in params.getlist(name):
            if (name, value) not in found:
                found.append((name, value))
    return found


def _spell(value: str) -> str:
    return value if _SAFE.match(value) else "~" + value.encode().hex()


def relative(target: str, page: str) -> str:
    """The href from the file `page` to the file `target`, both paths in the copy."""
    return quote(posixpath.relpath(target, posixpath.dirname(page) or "."), safe="/-._~")
