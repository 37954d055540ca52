"""A reader on a resource page the library holds no copy of taps "Ask the editors for a
copy" or "Ask for this in my language": one POST, no script, no cookie; only a count per
resource (and language) is kept, and a repeated tap from the same browser counts once."""

import pytest
from django.test import Client

from resguardo.asks.models import Ask
from resguardo.asks.views import ASKS
from resguardo.catalogue.models import Resource
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db
TAKING_CARE = "taking-care-of-us"  # a seed resource with no copy, and its publisher's page


def _page(client: Client, language: str, slug: str = TAKING_CARE) -> str:
    return client.get(f"/{language}/resources/{slug}/").content.decode()


def _tap(client: Client, language: str, kind: str, slug: str = TAKING_CARE, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(f"/{language}/ask/{slug}/", {"ask": kind, "website": ""}, **headers)


def _counts() -> set[tuple[str, str, str, int]]:
    return set(Ask.objects.values_list("resource__slug", "kind", "language", "count"))


def test_a_reader_of_another_language_is_offered_both_asks_and_an_english_one_a_copy(
        client, seeded):
    spanish = _page(client, "es")
    assert "Pedir una copia a los editores" in spanish
    assert "Pedir esto en mi idioma" in spanish
    assert f'action="/es/ask/{TAKING_CARE}/"' in spanish
    english = _page(client, "en")  # the resource is in English
    assert "Ask the editors for a copy" in english
    assert "Ask for this in my language" not in english


def test_a_tap_counts_one_and_thanks_the_reader_in_their_language(client, seeded):
    response = _tap(client, "es", "copy")
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    body = thanks.content.decode()
    assert thanks.status_code == 200
    assert "Gracias: su petición se ha contado" in body
    assert "Taking Care of Us" in body
    assert _counts() == {(TAKING_CARE, "copy", "", 1)}


def test_a_language_ask_is_counted_for_the_language_the_reader_reads_the_site_in(
        client, seeded):
    response = _tap(client, "fr", "language")
    body = client.get(response["Location"]).content.decode()
    assert "dans la langue où vous lisez ce site (Français)" in body
    assert _counts() == {(TAKING_CARE, "language", "fr", 1)}


def test_the_same_browser_tapping_again_is_thanked_but_counted_once(client, seeded):
    for _ in range(3):
        assert _tap(client, "es", "language").status_code == 302
    other_reader = Client(REMOTE_ADDR="198.51.100.7")
    _tap(other_reader, "es", "language")
    _tap(client, "pt", "language")  # another language is another ask
    assert _counts() == {(TAKING_CARE, "language", "es", 2),
                         (TAKING_CARE, "language", "pt", 1)}


def test_a_filled_honeypot_is_thanked_and_counts_nothing(client, seeded):
    response = client.post(f"/en/ask/{TAKING_CARE}/", {"ask": "copy",
                                                       "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Ask.objects.exists()


def test_a_tap_sent_from_another_sites_page_is_refused(client, seeded):
    assert _tap(client, "en", "copy", HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert _tap(client, "en", "copy", HTTP_ORIGIN="https://elsewhere.example").status_code \
        == 403
    assert not Ask.objects.exists()
    assert _tap(client, "en", "copy", HTTP_SEC_FETCH_SITE="same-origin").status_code == 302
    assert _counts() == {(TAKING_CARE, "copy", "", 1)}


def test_a_browser_that_says_nothing_of_where_it_comes_from_is_counted(seeded):
    old_phone = Client(enforce_csrf_checks=True)  # no token on the page, none needed
    assert _tap(old_phone, "en", "copy").status_code == 302
    assert _tap(Client(), "en", "language", HTTP_ORIGIN="http://testserver").status_code \
        == 302
    assert Ask.objects.count() == 2


def test_the_resource_page_with_the_buttons_sets_no_cookie_and_is_the_same_for_everyone(
        client, seeded):
    first = client.get(f"/es/resources/{TAKING_CARE}/")
    second = Client(REMOTE_ADDR="203.0.113.9").get(f"/es/resources/{TAKING_CARE}/")
    assert not first.cookies and "Set-Cookie" not in first
    assert first.content == second.content
    assert "csrfmiddlewaretoken" not in first.content.decode()


def test_a_flood_of_taps_from_one_client_is_refused_with_429(client, seeded):
    resources = [make_resource(f"Asked {n}") for n in range(ASKS.count)]
    for resource in resources:
        assert _tap(client, "en", "copy", slug=resource.slug).status_code == 302
    assert _tap(client, "en", "copy").status_code == 429
    assert Ask.objects.count() == ASKS.count


def test_an_unknown_ask_a_get_and_an_unpublished_resource_are_refused(client, seeded):
    assert _tap(client, "en", "everything").status_code == 400
    assert client.get(f"/en/ask/{TAKING_CARE}/").status_code == 405
    draft = make_resource("Not yet", published=False)
    assert _tap(client, "en", "copy", slug=draft.slug).status_code == 404
    assert not Ask.objects.exists()


def test_a_resource_held_in_the_readers_language_offers_no_ask(client, seeded):
    held = Resource.objects.exclude(full_text="").first()
    assert held is not None
    assert 'class="ask"' not in _page(client, "en", held.slug)
    assert "Pedir esto en mi idioma" in _page(client, "es", held.slug)
    assert "Pedir una copia" not in _page(client, "es", held.slug)


def test_an_ask_keeps_nothing_but_what_was_asked_for_and_how_often():
    assert {f.name for f in Ask._meta.get_fields()} == {
        "id", "resource", "kind", "language", "count"}
