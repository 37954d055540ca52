"""Catalogue pages are kept ready for readers without a session, and never shown stale."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from resguardo.conftest import admin_form, make_resource, sign_in

SEARCH = "/en/catalogue/?q=radio"


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
    assert b"Digital security" in client.get("/en/catalogue/").content
    theme = Theme.objects.get(slug="digital-security")
    staff = Client()
    sign_in(staff, editor)
    change = f"/editors/catalogue/theme/{theme.pk}/change/"
    response = staff.post(change, admin_form(staff.get(change), name="Digital care"))
    assert response.status_code == 302
    body = client.get("/en/catalogue/").content
    assert b"Digital care" in body and b"Digital security" not in body


def test_readers_with_a_session_always_get_a_fresh_page(client: Client, editor,  # type: ignore[no-untyped-def]
                                                        library: None) -> None:
    client.get(SEARCH)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        client.get(SEARCH)
    assert len(queries) > 1


def test_pages_are_kept_per_host_so_absolute_links_never_cross(client: Client, library: None,
                                                               settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    assert b"http://localhost/" in client.get("/en/catalogue.json", HTTP_HOST="localhost").content
    other = client.get("/en/catalogue.json", HTTP_HOST="127.0.0.1").content
    assert b"http://127.0.0.1/" in other and b"http://localhost/" not in other
    assert client.get(SEARCH, HTTP_HOST="evil.example").status_code == 400


def test_made_up_parameters_are_answered_but_never_kept(client: Client, library: None) -> None:
    from django.core.cache import caches

    client.get("/en/catalogue/?utm=1&x=2")
    client.get(SEARCH)
    assert len(caches["pages"]._list_cache_files()) == 1  # type: ignore[attr-defined]


def test_the_offline_exporters_pages_are_neither_kept_nor_served_kept(client: Client,
                                                                      library: None) -> None:
    from resguardo.web.context import OFFLINE

    online = client.get("/en/catalogue/").content
    assert b"catalogue.csv" in online
    offline = client.get("/en/catalogue/", **{OFFLINE: True}).content
    assert b"catalogue.csv" not in offline
    assert client.get("/en/catalogue/").content == online


def test_pages_not_marked_shared_are_never_looked_up_or_kept(client: Client,
                                                              library: None) -> None:
    from django.core.cache import caches

    with CaptureQueriesContext(connection) as queries:
        client.get("/en/learn/")
    assert not any("indexstate" in q["sql"].lower() for q in queries.captured_queries)
    assert caches["pages"]._list_cache_files() == []  # type: ignore[attr-defined]
