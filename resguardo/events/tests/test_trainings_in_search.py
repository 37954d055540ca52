"""Webinars and trainings are found by the catalogue's search box, as their own group
above the resources, with their date and a snippet of their description in their own
language; the index follows what editors save. Runs on both backends with the suite."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.translation import gettext, override

from resguardo.conftest import make_event, sign_in
from resguardo.events import indexing
from resguardo.events.models import Event
from resguardo.events.searching import found
from resguardo.search.query import parse

pytestmark = pytest.mark.django_db
ADD = "/editors/events/event/add/"


def search(client: Client, q: str, language: str = "en") -> str:
    response = client.get(f"/{language}/catalogue/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def trainings(body: str) -> str:
    """The group of webinars and trainings on a search page ("" when there is none)."""
    for section in re.findall(r'<section class="found".*?</section>', body, re.S):
        if 'href="/' in section and "/trainings/" in section:
            return section  # type: ignore[no-any-return]
    return ""


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_training_is_found_by_its_description_stemmed_in_its_language(client, db,
                                                                        language):
    event = make_event("Taller de radio", description="Aprendemos a montar radios "
                       "comunitarias para la alerta temprana.")
    indexing.index([event])
    group = trainings(search(client, "radio comunitaria", language))
    with override(language):
        assert f">{gettext('Webinars and trainings')}</h2>" in group
    assert f'href="/{language}/trainings/{event.slug}/"' in group
    # Marked as Spanish for an English reader; a Spanish reader reads it as the page.
    own = '<p class="snippet" lang="es" dir="ltr">' if language == "en" else '<p class="snippet">'
    assert own in group
    assert "<mark>radios</mark> <mark>comunitarias</mark>" in group
    assert '<p class="meta">' in group  # its date


def test_a_spanish_reader_gets_a_spanish_training_without_a_language_mark(client, db):
    indexing.index([make_event("Taller de radio", description="Radios comunitarias.")])
    group = trainings(search(client, "radios", "es"))
    assert group and 'lang="es"' not in group


def test_a_draft_training_is_not_found(client, db):
    indexing.index([make_event("Patrullas", description="Patrullas nocturnas.",
                               published=False)])
    assert found(parse("patrullas")) is None
    assert trainings(search(client, "patrullas")) == ""


def test_an_editor_publishing_unpublishing_and_deleting_a_training_moves_search(client,
                                                                               editor):
    staff = sign_in(Client(), editor)
    form = {"title": "Brigadas de monitoreo", "slug": "brigadas", "status": "published",
            "description": "Brigadas comunitarias recorren el territorio.", "language": "es",
            "format": "online", "time_zone": "America/Bogota", "starts_at_0": "2030-05-14",
            "starts_at_1": "10:00", "ends_at_0": "2030-05-14", "ends_at_1": "12:00",
            "join_url": "meet.example.org/p", "join_details": "", "resources": []}
    assert staff.post(ADD, form).status_code == 302
    assert trainings(search(client, "brigadas"))
    event = Event.objects.get(slug="brigadas")
    change = f"/editors/events/event/{event.pk}/change/"
    assert staff.post(change, {**form, "status": "draft"}).status_code == 302
    assert trainings(search(client, "brigadas")) == ""
    assert staff.post(change, form).status_code == 302
    assert trainings(search(client, "brigadas"))
    assert staff.post(f"/editors/events/event/{event.pk}/delete/",
                      {"post": "yes"}).status_code == 302
    assert trainings(search(client, "brigadas")) == ""


def test_the_search_index_command_indexes_the_trainings_again(db):
    make_event("Radio", description="Radios comunitarias.")  # behind the admin's back
    assert found(parse("radios")) is None
    call_command("search_index", stdout=open("/dev/null", "w"))
    assert found(parse("radios")) is not None
