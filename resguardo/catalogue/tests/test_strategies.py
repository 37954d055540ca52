"""What works and what is needed: the coalition's strategies as readers browse them, in the
catalogue's facets and its data twins, on a resource's page, and as rows translated like the
other terms."""

import json
import re

import pytest
from django.test import Client
from django.utils import translation

from resguardo.catalogue.models import Strategy, StrategyTranslation, Theme
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db

RADIO = "communication-radio-early-warning"


def _facet(body: str, heading: str) -> list[tuple[str, str, int]]:
    """(href, label, count) of each value under a facet's heading."""
    section = body.split(f"<h3>{heading}</h3>", 1)[1].split("</ul>", 1)[0]
    return [(href.replace("&amp;", "&"), re.sub(r"<[^>]+>", "", label).replace(
        "Remove filter: ", "").replace("Retirer le filtre\u00a0: ", ""), int(count))
        for href, label, count in re.findall(
            r'<a href="([^"]+)"[^>]*>(.*?)</a> <span class="count">(\d+)</span>', section)]


@pytest.fixture
def classified() -> dict[str, object]:
    radio = make_resource("Radio alerts in the Cauca", themes=["communication-early-warning"])
    radio.strategies.set(Strategy.objects.filter(slug__in=[RADIO, "patrols"]))
    protocol = make_resource("Our community protocol", themes=["community-protocols"])
    protocol.strategies.set(Strategy.objects.filter(slug="community-protocols"))
    plain = make_resource("Not classified")
    from resguardo.catalogue.services import index_resources
    index_resources(resources=[radio, protocol])  # the links changed after creation
    return {"radio": radio, "protocol": protocol, "plain": plain}


def test_the_seeded_strategies_are_the_seeds_own_in_two_groups():
    works = set(Strategy.objects.filter(group="works").values_list("name", flat=True))
    needed = set(Strategy.objects.filter(group="needed").values_list("name", flat=True))
    assert works == {"Community protocols", "Joint committees", "Emergency communication plans",
                     "Emergency alert procedures", "Relocation plans", "Solidarity activities"}
    assert "Communication, radio and early warning" in needed and "Patrols" in needed
    assert not StrategyTranslation.objects.filter(name="").exists()
    for strategy in Strategy.objects.all():
        assert set(strategy.translations.values_list("language_id", flat=True)) == {
            "es", "fr", "pt"}, strategy.slug


def test_a_strategy_is_named_in_the_readers_language_with_its_description_and_examples():
    with translation.override("es"):
        strategy = Strategy.objects.localized().get(slug="community-protocols")
        assert strategy.label == "Protocolos comunitarios"
        assert strategy.label_description.startswith("Un protocolo que una comunidad acuerda")
        assert strategy.label_examples.startswith("La Puya, Guatemala: no dialogar")
    with translation.override("de"):  # no row: the strategy's own words
        strategy = Strategy.objects.localized().get(slug="community-protocols")
        assert strategy.label == "Community protocols"
        assert strategy.label_examples.startswith("La Puya, Guatemala: no dialogue")


def test_the_catalogue_offers_what_works_and_what_is_needed_with_counts(client: Client,
                                                                        classified):
    body = client.get("/en/catalogue/").content.decode()
    assert _facet(body, "What works / What is needed") == [
        ("?group=works", "What works", 1), ("?group=needed", "What is needed", 1)]
    needed = client.get("/en/catalogue/?group=needed").content.decode()
    assert "Radio alerts in the Cauca" in needed and "Our community protocol" not in needed
    assert ("?group=needed&strategy=" + RADIO, "Communication, radio and early warning",
            1) in _facet(needed, "Strategy")


def test_with_a_group_chosen_the_strategy_filter_offers_that_groups_only(client: Client,
                                                                         classified):
    classified["radio"].strategies.add(Strategy.objects.get(slug="relocation-plans"))  # type: ignore[attr-defined]
    from resguardo.catalogue.services import index_resources
    index_resources(resources=[classified["radio"]])
    everything = [label for _h, label, _n in _facet(
        client.get("/en/catalogue/").content.decode(), "Strategy")]
    assert "Relocation plans" in everything and "Patrols" in everything
    needed = [label for _h, label, _n in _facet(
        client.get("/en/catalogue/?group=needed").content.decode(), "Strategy")]
    assert needed == ["Communication, radio and early warning", "Patrols"]


def test_a_french_reader_picks_a_strategy_by_its_french_name(client: Client, classified):
    needed = client.get("/fr/catalogue/?group=needed").content.decode()
    assert "<h3>Ce qui marche / Ce qui manque</h3>" in needed
    href = next(h for h, label, _n in _facet(needed, "Stratégie")
                if label == "Communication, radio et alerte précoce")
    found = client.get("/fr/catalogue/" + href).content.decode()
    assert "1 ressource" in found and "Radio alerts in the Cauca" in found


def test_the_strategy_filter_narrows_to_its_resources(client: Client, classified):
    body = client.get("/en/catalogue/?strategy=community-protocols").content.decode()
    assert "Our community protocol" in body and "Radio alerts" not in body
    assert "Nothing matches" in client.get("/en/catalogue/?strategy=no-such").content.decode()


def test_the_data_twins_carry_the_strategies_and_their_facets(client: Client, classified):
    data = json.loads(client.get("/es/catalogue.json?strategy=" + RADIO).content)
    assert data["total"] == 1
    assert data["results"][0]["what_is_needed"] == [
        "Comunicación, radio y alerta temprana", "Recorridos de vigilancia"]
    assert data["results"][0]["what_works"] == []
    assert {"value": "needed", "label": "Lo que hace falta", "count": 1,
            "selected": False} in data["facets"]["group"]
    csv = client.get("/en/catalogue.csv?group=works").content.decode()
    assert "Our community protocol" in csv and "Community protocols" in csv


def test_a_resource_page_lists_its_strategies_by_group(client: Client, classified):
    radio = classified["radio"]
    body = client.get(radio.get_absolute_url()).content.decode()  # type: ignore[attr-defined]
    assert "<dt>What is needed</dt>" in body and "<dt>What works</dt>" not in body
    assert f'href="/en/catalogue/?strategy={RADIO}">Communication, radio and early warning' \
        in body
    spanish = client.get(radio.get_absolute_url().replace("/en/", "/es/")).content.decode()  # type: ignore[attr-defined]
    assert "<dt>Lo que hace falta</dt>" in spanish and ">Recorridos de vigilancia</a>" in spanish


def test_a_catalogue_filtered_by_one_theme_is_headed_by_it(client: Client, classified):
    body = client.get("/es/catalogue/?theme=community-protocols").content.decode()
    assert "<h1>Protocolos comunitarios y gobernanza</h1>" in body
    assert "Acuerdos que una comunidad establece sobre cómo decide" in body
    assert 'href="/es/themes/community-protocols/"' in body
    two = client.get("/en/catalogue/?theme=community-protocols&theme=patrols").content
    assert b"<h1>Catalogue</h1>" in two
    searched = client.get("/en/catalogue/?theme=community-protocols&q=protocol").content
    assert b"<h1>Search: protocol</h1>" in searched


def test_an_editors_change_of_group_moves_the_facets_at_once(client: Client, classified):
    assert "Radio alerts" not in client.get("/en/catalogue/?group=works").content.decode()
    Strategy.objects.filter(slug=RADIO).update(group="works")
    from resguardo.search.services import mark_changed
    mark_changed()  # as the admin does on a save (MarksChanges)
    assert "Radio alerts" in client.get("/en/catalogue/?group=works").content.decode()


def test_a_theme_keeps_its_strategies(classified):
    theme = Theme.objects.get(slug="communication-early-warning")
    assert set(theme.strategies.values_list("slug", flat=True)) == {
        RADIO, "emergency-communication-plans"}
