"""Refusing a POST that another site's page made a browser send, without a CSRF token.

A form on a public page that must stay the same for every reader (kept by browsers, caches
and the page cache, and setting no cookie) cannot carry Django's CSRF token, which is one
per browser. Its view is exempt from the token and checked here instead, from what browsers
say of where a request comes from (the approach of Go's net/http CrossOriginProtection):
`Sec-Fetch-Site`, sent by every current browser, says whether the page that sent it is of
this origin; a browser without it sends `Origin` with a POST, compared with this site's
own. A browser that sends neither (an old feature-phone browser), or an `Origin` of `null`,
is let through: use this only where a forged POST can do no more than a reader's own (say,
add one to a count that a rate limit bounds).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt

View = Callable[..., HttpResponseBase]
SAME_ORIGIN = {"same-origin", "none"}  # "none": the reader's own doing (a bookmark)


def from_this_site(request: HttpRequest) -> bool:
    """False when the browser says the request came from another site's page."""
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        return fetched_from in SAME_ORIGIN
    origin = request.headers.get("Origin")
    if origin in (None, "null"):
        # "null" is what browsers send from a page under `Referrer-Policy: no-referrer`, as
        # the public pages are (web/security.py): from a browser that says nothing more,
        # it tells nothing.
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin in {own, *settings.CSRF_TRUSTED_ORIGINS}


def posts_from_this_site(view: View) -> View:
    """Exempt `view` from the CSRF token; refuse its POSTs that came from another site
    with the page a refused form gets (403)."""
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST" and not from_this_site(request):
            page = render_to_string("403_csrf.html", {"no_cookie": False}, request=request)
            return HttpResponse(page, status=403)
        return view(request, *args, **kwargs)
    return csrf_exempt(checked)
