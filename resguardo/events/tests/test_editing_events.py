"""Editors prepare and publish trainings in the admin, in the event's own time zone."""

from datetime import UTC, datetime

import pytest

from resguardo.accounts.roles import editors_group
from resguardo.conftest import make_event, make_resource, sign_in
from resguardo.events.models import Event
from resguardo.search.services import index_version

pytestmark = pytest.mark.django_db
ADD = "/editors/events/event/add/"


def _form(**changes: object) -> dict[str, object]:
    return {
        "title": "Protocolos comunitarios", "slug": "protocolos-comunitarios",
        "status": "published", "description": "", "language": "es", "format": "online",
        "time_zone": "America/Bogota", "starts_at_0": "2030-05-14", "starts_at_1": "10:00",
        "ends_at_0": "2030-05-14", "ends_at_1": "12:00", "join_url": "meet.example.org/p",
        "join_details": "", "resources": [], **changes,
    }


def _errors(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return " ".join(e for errors in response.context["adminform"].form.errors.values()
                    for e in errors)


def test_the_editors_group_may_manage_events():
    codenames = set(editors_group().permissions.values_list("codename", flat=True))
    assert {"add_event", "change_event", "delete_event", "view_event"} <= codenames


def test_an_editor_gives_the_times_as_clocks_show_them_where_the_event_is(client, editor):
    recording = make_resource("Grabación del taller")
    sign_in(client, editor)
    assert 'type="date"' in client.get(ADD).content.decode()
    response = client.post(ADD, _form(resources=[recording.pk]))
    assert response.status_code == 302, _errors(response)
    event = Event.objects.get()
    assert (event.starts_at, event.ends_at) == (datetime(2030, 5, 14, 15, tzinfo=UTC),
                                                datetime(2030, 5, 14, 17, tzinfo=UTC))
    assert event.join_url == "https://meet.example.org/p"
    assert list(event.resources.all()) == [recording]
    # Opened again, the form shows the same clock times, not the server's.
    page = client.get(f"/editors/events/event/{event.pk}/change/").content.decode()
    assert 'value="10:00"' in page and 'value="2030-05-14"' in page
    assert "Protocolos comunitarios" in client.get("/en/trainings/").content.decode()


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(client, editor):
    sign_in(client, editor)
    response = client.post(ADD, _form(ends_at_1="09:00"))
    assert _errors(response) == "The end must be after the start."
    assert not Event.objects.exists()


def test_a_time_the_clocks_skip_is_refused_with_a_reason(client, editor):
    sign_in(client, editor)
    response = client.post(ADD, _form(time_zone="Europe/Madrid", starts_at_0="2030-03-31",
                                      starts_at_1="02:30", ends_at_0="2030-03-31"))
    assert _errors(response) == ("There is no 02:30 on that day in Europe/Madrid: the clocks "
                                 "go forward then. Choose a time an hour later.")
    assert not Event.objects.exists()


def test_an_unknown_time_zone_is_refused(client, editor):
    sign_in(client, editor)
    response = client.post(ADD, _form(time_zone="Mars/Olympus_Mons"))
    assert "Mars/Olympus_Mons is not one of the available choices" in _errors(response)
    assert not Event.objects.exists()


def test_a_draft_stays_off_the_site_until_published(client, editor):
    sign_in(client, editor)
    client.post(ADD, _form(status="draft"))
    event = Event.objects.get()
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 404


def test_an_editors_change_moves_the_catalogue_version_so_kept_pages_go(client, editor):
    event = make_event("Old title")
    before = index_version()
    sign_in(client, editor)
    response = client.post(f"/editors/events/event/{event.pk}/change/",
                           _form(title="New title", slug=event.slug))
    assert response.status_code == 302, _errors(response)
    assert index_version() != before


def test_the_editors_list_shows_each_event_at_its_own_clock_time(client, editor):
    make_event("Taller en Nairobi", starts_at=datetime(2030, 6, 3, 6, 30, tzinfo=UTC),
               time_zone="Africa/Nairobi", language="sw")
    sign_in(client, editor)
    page = client.get("/editors/events/event/").content.decode()
    assert "2030-06-03 09:30 (Africa/Nairobi)" in page
    assert client.get("/editors/events/event/", {"q": "Nairobi"}).status_code == 200
