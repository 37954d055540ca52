"""Browsing by country and by the curators' rating: facets with counts named in the reader's
language, filters, the best-rated order, and the rating shown as stars with words beside."""

import json
import re
from html import unescape

import pytest
from django.test import Client

from resguardo.catalogue import facets, places
from resguardo.catalogue.services import update_resource
from resguardo.catalogue.tests.test_browsing import facet_links, titles
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(db: None) -> None:
    """Made oldest first: the newest comes first among equals."""
    make_resource("Radio in the highlands", countries=["GT"], rating=4)
    make_resource("Unrated patrol notes", countries=["GT", "MX"])
    make_resource("Mapping the forest", countries=["KE"], rating=5)
    make_resource("A second radio guide", countries=["CI"], rating=4)
    make_resource("A weak first draft", rating=2)


def test_the_country_facet_counts_each_country_named_in_the_readers_language(
        client: Client, rated: None) -> None:
    english = facet_links(client.get("/en/catalogue/"), "Country")
    assert {unescape(label): n for label, (_href, n) in english.items()} == {
        "Guatemala": 2, "Côte d'Ivoire": 1, "Kenya": 1, "Mexico": 1}
    assert english["Guatemala"][0] == "?country=GT"
    spanish = facet_links(client.get("/es/catalogue/"), "País")
    assert {label: n for label, (_href, n) in spanish.items()} == {
        "Guatemala": 2, "Costa de Marfil": 1, "Kenia": 1, "México": 1}
    assert list(map(unescape, facet_links(client.get("/fr/catalogue/"), "Pays"))) == [
        "Guatémala", "Côte d'Ivoire", "Kenya", "Mexique"]  # most first, then by name


def test_choosing_a_country_keeps_only_its_resources(client: Client, rated: None) -> None:
    narrowed = client.get("/en/catalogue/?country=GT")
    assert titles(narrowed) == ["Unrated patrol notes", "Radio in the highlands"]
    assert "Remove filter: Guatemala" in narrowed.content.decode()
    assert facet_links(narrowed, "Country")["Mexico"] == ("?country=GT&country=MX", 1)
    assert titles(client.get("/en/catalogue/?country=ZZ")) == []
    lower = client.get("/en/catalogue/?country=gt")
    assert titles(lower) == titles(narrowed)
    assert 'href="?">Remove filter: Guatemala</a>' in lower.content.decode()


def test_a_country_nothing_is_from_yet_is_still_named_and_removable(
        client: Client, rated: None) -> None:
    # A link from elsewhere (a map, a message) may name a country the library has nothing
    # from: the reader sees which filter emptied the page and how to take it off.
    page = client.get("/es/catalogue/?country=PE").content.decode()
    assert 'href="?">Quitar filtro: Perú</a>' in page
    assert 'href="?">Remove filter: ZZ</a>' in client.get(
        "/en/catalogue/?country=ZZ").content.decode()


def test_the_rating_facet_counts_resources_rated_that_or_better(client: Client,
                                                                rated: None) -> None:
    english = facet_links(client.get("/en/catalogue/"), "Curators’ rating")
    # Nothing is rated 1, so "1 and more" would say what "2 and more" says.
    assert english == {"5 out of 5": ("?rating=5", 1), "4 and more": ("?rating=4", 3),
                       "3 and more": ("?rating=3", 3), "2 and more": ("?rating=2", 4)}
    portuguese = facet_links(client.get("/pt/catalogue/"), "Avaliação da curadoria")
    assert list(portuguese)[:2] == ["5 de 5", "4 ou mais"]


def test_four_and_more_keeps_the_resources_rated_four_or_five(client: Client,
                                                               rated: None) -> None:
    narrowed = client.get("/en/catalogue/?rating=4")
    assert sorted(titles(narrowed)) == ["A second radio guide", "Mapping the forest",
                                        "Radio in the highlands"]
    # One rating at a time: another replaces it rather than being added to it.
    assert facet_links(narrowed, "Curators’ rating")["2 and more"][0] == "?rating=2"
    assert facet_links(narrowed, "Curators’ rating")["4 and more"][0] == "?"


def test_best_rated_come_first_newest_first_among_equals_and_unrated_last(
        client: Client, rated: None) -> None:
    assert titles(client.get("/en/catalogue/?sort=rating")) == [
        "Mapping the forest", "A second radio guide", "Radio in the highlands",
        "A weak first draft", "Unrated patrol notes"]
    assert titles(client.get("/en/catalogue/?sort=rating&country=GT")) == [
        "Radio in the highlands", "Unrated patrol notes"]
    page = client.get("/es/catalogue/").content.decode()
    assert '<option value="rating">Mejor valorados</option>' in page


def test_results_show_the_rating_as_stars_and_in_words(client: Client, rated: None) -> None:
    page = client.get("/en/catalogue/?country=KE").content.decode()
    assert ('<span class="stars" aria-hidden="true">★★★★★</span>'
            '<span class="vh">Curators’ rating: 5 out of 5</span>') in page
    french = client.get("/fr/catalogue/?country=CI").content.decode()
    assert "★★★★☆</span><span class=\"vh\">Note de l’équipe éditoriale : 4 sur 5" in french
    unrated = client.get("/en/catalogue/?country=MX").content.decode()
    assert "class=\"stars\"" not in unrated


def test_the_resource_page_links_its_countries_and_rating_to_the_catalogue(
        client: Client) -> None:
    resource = make_resource("Radio in the highlands", countries=["GT", "MX"], rating=3)
    for language, countries, words in (("en", "Guatemala</a>, <a", "3 out of 5"),
                                       ("es", "México</a>", "3 de 5")):
        page = client.get(f"/{language}{resource.get_absolute_url()[3:]}").content.decode()
        assert f'<a href="/{language}/catalogue/?country=MX">' in page
        assert countries in page
        assert (f'★★★☆☆</span> <a href="/{language}/catalogue/?rating=3">{words}</a>'
                in page)


def test_an_editors_change_of_countries_and_rating_moves_the_facets(client: Client,
                                                                    rated: None) -> None:
    assert "Peru" not in facet_links(client.get("/en/catalogue/"), "Country")
    resource = make_resource("Peruvian radio", countries=["PE"])
    update_resource(resource=resource, fields={"countries": ["PE", "BO"], "rating": 5})
    response = client.get("/en/catalogue/")
    assert facet_links(response, "Country")["Bolivia"][1] == 1
    assert facet_links(response, "Curators’ rating")["5 out of 5"][1] == 2


def test_the_json_twin_has_the_country_and_rating_facets_and_values(client: Client,
                                                                    rated: None) -> None:
    body = json.loads(client.get("/es/catalogue.json?country=KE").content)
    assert body["results"][0]["countries"] == ["KE"]
    assert body["results"][0]["rating"] == 5
    assert {"value": "KE", "label": "Kenia", "count": 1, "selected": True} in body[
        "facets"]["country"]
    assert body["facets"]["rating"][0] == {"value": "5", "label": "5 de 5", "count": 1,
                                           "selected": False}
    rows = client.get("/en/catalogue.csv?country=GT&sort=title").content.decode()
    assert re.search(r"GT; MX,\r\n", rows) and re.search(r",GT,4\r\n", rows)


def test_the_index_keeps_every_country_of_a_resource_and_ratings_at_least(rated: None
                                                                          ) -> None:
    index = facets.build("test")
    assert len(index.with_value("country", "GT")) == 2
    assert len(index.with_value("country", "MX")) == 1
    assert [len(index.with_value("rating", r)) for r in (5, 4, 3, 2, 1)] == [1, 3, 3, 4, 0]


def test_at_least_joins_each_value_with_the_greater_ones() -> None:
    joined = facets.at_least({2: facets.bitmap([1]), 5: facets.bitmap([7]),
                              4: facets.bitmap([3, 9])})
    assert {k: sorted(v) for k, v in joined.items()} == {5: [7], 4: [3, 7, 9], 3: [3, 7, 9],
                                                         2: [1, 3, 7, 9]}
    assert facets.at_least({}) == {}


@pytest.mark.parametrize(("typed", "language", "found"), [
    ("GT", "en", ["GT"]), ("gtm", "en", ["GT"]), ("Guatemala", "fr", ["GT"]),
    ("Alemania", "es", ["DE"]), ("Allemagne", "fr", ["DE"]), ("germany", "pt", ["DE"]),
    ("cote d'ivoire", "en", ["CI"]), ("Swaziland", "en", ["SZ"]), ("keni", "es", ["KE"]),
    ("guin", "en", ["GQ", "GN", "GW", "PG"]), ("UK", "en", []), ("Atlantis", "en", []),
    ("  ", "en", []),
])
def test_a_country_is_found_by_code_or_name_in_english_or_the_readers_language(
        typed: str, language: str, found: list[str]) -> None:
    assert places.find(typed, language) == found


def test_countries_are_named_and_ordered_in_each_language() -> None:
    assert [name for _c, name, _v in places.named(["DE", "CI", "GT"], "es")] == [
        "Alemania", "Costa de Marfil", "Guatemala"]
    assert [name for _c, name, _v in places.named(["DE", "CI", "GT"], "en")] == [
        "Côte d'Ivoire", "Germany", "Guatemala"]
