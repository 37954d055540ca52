"""The .ics files: read back by the icalendar library as calendar apps would read them."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from resguardo.conftest import make_event, make_resource
from resguardo.events.models import Event

pytestmark = pytest.mark.django_db
HOSTILE = ("Línea uno\nLínea dos, con comas; y punto y coma \\ barra "
           "END:VEVENT\r\nBEGIN:VEVENT " + "保护社区的集体安全" * 18)


def _calendar(client, url: str) -> icalendar.Calendar:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_an_events_file_holds_it_with_its_time_zone_and_a_link_back(client):
    event = make_event("Protocolos comunitarios", starts_at=datetime(2030, 5, 14, 15, tzinfo=UTC),
                       hours=2, time_zone="America/Bogota",
                       join_url="https://meet.example.org/protocolos")
    response = client.get(event.get_ics_url())
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    cal = icalendar.Calendar.from_ical(response.content)
    [item] = cal.events
    assert item["UID"] == str(event.uid)
    assert item.start == datetime(2030, 5, 14, 10, tzinfo=ZoneInfo("America/Bogota"))
    assert item.start.tzinfo.key == "America/Bogota"  # type: ignore[union-attr]
    assert item.end.astimezone(UTC) == datetime(2030, 5, 14, 17, tzinfo=UTC)
    assert item.DTSTAMP == event.updated_at.replace(microsecond=0)
    assert item["URL"] == f"http://testserver{event.get_absolute_url()}"
    assert item["LOCATION"] == "https://meet.example.org/protocolos"
    assert item["SUMMARY"].params["LANGUAGE"] == "es"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/Bogota"]
    assert "X-WR-CALNAME" not in cal  # an import, not a calendar of its own


def test_hostile_text_comes_back_exactly_and_lines_are_folded(client):
    recording = make_resource("Grabación; parte 1, 2\n" + "録画" * 100)
    event = make_event(HOSTILE[:200], description=HOSTILE * 3, resources=[recording],
                       starts_at=timezone.now() - timedelta(days=1))
    raw = client.get(event.get_ics_url()).content
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    unfolded = raw.replace(b"\r\n ", b"").split(b"\r\n")
    assert unfolded.count(b"BEGIN:VEVENT") == 1  # the title's own stays inside SUMMARY
    [item] = icalendar.Calendar.from_ical(raw).events
    # A browser's CRLF comes back as the one line break iCalendar text has.
    assert item["SUMMARY"] == HOSTILE[:200].replace("\r\n", "\n")
    assert item["DESCRIPTION"].startswith(
        HOSTILE.replace("\r\n", "\n") * 3 + "\n\nRecording and materials:\n- "
        + recording.title + ": http://testserver/")


def test_the_uid_stays_when_the_event_is_edited_and_the_file_only_changes_with_it(client):
    event = make_event("First title")
    first = client.get(event.get_ics_url())
    assert client.get(event.get_ics_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    event.title, event.slug = "Second title", "second-title"
    event.save()
    [item] = _calendar(client, event.get_ics_url()).events
    assert (item["UID"], item["SUMMARY"]) == (str(event.uid), "Second title")


def test_once_over_the_file_no_longer_says_how_to_join(client):
    event = make_event(starts_at=timezone.now() - timedelta(days=1), format="in-person",
                       join_details="Casa comunal, vereda La Esperanza")
    [item] = _calendar(client, event.get_ics_url()).events
    assert "LOCATION" not in item and "La Esperanza" not in item["DESCRIPTION"]
    coming = make_event(starts_at=timezone.now() + timedelta(days=1), format="in-person",
                        join_details="Casa comunal, vereda La Esperanza")
    [item] = _calendar(client, coming.get_ics_url()).events
    assert item["LOCATION"] == "Casa comunal, vereda La Esperanza"
    assert "How to join:\nCasa comunal, vereda La Esperanza" in item["DESCRIPTION"]


def test_the_feed_names_itself_and_holds_coming_and_recent_events_in_their_zones(client):
    now = timezone.now().replace(second=0, microsecond=0)  # as editors give times
    make_event("Coming in Nairobi", starts_at=now + timedelta(days=5), time_zone="Africa/Nairobi",
               language="sw")
    make_event("Last week in Bogotá", starts_at=now - timedelta(days=7))
    make_event("In UTC", starts_at=now + timedelta(days=9), time_zone="UTC", language="en")
    make_event("Long ago", starts_at=now - timedelta(days=400))
    make_event("A draft", starts_at=now + timedelta(days=5), published=False)
    cal = _calendar(client, "/en/trainings/calendar.ics")
    assert cal["X-WR-CALNAME"] == cal["NAME"] == "Resguardo: webinars and trainings"
    assert cal["URL"] == "http://testserver/en/trainings/calendar.ics"
    assert sorted(e["SUMMARY"] for e in cal.events) == [
        "Coming in Nairobi", "In UTC", "Last week in Bogotá"]
    assert sorted(tz["TZID"] for tz in cal.walk("VTIMEZONE")) == [
        "Africa/Nairobi", "America/Bogota"]
    by_title = {e["SUMMARY"]: e for e in cal.events}
    for title, event in by_title.items():
        stored = Event.objects.get(title=title)
        assert (event.start, event.end) == (stored.starts_at, stored.ends_at), title
    assert b"DTSTART:" in client.get("/en/trainings/calendar.ics").content  # UTC as ...Z


def test_an_empty_feed_is_still_a_valid_calendar(client):
    cal = _calendar(client, "/en/trainings/calendar.ics")
    assert cal.events == [] and cal["VERSION"] == "2.0"
