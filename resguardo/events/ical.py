"""iCalendar (RFC 5545) files of the trainings, written by the `icalendar` library, which
escapes text, folds long lines at 75 octets (never inside a character) and describes each
time zone in a VTIMEZONE.

The files change only when an event does: DTSTAMP is the event's last change, not the
time of the request, so an unchanged calendar keeps its ETag (a 304 on revalidation).
"""

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

import icalendar
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from resguardo.events.models import Event

PRODID = "-//Resguardo//Trainings//EN"
# Subscribed calendars are asked to look again twice a day (clients may ignore it).
REFRESH = timedelta(hours=12)

Absolute = Callable[[str], str]  # a path of the site to its full address


def calendar(events: Sequence[Event], *, now: datetime, absolute: Absolute,
             name: str = "", url: str = "") -> bytes:
    """The events as one calendar. A `name` makes it a feed to subscribe to (a single
    event's file has none, or some clients would make it a calendar of its own)."""
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", REFRESH)
    if url:
        cal.add("uid", str(uuid.uuid5(uuid.NAMESPACE_URL, url)))
        cal.add("url", url)
    for event in events:
        cal.add_component(vevent(event, now=now, absolute=absolute))
    if events:
        # Each zone described only over the dates the events span: a few lines, not the
        # zone's rules since 1970.
        cal.add_missing_timezones(
            first_date=min(e.starts_at.astimezone(e.zone) for e in events).date()
            - timedelta(days=1),
            last_date=max(e.ends_at.astimezone(e.zone) for e in events).date()
            + timedelta(days=1))
    return cal.to_ical()


def vevent(event: Event, *, now: datetime, absolute: Absolute) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", str(event.uid))
    item.add("dtstamp", event.updated_at)
    item.add("created", event.created_at)
    item.add("last-modified", event.updated_at)
    item.add("summary", _lines(event.title), parameters={"LANGUAGE": event.language.code})
    item.add("dtstart", event.starts_at.astimezone(event.zone))
    item.add("dtend", event.ends_at.astimezone(event.zone))
    item.add("status", "CONFIRMED")
    item.add("url", absolute(event.get_absolute_url()))
    if not event.is_over(now):
        if location := (event.join_details.strip() if event.format == Event.Format.IN_PERSON
                        else event.join_url):
            item.add("location", _lines(location))
    item.add("description", description(event, now=now, absolute=absolute))
    return item


def _lines(text: str) -> str:
    # Text from a browser's form ends lines with CRLF; iCalendar text knows only "\n".
    return text.replace("\r\n", "\n").replace("\r", "\n")


def description(event: Event, *, now: datetime, absolute: Absolute) -> str:
    """The event's text, how to join while it is to come, and its recording and materials
    with their addresses."""
    parts = [event.description.strip()] if event.description.strip() else []
    if not event.is_over(now) and (event.join_url or event.join_details.strip()):
        join = [_("How to join:")]
        join += [event.join_url] if event.join_url else []
        join += [event.join_details.strip()] if event.join_details.strip() else []
        parts.append("\n".join(join))
    materials = getattr(event, "materials", None)
    if materials:
        parts.append("\n".join([_("Recording and materials:"), *(
            "- " + pgettext("label: value", "%(label)s: %(value)s")
            % {"label": r.title, "value": absolute(r.get_absolute_url())} for r in materials)]))
    parts.append(absolute(event.get_absolute_url()))
    return _lines("\n\n".join(parts))
