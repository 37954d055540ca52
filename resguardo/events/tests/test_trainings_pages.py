"""The trainings pages as a reader gets them."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from resguardo.conftest import make_event, make_resource
from resguardo.events import services
from resguardo.events.models import Event

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return " ".join(strip_tags(html).split())


def _section(body: str, heading: str) -> str:
    return body.split(f">{heading}</h2>", 1)[1].split("</section>", 1)[0]


def test_the_trainings_page_lists_coming_events_soonest_first_then_past_ones(client):
    now = timezone.now()
    make_event("Radio alerts next month", starts_at=now + timedelta(days=30))
    make_event("Mapping the territory next week", starts_at=now + timedelta(days=7))
    make_event("Care for carers last week", starts_at=now - timedelta(days=7))
    make_event("Legal routes last year", starts_at=now - timedelta(days=300))
    body = client.get("/en/trainings/").content.decode()
    coming, past = _section(body, "Coming up"), _section(body, "Past")
    assert re.findall(r">([^<]+) (?:next|last) \w+</a>", coming) == [
        "Mapping the territory", "Radio alerts"]
    assert re.findall(r">([^<]+) last \w+</a>", past) == ["Care for carers", "Legal routes"]


def test_each_event_shows_its_time_where_it_happens_with_zone_format_and_language(client):
    make_event("Protocolos comunitarios", starts_at=datetime(2030, 5, 14, 15, tzinfo=UTC),
               hours=2, time_zone="America/Bogota", language="es")
    make_event("Usalama wa kidijitali", starts_at=datetime(2030, 6, 3, 6, 30, tzinfo=UTC),
               hours=27, time_zone="Africa/Nairobi", language="sw",
               format=Event.Format.IN_PERSON, join_details="Nairobi")
    body = client.get("/en/trainings/").content.decode()
    assert ("Tuesday, May 14, 2030, 10 a.m.–noon (America/Bogota, UTC−05:00) · Online · "
            "Español") in _text(body)
    assert ("Monday, June 3, 2030, 9:30 a.m. – Tuesday, June 4, 2030, 12:30 p.m. "
            "(Africa/Nairobi, UTC+03:00) · In person · Kiswahili") in _text(body)
    assert '<time datetime="2030-05-14T10:00-0500">' in body
    assert '<span lang="sw">Kiswahili</span>' in body


def test_the_page_links_the_calendar_feed_for_browsers_and_readers(client):
    body = client.get("/en/trainings/").content.decode()
    assert ('<link rel="alternate" type="text/calendar" title="Webinars and trainings '
            '(calendar)" href="/en/trainings/calendar.ics">') in body
    assert '<a href="/en/trainings/calendar.ics">Calendar of webinars and trainings (.ics)</a>' \
        in body


def test_with_nothing_planned_the_page_says_so_and_has_no_past_section(client):
    body = client.get("/en/trainings/").content.decode()
    assert "Nothing is planned yet." in body
    assert ">Past</h2>" not in body


def test_drafts_are_neither_listed_nor_found(client):
    draft = make_event("Still being prepared", published=False)
    assert "Still being prepared" not in client.get("/en/trainings/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_ics_url()).status_code == 404
    assert "Still being prepared" not in client.get("/en/trainings/calendar.ics").content.decode()


def test_a_coming_event_says_how_to_join_and_offers_its_calendar_file(client):
    event = make_event("Webinar on early warning", starts_at=timezone.now() + timedelta(days=2),
                       description="How villages warn each other.\n\nBring a radio.",
                       join_url="https://meet.example.org/early-warning",
                       join_details="Or call +57 1 555 0100, code 4321.")
    body = client.get(event.get_absolute_url()).content.decode()
    assert '<h1 lang="es" dir="ltr">Webinar on early warning</h1>' in body
    assert "<p>How villages warn each other.</p>" in body
    join = body.split(">How to join</h2>", 1)[1]
    assert ('<a href="https://meet.example.org/early-warning" rel="noopener noreferrer">'
            'Join or register</a>') in join
    assert "(on meet.example.org, another site, which may track visitors)" in join
    assert "Or call +57 1 555 0100, code 4321." in join
    assert f'<a href="/en/trainings/{event.slug}.ics">Add it to your calendar (.ics file)</a>' \
        in body
    assert "This event is over." not in body


def test_once_over_the_joining_details_go_and_the_recording_is_linked(client):
    recording = make_resource("Recording: early warning webinar", type_slug="videos-webinars")
    hidden = make_resource("Slides not yet published", published=False)
    event = make_event("Webinar on early warning", starts_at=timezone.now() - timedelta(days=2),
                       join_url="https://meet.example.org/early-warning",
                       join_details="Code 4321", resources=[recording, hidden])
    body = client.get(event.get_absolute_url()).content.decode()
    assert "This event is over." in body
    assert "How to join" not in body and "meet.example.org" not in body and "4321" not in body
    materials = body.split(">Recording and materials</h2>", 1)[1].split("</ul>", 1)[0]
    assert f'<a href="{recording.get_absolute_url()}">Recording: early warning webinar</a>' \
        in materials
    assert "Slides not yet published" not in body


def test_an_event_under_way_says_it_is_happening_and_still_how_to_join(client):
    event = make_event(starts_at=timezone.now() - timedelta(minutes=30),
                       join_url="https://meet.example.org/now")
    body = client.get(event.get_absolute_url()).content.decode()
    assert "Happening now." in body and "https://meet.example.org/now" in body


def test_past_events_beyond_the_first_few_are_on_pages_of_their_own(client, settings,
                                                                  monkeypatch):
    monkeypatch.setattr(services, "PAST_PAGE_SIZE", 2)
    now = timezone.now()
    for n in range(services.PAST_SHOWN + 1):
        make_event(f"Past webinar {n}", starts_at=now - timedelta(days=10 + n))
    index = client.get("/en/trainings/").content.decode()
    assert index.count("Past webinar") == services.PAST_SHOWN
    assert '<a href="/en/trainings/past/">All past webinars and trainings</a>' in index
    first = client.get("/en/trainings/past/").content.decode()
    assert re.findall(r"Past webinar (\d)", first) == ["0", "1"]
    assert '<a href="/en/trainings/past/2/" rel="next">Older</a>' in first
    second = client.get("/en/trainings/past/2/").content.decode()
    assert re.findall(r"Past webinar (\d)", second) == ["2", "3"]
    assert '<a href="/en/trainings/past/" rel="prev">Newer</a>' in second
    assert "Page 2 of 3" in _text(second)
    assert client.get("/en/trainings/past/9/").status_code == 404
    assert client.get("/en/trainings/past/1/")["Location"] == "/en/trainings/past/"


def test_the_main_menu_leads_to_the_trainings(client):
    assert '<li><a href="/en/trainings/">Trainings</a></li>' in client.get("/en/").content.decode()
