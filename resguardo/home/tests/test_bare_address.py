"""The site's bare address answers with the home page in the reader's language, in one
round trip: the language they chose before, else their browser's, else English; with the
headers that keep caches from handing one reader's language to another."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

SPANISH = {"accept-language": "es"}


def _canonical(html: str) -> str:
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert len(found) == 1, found
    return found[0]


def _language(html: str) -> str:
    found = re.search(r'<html lang="(\w+)"', html)
    assert found
    return found.group(1)


def test_a_spanish_browser_gets_the_spanish_home_page_at_once(client: Client,
                                                             seeded: None) -> None:
    response = client.get("/", headers=SPANISH)
    html = response.content.decode()
    assert response.status_code == 200
    assert _language(html) == "es" and ">Catálogo</a>" in html
    assert response["Content-Language"] == "es"
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert _canonical(html) == "http://testserver/es/"
    cache_control = {v.strip() for v in response["Cache-Control"].split(",")}
    assert "private" in cache_control and "max-age=300" in cache_control
    assert "no-store" not in cache_control  # the reader's own browser may keep it


def test_the_remembered_choice_comes_before_the_browsers_languages(client: Client,
                                                                   seeded: None) -> None:
    client.get("/language/pt/", {"next": "/pt/"})
    response = client.get("/", headers=SPANISH)
    assert _language(response.content.decode()) == "pt" and response["Content-Language"] == "pt"
    assert _canonical(response.content.decode()) == "http://testserver/pt/"


def test_a_browser_that_names_no_language_gets_english(client: Client, seeded: None) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert _language(response.content.decode()) == "en"
    assert _canonical(response.content.decode()) == "http://testserver/en/"
    french_only = client.get("/", headers={"accept-language": "de, fr;q=0.5"})
    assert french_only["Content-Language"] == "fr"


def test_it_is_the_prefixed_home_page_with_a_canonical_link_to_it(client: Client,
                                                                   seeded: None) -> None:
    """Same links, forms and switcher as /es/: every one of them leads where it does there."""
    bare = client.get("/", headers=SPANISH).content.decode()
    prefixed = client.get("/es/").content.decode()
    assert bare.replace('<link rel="canonical" href="http://testserver/es/">', "") == prefixed
    assert 'action="/es/catalogue/"' in bare
    assert 'href="/language/fr/?next=/fr/"' in bare
    moved = client.get("/language/fr/", {"next": "/fr/"})
    assert moved["Location"] == "/fr/"
    assert _language(client.get("/").content.decode()) == "fr"  # the choice is remembered


def test_the_prefixed_home_page_has_no_canonical_link(client: Client, seeded: None) -> None:
    assert 'rel="canonical"' not in client.get("/es/").content.decode()


def test_the_page_cache_keeps_one_bare_page_per_language(client: Client, seeded: None) -> None:
    spanish = client.get("/", headers=SPANISH | {"accept-encoding": "br"})
    assert spanish["Content-Encoding"] == "br"  # the padded gzip is for one person's pages
    english = Client().get("/", headers={"accept-language": "en", "accept-encoding": "br"})
    assert english["Content-Language"] == "en" and english["ETag"] != spanish["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = Client().get("/", headers=SPANISH | {"accept-encoding": "br"})
    assert len(queries) == 1  # the catalogue's version: the kept Spanish page
    assert again.content == spanish.content and again["Content-Language"] == "es"
    assert again["Vary"] == spanish["Vary"] and again["Cache-Control"] == spanish["Cache-Control"]
    chose = Client()
    chose.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert chose.get("/", headers=SPANISH)["Content-Language"] == "en"


def test_a_readers_etag_is_never_another_languages_page(client: Client, seeded: None) -> None:
    spanish = client.get("/", headers=SPANISH)
    unchanged = client.get("/", headers=SPANISH | {"if-none-match": spanish["ETag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert "Cookie" in unchanged["Vary"] and "private" in unchanged["Cache-Control"]
    english = Client().get("/", headers={"accept-language": "en",
                                         "if-none-match": spanish["ETag"]})
    assert english.status_code == 200 and _language(english.content.decode()) == "en"


def test_head_answers_the_headers_without_the_page(client: Client, seeded: None) -> None:
    response = client.head("/", headers=SPANISH)
    assert response.status_code == 200 and response.content == b""
    assert response["Content-Language"] == "es" and "Cookie" in response["Vary"]


@pytest.mark.parametrize(("path", "moved"), [
    ("/catalogue/", "/es/catalogue/"),
    ("/learn/", "/es/learn/"),
    ("/catalogue/?q=radio", "/es/catalogue/?q=radio"),
])
def test_other_addresses_without_a_language_still_redirect(
        client: Client, seeded: None, path: str, moved: str) -> None:
    response = client.get(path, headers=SPANISH)
    assert response.status_code == 302 and response["Location"] == moved
