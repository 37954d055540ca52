"""The site's URLs plus one page that fails and one that refuses a form, so the checkers can
see the 500 page and the CSRF refusal as a visitor would (with DEBUG off, Django renders
templates/500.html; a refused POST, templates/403_csrf.html)."""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.urls import path

from resguardo.urls import handler500  # noqa: F401 (Django looks for it here)
from resguardo.urls import urlpatterns as site
from resguardo.web import errors


class DeliberateFailure(Exception):
    pass


def fail(request: HttpRequest) -> HttpResponse:
    raise DeliberateFailure("a page that fails on purpose, to show the 500 page")


def refuse_a_form(request: HttpRequest) -> HttpResponse:
    return errors.csrf_failure(request, reason=REASON_NO_CSRF_COOKIE)


urlpatterns = [*site, path("tests/server-error/", fail),
               path("tests/form-refused/", refuse_a_form)]
