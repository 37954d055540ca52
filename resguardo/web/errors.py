"""Error pages in the reader's language.

The 500 page is rendered from its template alone (no context processors, no database: the
error may be the database). Its language is the one LocaleMiddleware chose, or, when the
error came before it ran, the one it would have chosen (address, cookie, browser). The
CSRF refusal is a page of ours instead of Django's technical one: what happened and what to
do, in words a visitor can act on."""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils import translation
from django.views import defaults


def server_error(request: HttpRequest) -> HttpResponse:
    language = getattr(request, "LANGUAGE_CODE", None) or \
        translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", {"no_cookie": reason == REASON_NO_CSRF_COOKIE},
                  status=403)
