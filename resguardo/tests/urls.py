"""The site's URLs plus one page that fails, so the checkers can see the 500 page as a
visitor would (with DEBUG off, Django renders templates/500.html)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from resguardo.urls import handler500  # noqa: F401 (Django looks for it here)
from resguardo.urls import urlpatterns as site


class DeliberateFailure(Exception):
    pass


def fail(request: HttpRequest) -> HttpResponse:
    raise DeliberateFailure("a page that fails on purpose, to show the 500 page")


urlpatterns = [*site, path("tests/server-error/", fail)]
