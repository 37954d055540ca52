"""What every response tells the reader's browser it may do, and the methods we answer.

Django's SecurityMiddleware sends HSTS (over HTTPS), `nosniff`, the referrer policy and the
opener policy from settings; this adds what Django 5.2 has no setting for:

- a Content-Security-Policy that allows nothing (`default-src 'none'`: no script, plugin,
  font, frame or fetch) but what a page uses, all from this site: stylesheets, the one
  inline stylesheet of public pages by its hash, images also as `data:` (the empty icon
  every page declares so the browser does not ask for /favicon.ico), recordings and their
  captions played by the browser's own player; no framing, forms
  posted only here. Only the editors' area (Django's admin) may also run scripts and fetch,
  from here (its search boxes ask the server as the editor types): public pages have no
  script, and a script that found its way into one would not run. A hash rather than a
  nonce: the header is the same for every page of a kind, so a kept page
  (web/pagecache.py) and its ETag stay valid, and it costs nothing per request;
- a Permissions-Policy turning off what no page of ours uses;
- `Cross-Origin-Resource-Policy: same-origin`: another site cannot load our pages, files
  or stylesheets into its own (and read them through a side channel);
- `X-Frame-Options` (from the setting) on every response, for browsers that predate
  `frame-ancestors`: Django's XFrameOptionsMiddleware, at the bottom of the stack, misses
  what is answered above it (the redirect to the reader's language, a 304, a 405, a
  static file);
- `Referrer-Policy: same-origin` instead of `no-referrer` on a page holding a form that
  posts back here (one that sends the CSRF cookie). Under `no-referrer` browsers send
  `Origin: null` with the form, which Django's CSRF check refuses; `same-origin` sends the
  origin to us and still nothing to any other site;
- `405 Method Not Allowed` for any method but GET, HEAD, POST and OPTIONS (TRACE among
  them), before static files or any view are reached.
"""

import base64
import hashlib
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed
from django.urls import reverse

from resguardo.web.context import stylesheet

ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
# Short: it goes out with every page, inside the 14 KB first flight.
PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(), browsing-topics=()"
RESOURCE_POLICY = "same-origin"
FORM_REFERRER_POLICY = "same-origin"


def style_hash(css: str) -> str:
    """The CSP source that allows exactly this text in a <style> element."""
    digest = hashlib.sha256(css.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_security_policy(request: HttpRequest | None = None) -> str:
    """The policy for the page `request` asks for (a public page's without one)."""
    editors = request is not None and request.path.startswith(reverse("admin:index"))
    return _policy(stylesheet(), editors=editors)


@lru_cache(maxsize=4)
def _policy(css: str, *, editors: bool) -> str:
    # `default-src 'none'` covers object-src, font-src, frame-src… with 'none'.
    scripts = "script-src 'self'; connect-src 'self'; " if editors else ""
    return (f"default-src 'none'; {scripts}"
            f"style-src 'self' {style_hash(css)}; img-src 'self' data:; media-src 'self'; "
            "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def holds_a_form_posting_here(response: HttpResponseBase) -> bool:
    # A page that rendered {% csrf_token %} sends the CSRF cookie with it (Django's
    # get_token() asks CsrfViewMiddleware to), and only such a page can post here.
    return settings.CSRF_COOKIE_NAME in response.cookies


class SecurityHeadersMiddleware:
    """Goes right after Django's SecurityMiddleware: before WhiteNoise, so static files get
    the same answers, and inside it, so the referrer policy set here wins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ALLOWED_METHODS:
            response: HttpResponseBase = HttpResponseNotAllowed(ALLOWED_METHODS)
        else:
            response = self.get_response(request)
            if holds_a_form_posting_here(response):
                response.headers.setdefault("Referrer-Policy", FORM_REFERRER_POLICY)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(request))
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        headers.setdefault("Cross-Origin-Resource-Policy", RESOURCE_POLICY)
        headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response
