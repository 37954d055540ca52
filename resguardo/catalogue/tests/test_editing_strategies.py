"""Editors curate the strategies in the editors' area: a new one, in a theme and a group,
with its name in another language, is at once in the catalogue's facets."""

import pytest

from resguardo.catalogue.models import Strategy, Theme
from resguardo.conftest import make_resource, sign_in

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_strategy_with_its_spanish_name_and_readers_filter_by_it(
        client, editor):
    sign_in(client, editor)
    theme = Theme.objects.get(slug="territory-monitoring")
    response = client.post("/editors/catalogue/strategy/add/", {
        "name": "Drone mapping", "slug": "drone-mapping", "group": "needed",
        "theme": theme.pk, "description": "Maps of the territory from the air.",
        "examples": "", "position": 20,
        "translations-TOTAL_FORMS": 1, "translations-INITIAL_FORMS": 0,
        "translations-0-language": "es", "translations-0-name": "Mapeo con drones",
        "translations-0-description": "", "translations-0-examples": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    strategy = Strategy.objects.get(slug="drone-mapping")
    assert strategy.translations.get().name == "Mapeo con drones"
    resource = make_resource("Flying over the forest")
    resource.strategies.add(strategy)
    from resguardo.catalogue.services import index_resources
    index_resources(resources=[resource])
    body = client.get("/es/catalogue/?group=needed").content.decode()
    assert "Mapeo con drones" in body and "Flying over the forest" in body


def test_the_editors_list_shows_group_and_theme(client, editor):
    sign_in(client, editor)
    body = client.get("/editors/catalogue/strategy/?group__exact=needed").content.decode()
    assert "Communication, radio and early warning" in body
    assert "Relocation plans" not in body
