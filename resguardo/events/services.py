"""Which events readers see where: coming and past, and what the calendar feed carries.
Every function takes `now`, so tests can move the clock."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch

from resguardo.catalogue.models import Resource
from resguardo.events.models import Event, EventQuerySet

# The trainings page lists this many coming events, and the latest past ones under them;
# the rest of the past is on pages of its own. Few enough that a full page fits 14 KB.
UPCOMING_SHOWN = 20
PAST_SHOWN = 5
PAST_PAGE_SIZE = 20
# The calendar feed: what is coming, and what ended this recently (so a subscriber still
# finds last month's webinar and its recording link), at most FEED_LIMIT events.
FEED_RECENT = timedelta(days=180)
FEED_LIMIT = 200


@dataclass(frozen=True)
class Schedule:
    upcoming: list[Event]
    more_upcoming: bool
    past: list[Event]
    more_past: bool


def _first(events: EventQuerySet, count: int) -> tuple[list[Event], bool]:
    rows = list(events[:count + 1])  # one more tells whether there are others, no COUNT
    return rows[:count], len(rows) > count


def schedule(events: EventQuerySet, *, now: datetime, upcoming: int | None = None,
             past: int | None = None) -> Schedule:
    """Split `events` at `now`: those not over yet, soonest first; those over, latest first
    (UPCOMING_SHOWN and PAST_SHOWN of each unless told)."""
    events = events.select_related("language")
    coming, more_coming = _first(events.upcoming(now), upcoming or UPCOMING_SHOWN)
    over, more_over = _first(events.past(now), past or PAST_SHOWN)
    return Schedule(coming, more_coming, over, more_over)


def with_materials(events: EventQuerySet) -> EventQuerySet:
    """Each event with `materials`: its published resources, by title."""
    materials = Resource.objects.published().only("title", "slug").order_by("title", "pk")
    return events.select_related("language").prefetch_related(
        Prefetch("resources", queryset=materials, to_attr="materials"))


def in_feed(events: EventQuerySet, *, now: datetime) -> list[Event]:
    """What is coming and what ended within FEED_RECENT; past the limit, the oldest go."""
    recent = events.filter(ends_at__gt=now - FEED_RECENT).order_by("-starts_at", "-pk")
    return list(with_materials(recent)[:FEED_LIMIT])
