"""A theme's own page, and the home page leading into what works and what is needed: as a
reader sees them, in two languages, and within one flight at a catalogue's full size."""

import random

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from resguardo.catalogue import facets
from resguardo.catalogue.models import Language, Resource, ResourceType, Strategy, Theme
from resguardo.conftest import make_resource
from resguardo.pages.models import Page
from resguardo.tests.test_page_weight import ONE_FLIGHT, prose

pytestmark = pytest.mark.django_db
RADIO = "communication-radio-early-warning"


@pytest.fixture
def radio() -> Resource:
    resource = make_resource("Radio alerts in the Cauca", themes=["communication-early-warning"])
    resource.strategies.set(Strategy.objects.filter(slug__in=[RADIO,
                                                              "emergency-communication-plans"]))
    page = Page.objects.create(title="Community radio", slug="community-radio", body="Radio.")
    page.resources.add(resource)
    Page.objects.create(title="Unrelated page", slug="unrelated", body="Other.")
    make_resource("Protocol guide", themes=["community-protocols"])
    facets._current = None  # the strategies were linked after the resource was indexed
    return resource


def test_a_theme_page_shows_its_description_strategies_resources_and_pages(client: Client,
                                                                           radio: Resource):
    body = client.get("/en/themes/communication-early-warning/").content.decode()
    assert "<h1>Communication, radio and early warning</h1>" in body
    assert "Alert systems, community radio and ways to communicate under threat." in body
    works, needed = body.split('<h2 id="group-works">What works</h2>')[1].split(
        '<h2 id="group-needed">What is needed</h2>')
    assert ">Emergency communication plans</a> <span class=\"count\">1</span>" in works
    assert f'href="/en/catalogue/?strategy={RADIO}">Communication, radio and early warning' \
        in needed
    assert "Radio alerts in the Cauca" in needed.split("Resources on this theme")[0]
    assert "Protocol guide" not in body
    assert 'href="/en/catalogue/?theme=communication-early-warning">All 1 resource on this ' \
        'theme' in body
    assert "Community radio" in body and "Unrelated page" not in body


def test_a_theme_page_speaks_the_readers_language(client: Client, radio: Resource):
    body = client.get("/pt/themes/communication-early-warning/").content.decode()
    assert "<h1>Comunicação, rádio e alerta precoce</h1>" in body
    assert "O que funciona" in body and "O que falta" in body
    assert "Planos de comunicação de emergência" in body
    assert "Por exemplo:" in body


def test_a_theme_without_strategies_of_a_group_says_so(client: Client, radio: Resource):
    body = client.get("/es/themes/community-protocols/").content.decode()
    assert "<h1>Protocolos comunitarios y gobernanza</h1>" in body
    assert "Todavía no hay ninguna estrategia de este tema en este grupo." in body
    assert client.get("/en/themes/no-such-theme/").status_code == 404


def test_the_home_page_leads_into_both_groups(client: Client, radio: Resource):
    body = client.get("/en/").content.decode()
    assert '<a href="/en/catalogue/?group=works">What works</a>' in body
    assert '<a href="/en/catalogue/?group=needed">What is needed</a>' in body
    assert f'<a href="/en/catalogue/?strategy={RADIO}">Communication, radio and early ' \
        'warning</a> <span class="count">1</span>' in body
    assert "?strategy=patrols" not in body  # nothing to find there yet
    spanish = client.get("/es/").content.decode()
    assert '<a href="/es/catalogue/?group=needed">Lo que hace falta</a>' in spanish
    assert ">Comunicación, radio y alerta temprana</a>" in spanish


def _big_theme(count: int, strategies: int) -> Theme:
    """A theme with `strategies` strategies of long names and texts, and `count` resources,
    each in every strategy of the theme: bulk rows, as the facets read them."""
    rng = random.Random(14)
    theme = Theme.objects.create(name="A crowded theme", slug="crowded",
                                 description=prose(rng, 600))
    rows = [Strategy.objects.create(
        name=f"{n} " + prose(rng, 190), slug=f"crowded-{n}", theme=theme,
        group="works" if n % 2 else "needed", description=prose(rng, 1500),
        examples=prose(rng, 1500)) for n in range(strategies)]
    kind = ResourceType.objects.first()
    now = timezone.now()
    Resource.objects.bulk_create([Resource(
        title=f"{n} " + prose(rng, 495), slug=f"crowded-{n}", resource_type=kind,
        summary=prose(rng, 2000), status="published", published_at=now)
        for n in range(count)])
    resources = list(Resource.objects.filter(slug__startswith="crowded-"))
    Resource.themes.through.objects.bulk_create(
        [Resource.themes.through(resource=r, theme=theme) for r in resources])
    Resource.strategies.through.objects.bulk_create(
        [Resource.strategies.through(resource=r, strategy=s) for r in resources for s in rows])
    Resource.languages.through.objects.bulk_create(
        [Resource.languages.through(resource=r, language=Language.objects.get(code="en"))
         for r in resources])
    facets._current = None
    return theme


@pytest.mark.parametrize(("encoding", "strategies"),
                         [("br", 50), ("gzip", 50), ("br", 20), ("gzip", 20)])
def test_a_theme_of_many_strategies_and_1000_resources_fits_in_one_flight(
        client: Client, encoding: str, strategies: int):
    _big_theme(1000, strategies)
    for code, _name in settings.LANGUAGES:
        response = client.get(f"/{code}/themes/crowded/", HTTP_ACCEPT_ENCODING=encoding)
        assert response.status_code == 200
        size = len(response.content) + sum(len(f"{k}: {v}\r\n") for k, v in response.items())
        assert size <= ONE_FLIGHT, (code, size)
    body = client.get("/en/themes/crowded/").content.decode()
    assert "All 1000 resources on this theme" in body
    assert body.count('class="count">1000</span>') == strategies
    # Up to twenty, each with its examples and newest resources; more, shortly.
    assert body.count("For example:") == (strategies if strategies <= 20 else 0)
