"""How long a reader's browser may reuse a public page without asking again.

On a 2G link every question costs a round trip of up to two seconds, so public pages may be
reused for a few minutes; after that the browser revalidates with the page's ETag and an
unchanged page costs a `304 Not Modified` of a few hundred bytes. Editors' pages are never
stored.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

PUBLIC_MAX_AGE = 300
PRIVATE_PREFIXES = ("/editors/",)


class PublicPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if request.path.startswith(PRIVATE_PREFIXES) or request.method not in ("GET", "HEAD"):
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code in (200, 301, 404):
            patch_cache_control(response, max_age=PUBLIC_MAX_AGE)
        return response
