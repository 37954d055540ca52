"""A search that finds nothing gives a way on: a close spelling the library has (which finds
something), the themes, the knowledge pages, proposing a resource and asking the editors,
and no empty "Narrow down". Through the catalogue page, in two interface languages."""

import html
import re

import pytest
from django.utils.translation import gettext, override

from resguardo.catalogue.models import Theme
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db


def search(client, q: str, language: str = "en", **params: str) -> str:
    response = client.get(f"/{language}/catalogue/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def translated(language: str, msgid: str, **values: str) -> str:
    with override(language):
        return gettext(msgid) % values if values else gettext(msgid)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_misspelt_word_is_offered_the_word_the_library_has(client, seeded, language):
    body = search(client, "guatemla", language)
    offer = translated(language, 'Did you mean <a href="%(url)s">%(words)s</a>?',
                       url="?q=Guatemala", words="Guatemala")
    assert offer in html.unescape(body)
    # … and following it finds the case study
    assert "case-study-la-puya" in search(client, "Guatemala", language)


def test_only_the_unknown_word_of_a_search_is_respelled(client, seeded):
    body = html.unescape(search(client, "protocols guatemla"))
    assert '<a href="?q=protocols+Guatemala">protocols Guatemala</a>' in body


@pytest.mark.parametrize("language", ["en", "es"])
def test_nothing_found_leads_to_themes_pages_proposing_and_the_editors(client, seeded,
                                                                       language):
    body = search(client, "zzqxqz", language)
    assert "Did you mean" not in body and "<mark>" not in body
    assert translated(language, "Narrow down") not in body
    assert f'href="/{language}/catalogue/?theme=communication-early-warning"' in body
    radio = Theme.objects.localized(language).get(slug="communication-early-warning")
    assert f">{radio}</a>" in html.unescape(body)
    for link, words in [(f"/{language}/learn/", "Learn about collective protection"),
                        (f"/{language}/propose/", "Propose a resource"),
                        (f"/{language}/contact/", "Ask the editors")]:
        assert f'<a href="{link}">{html.escape(translated(language, words))}</a>' in body


def test_a_search_that_finds_resources_offers_no_spelling_and_keeps_narrow_down(client,
                                                                                seeded):
    body = search(client, "panic buttons")
    assert "Narrow down" in body
    assert "Did you mean" not in body and "Ask the editors" not in body


def test_a_suggestion_is_offered_only_if_it_finds_something(client, db):
    resource = make_resource("Radio networks", summary="Community radio.")
    assert "Did you mean" in search(client, "raddio")
    resource.status = "draft"
    resource.save()  # its words stay in the vocabulary, but it is found no more
    from resguardo.catalogue import indexing
    indexing.index([resource])
    assert "Did you mean" not in search(client, "raddio")


def test_filters_in_use_can_still_be_removed_when_nothing_is_found(client, seeded):
    body = search(client, "zzqxqz", type="guides-manuals")
    facets = re.search(r'<section class="facets".*?</section>', body, re.S).group()
    # Narrowing down holds the filter in use, to take it off, and nothing else.
    assert re.findall(r"<li>", facets) == ["<li>"]
    assert "Remove filter:" in facets
