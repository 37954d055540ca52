"""Which events are coming and which are past, as the clock moves."""

from datetime import UTC, datetime, timedelta

import pytest

from resguardo.conftest import make_event
from resguardo.events import services
from resguardo.events.models import Event

pytestmark = pytest.mark.django_db
MAY_14 = datetime(2030, 5, 14, 15, tzinfo=UTC)


def _titles(events: list[Event]) -> list[str]:
    return [e.title for e in events]


@pytest.fixture
def three_webinars() -> None:
    for day, title in ((20, "Later"), (14, "Middle"), (1, "Earliest")):
        make_event(title, starts_at=MAY_14.replace(day=day), hours=2)


def test_before_all_of_them_every_event_is_coming_soonest_first(three_webinars):
    schedule = services.schedule(Event.objects.all(), now=MAY_14 - timedelta(days=30))
    assert _titles(schedule.upcoming) == ["Earliest", "Middle", "Later"]
    assert schedule.past == []


def test_an_event_under_way_is_still_coming_and_past_once_it_ends(three_webinars):
    during = services.schedule(Event.objects.all(), now=MAY_14 + timedelta(hours=1))
    assert _titles(during.upcoming) == ["Middle", "Later"]
    assert _titles(during.past) == ["Earliest"]
    after = services.schedule(Event.objects.all(), now=MAY_14 + timedelta(hours=2))
    assert _titles(after.upcoming) == ["Later"]
    assert _titles(after.past) == ["Middle", "Earliest"]  # the latest first


def test_the_lists_are_capped_and_say_when_there_are_more(three_webinars):
    later = services.schedule(Event.objects.all(), now=MAY_14 + timedelta(days=60), past=2)
    assert (_titles(later.past), later.more_past) == (["Later", "Middle"], True)
    sooner = services.schedule(Event.objects.all(), now=MAY_14 - timedelta(days=60),
                               upcoming=3)
    assert (len(sooner.upcoming), sooner.more_upcoming) == (3, False)


def test_the_feed_has_what_is_coming_and_what_ended_recently_but_no_drafts():
    now = MAY_14
    make_event("Coming", starts_at=now + timedelta(days=3))
    make_event("Last month", starts_at=now - timedelta(days=30))
    make_event("Two years ago", starts_at=now - timedelta(days=730))
    make_event("Draft", starts_at=now + timedelta(days=3), published=False)
    feed = services.in_feed(Event.objects.published(), now=now)
    assert sorted(_titles(feed)) == ["Coming", "Last month"]
