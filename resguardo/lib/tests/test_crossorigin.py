"""A POST without a CSRF token is refused when the browser says it came from another site's
page, and let through when it says it came from this one, or says nothing (an old browser)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from resguardo.lib.crossorigin import from_this_site, posts_from_this_site

factory = RequestFactory()


@pytest.mark.parametrize(("headers", "allowed"), [
    ({}, True),
    ({"HTTP_SEC_FETCH_SITE": "same-origin"}, True),
    ({"HTTP_SEC_FETCH_SITE": "none"}, True),
    ({"HTTP_SEC_FETCH_SITE": "same-site"}, False),
    ({"HTTP_SEC_FETCH_SITE": "cross-site"}, False),
    # Sec-Fetch-Site, which the browser sets, wins over an Origin it also sets.
    ({"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"}, False),
    ({"HTTP_ORIGIN": "http://testserver"}, True),
    ({"HTTP_ORIGIN": "https://testserver"}, False),  # another scheme is another origin
    ({"HTTP_ORIGIN": "http://testserver.example"}, False),
    # What browsers send from a page under `Referrer-Policy: no-referrer`, as ours are:
    # refused where the browser also says where it comes from, unknown otherwise.
    ({"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "null"}, True),
    ({"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "null"}, False),
    ({"HTTP_ORIGIN": "null"}, True),
])
def test_where_a_post_comes_from(headers, allowed):
    assert from_this_site(factory.post("/", **headers)) is allowed


def test_a_trusted_origin_is_this_site_too(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://library.example"]
    assert from_this_site(factory.post("/", HTTP_ORIGIN="https://library.example"))


@pytest.mark.django_db
def test_a_refused_post_never_reaches_the_view_and_a_get_always_does():
    reached = []

    @posts_from_this_site
    def view(request):  # type: ignore[no-untyped-def]
        reached.append(request.method)
        return HttpResponse("ok")

    refused = view(factory.post("/", HTTP_SEC_FETCH_SITE="cross-site"))
    assert refused.status_code == 403 and b"<h1>" in refused.content
    assert view(factory.get("/", HTTP_SEC_FETCH_SITE="cross-site")).status_code == 200
    assert view(factory.post("/")).status_code == 200
    assert reached == ["GET", "POST"]
    assert view.csrf_exempt  # type: ignore[attr-defined]
