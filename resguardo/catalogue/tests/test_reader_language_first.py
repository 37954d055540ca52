"""A reader finds what exists in their language first: unless they choose a sort, the
catalogue lists resources in the interface's language before the others, each group in the
order it would have had."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from resguardo.catalogue import facets
from resguardo.catalogue.models import Language
from resguardo.catalogue.tests.test_browsing import titles
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db
NOTE = "Resources in your language come first."


def read_as(client, reader: str, name: str = "catalogue:catalogue", **params):
    """The page as a reader of that language asks for it: the address in their language,
    and their browser saying so."""
    with override(reader):
        url = reverse(name)
    return client.get(url, params, headers={"accept-language": reader})


@pytest.fixture
def mixed(db):
    """Four guides published one after the other, two in Spanish, two in English."""
    make_resource("Guía antigua", languages=["es"])
    make_resource("Middle guide", languages=["en"])
    make_resource("Guía nueva", languages=["es"])
    make_resource("Newest guide", languages=["en"])


def test_a_spanish_reader_sees_spanish_resources_first_then_the_others(client, mixed):
    response = read_as(client, "es")
    assert titles(response) == ["Guía nueva", "Guía antigua", "Newest guide", "Middle guide"]


def test_an_english_reader_sees_english_resources_first(client, mixed):
    response = read_as(client, "en")
    assert titles(response) == ["Newest guide", "Middle guide", "Guía nueva", "Guía antigua"]
    assert NOTE in response.content.decode()


def test_a_chosen_sort_is_kept_as_it_is(client, mixed):
    assert titles(read_as(client, "es", sort="newest")) == [
        "Newest guide", "Guía nueva", "Middle guide", "Guía antigua"]
    assert titles(read_as(client, "es", sort="title")) == [
        "Guía antigua", "Guía nueva", "Middle guide", "Newest guide"]
    assert NOTE not in read_as(client, "en", sort="newest").content.decode()


def test_a_search_ranks_within_each_language(client):
    make_resource("Radio para la comunidad", languages=["es"])
    make_resource("Guía", full_text="Una radio comunitaria avisa a tiempo.", languages=["es"])
    make_resource("Radio networks", languages=["en"])
    make_resource("Early warning", full_text="A community radio warns in time.",
                  languages=["en"])
    assert titles(read_as(client, "es", q="radio")) == [
        "Radio para la comunidad", "Guía", "Radio networks", "Early warning"]
    assert titles(read_as(client, "en", q="radio")) == [
        "Radio networks", "Early warning", "Radio para la comunidad", "Guía"]
    # Relevance chosen by the reader: the title matches first, whatever their language.
    ranked = titles(read_as(client, "es", q="radio", sort="relevance"))
    assert set(ranked[:2]) == {"Radio networks", "Radio para la comunidad"}


def test_the_language_filter_keeps_only_that_language(client, mixed):
    assert titles(read_as(client, "en", language="es")) == ["Guía nueva", "Guía antigua"]
    assert titles(read_as(client, "es", language="en")) == ["Newest guide", "Middle guide"]


def test_the_pages_follow_on_from_one_language_to_the_others(client):
    for n in range(10):
        make_resource(f"English {n}", languages=["en"])
    for n in range(15):
        make_resource(f"Español {n}", languages=["es"])
    first, second = read_as(client, "es"), read_as(client, "es", page="2")
    assert titles(first) == ([f"Español {n}" for n in range(14, -1, -1)]
                             + [f"English {n}" for n in range(9, 4, -1)])
    assert titles(second) == [f"English {n}" for n in range(4, -1, -1)]


def test_the_note_shows_only_when_it_changed_the_order(client, mixed):
    assert NOTE in read_as(client, "en").content.decode()
    assert NOTE not in read_as(client, "en", language="en").content.decode()
    assert NOTE not in read_as(client, "fr").content.decode()  # nothing in French


def test_the_home_page_lists_the_newest_in_the_readers_language_first(client, mixed):
    body = read_as(client, "es", "home").content.decode()
    assert body.index("Guía nueva") < body.index("Guía antigua") < body.index("Newest guide")


def test_the_json_twin_has_the_same_order(client, mixed):
    with override("es"):
        url = reverse("catalogue:catalogue-json")
    data = client.get(url, headers={"accept-language": "es"}).json()
    assert [r["title"] for r in data["results"]] == titles(read_as(client, "es"))
    assert data["sort"] == "newest" and data["language_first"] == "es"
    chosen = client.get(url, {"sort": "newest"}, headers={"accept-language": "es"}).json()
    assert chosen["language_first"] is None


def test_readers_of_different_languages_do_not_share_a_kept_page(client, mixed):
    assert titles(read_as(client, "en"))[0] == "Newest guide"
    assert titles(read_as(client, "es"))[0] == "Guía nueva"
    assert titles(read_as(client, "en"))[0] == "Newest guide"


def test_a_regional_variant_counts_as_the_readers_language(client):
    Language.objects.create(code="pt-br", name="Portuguese (Brazil)",
                            native_name="Português (Brasil)", stemmer="portuguese")
    make_resource("Guia brasileiro", languages=["pt-br"])
    make_resource("Guia", languages=["pt"])
    make_resource("English guide", languages=["en"])
    assert titles(read_as(client, "pt")) == ["Guia", "Guia brasileiro", "English guide"]
    index = facets.current()
    assert len(index.in_language("pt-BR")) == len(index.in_language("pt")) == 2
