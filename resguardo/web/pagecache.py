"""Whole catalogue pages kept ready, compressed, for readers without a session.

Search and browse pages cost tens of milliseconds to build (results, facets, snippets); the
same few are asked for again and again. A view marked `@shared_page` (lib/sharedpages.py)
has its finished response (compressed, with its ETag) kept per worker and in the shared
cache, keyed by the catalogue's version, so any change an editor makes is seen at once: the
version moves and every kept page is forgotten (and `resguardo serve` moves it at each
start, so a new release never shows pages built by the old one). Requests with a session
(editors), and the offline exporter's, always reach the view. Kept pages have a cache of
their own, so they never push out search results or reading texts.
"""

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response

from resguardo.lib.sharedpages import shared_params
from resguardo.search.services import index_version
from resguardo.web.context import OFFLINE
from resguardo.web.languages import is_bare

KEPT_PER_WORKER = 256
SHARED_SECONDS = 3600
_SKIPPED_HEADERS = {"set-cookie", "content-length"}


@dataclass(frozen=True)
class Kept:
    headers: tuple[tuple[str, str], ...]
    content: bytes


_kept: OrderedDict[str, Kept] = OrderedDict()


def _language(request: HttpRequest) -> str | None:
    """The language the page will be in: the one its address names; on the bare address,
    the reader's, negotiated as LocaleMiddleware will (the remembered choice, then
    `Accept-Language`), so a Spanish reader's kept page is never an English reader's. None
    for any other address: every kept page is a reader's page in a language known first."""
    named = translation.get_language_from_path(request.path_info)
    if named is None and is_bare(request):
        return translation.get_language_from_request(request)
    return named


def _shared(request: HttpRequest, language: str) -> frozenset[str] | None:
    """The query parameters of the marked view this address leads to, if it is one; the
    address is resolved before the view runs (Django caches the resolver), in the page's
    language (LocaleMiddleware, which would activate it, comes later)."""
    try:
        with translation.override(language):
            view = resolve(request.path_info).func
    except Resolver404:
        return None
    params = shared_params(view)
    return params if params is not None and set(request.GET) <= params else None


def _key(request: HttpRequest, language: str, version: str, host: str) -> str:
    # The language is the address's, or the one negotiated for the bare address; beyond
    # that, the browser's languages and the remembered choice change nothing on a kept page.
    encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
    parts = (version, request.scheme, host, request.get_full_path(), language,
             "br" if "br" in encoding else "gzip" if "gzip" in encoding else "")
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _keepable(response: HttpResponseBase) -> bool:
    # `no-store` marks a page for one person (web/caching.py). A page that is only `private`
    # (the bare address: web/languages.py `negotiated`) is the same for every reader of its
    # language, and is kept under it.
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and "no-store" not in response.get("Cache-Control", ""))


def _replay(request: HttpRequest, kept: Kept) -> HttpResponseBase:
    response = HttpResponse(kept.content)
    for name, value in kept.headers:
        response.headers[name] = value
    response.headers["Content-Length"] = str(len(kept.content))
    etag = response.get("ETag")
    return get_conditional_response(request, etag=etag, response=response) or response


def _remember(key: str, kept: Kept) -> None:
    _kept[key] = kept
    _kept.move_to_end(key)
    while len(_kept) > KEPT_PER_WORKER:
        _kept.popitem(last=False)


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        language = _language(request)
        if (language is None or request.method not in ("GET", "HEAD")
                or request.META.get(OFFLINE) or settings.SESSION_COOKIE_NAME in request.COOKIES
                or _shared(request, language) is None):
            return self.get_response(request)  # other pages cost no lookup at all
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in
        version = index_version()
        if not version:  # an index never written: nothing identifies the catalogue's state
            return self.get_response(request)
        key = _key(request, language, version, host)
        cache = caches["pages"]
        kept = _kept.get(key) or cache.get(key)
        if kept is not None:
            _remember(key, kept)
            return _replay(request, kept)
        response = self.get_response(request)
        if request.method == "GET" and _keepable(response):
            kept = Kept(tuple((k, v) for k, v in response.items()
                              if k.lower() not in _SKIPPED_HEADERS),
                        response.content)  # type: ignore[attr-defined]
            _remember(key, kept)
            cache.set(key, kept, SHARED_SECONDS)
        return response
