"""Catalogue pages are kept ready for readers without a session, and never shown stale."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from resguardo.conftest import make_resource

SEARCH = "/catalogue/?q=radio"


@pytest.fixture
def library(db: None) -> None:
    make_resource("Community radio guide", full_text="How a radio warns the village.")


def test_a_page_asked_again_is_served_without_building_it(client: Client, library: None) -> None:
    first = client.get(SEARCH, HTTP_ACCEPT_ENCODING="br")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(SEARCH, HTTP_ACCEPT_ENCODING="br")
    assert len(queries) == 1  # the catalogue's version, nothing else
    assert again.content == first.content
    assert again["Content-Encoding"] == "br" and again["ETag"] == first["ETag"]
    assert again["Content-Length"] == str(len(first.content))
    plain = client.get(SEARCH)
    assert "Content-Encoding" not in plain and b"Community radio guide" in plain.content


def test_a_kept_page_still_answers_304(client: Client, library: None) -> None:
    etag = client.get(SEARCH, HTTP_ACCEPT_ENCODING="br")["ETag"]
    again = client.get(SEARCH, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_a_change_to_the_catalogue_shows_at_once(client: Client, library: None) -> None:
    assert b"Radio drama for land defenders" not in client.get(SEARCH).content
    make_resource("Radio drama for land defenders")
    assert b"Radio drama for land defenders" in client.get(SEARCH).content


def test_an_editors_change_to_a_theme_name_shows_at_once(client: Client, editor,  # type: ignore[no-untyped-def]
                                                        library: None) -> None:
    from resguardo.catalogue.models import Theme

    make_resource("Themed", themes=["digital-security"])
    assert b"Digital security" in client.get("/catalogue/").content
    theme = Theme.objects.get(slug="digital-security")
    staff = Client()
    staff.force_login(editor)
    form = {"name": "Digital care", "slug": theme.slug, "position": theme.position,
            "description": theme.description}
    response = staff.post(f"/editors/catalogue/theme/{theme.pk}/change/", form)
    assert response.status_code == 302
    body = client.get("/catalogue/").content
    assert b"Digital care" in body and b"Digital security" not in body


def test_readers_with_a_session_always_get_a_fresh_page(client: Client, editor,  # type: ignore[no-untyped-def]
                                                        library: None) -> None:
    client.get(SEARCH)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        client.get(SEARCH)
    assert len(queries) > 1
