"""The shipped URLs plus `/_floor`: one byte of HTML, the least a page can be (see
bench/floor_settings.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from resguardo.urls import urlpatterns as shipped


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"x", content_type="text/html")


urlpatterns = [path("_floor", floor), *shipped]  # bench/slownet.py FLOOR_PATH
