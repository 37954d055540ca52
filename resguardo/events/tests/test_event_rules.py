"""What an event must be before it is saved, and the time zone arithmetic it relies on."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from resguardo.conftest import make_event
from resguardo.events.models import Event
from resguardo.events.zones import offset_label, wall_clock

pytestmark = pytest.mark.django_db
START = datetime(2030, 5, 14, 15, tzinfo=UTC)


def _errors(**fields: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        make_event(**fields)
    return raised.value.message_dict


def test_the_end_must_come_after_the_start():
    assert _errors(hours=0) == {"ends_at": ["The end must be after the start."]}
    assert _errors(hours=-1) == {"ends_at": ["The end must be after the start."]}
    assert not Event.objects.exists()


def test_the_time_zone_must_be_a_real_iana_name():
    errors = _errors(time_zone="Mars/Olympus_Mons")
    assert errors == {"time_zone": [
        "“Mars/Olympus_Mons” is not a time zone name; choose one such as America/Bogota."]}
    assert "time_zone" in _errors(time_zone="../../etc/passwd")
    assert make_event(time_zone="Africa/Nairobi").zone == ZoneInfo("Africa/Nairobi")


def test_an_in_person_event_says_where():
    assert _errors(format=Event.Format.IN_PERSON) == {
        "join_details": ["Say where an in-person event takes place."]}
    assert make_event(format=Event.Format.IN_PERSON, join_details="Casa comunal, Toribío")


@pytest.mark.parametrize("slug", ["past", "calendar"])
def test_the_addresses_of_the_trainings_pages_are_not_slugs(slug):
    with pytest.raises(ValidationError) as raised:
        Event(slug=slug).clean_fields(exclude=["title", "starts_at", "ends_at", "language"])
    assert raised.value.message_dict["slug"] == [
        f"“{slug}” is taken by a page of the site; choose another."]


def test_an_event_knows_its_zone_offset_and_whether_it_is_on_or_over():
    event = make_event(starts_at=START, hours=2, time_zone="America/Sao_Paulo")
    assert (event.zone_name, event.utc_offset) == ("America/Sao Paulo", "UTC−03:00")
    assert not event.is_on(START - timedelta(seconds=1)) and event.is_on(START)
    assert not event.is_over(START + timedelta(hours=1, minutes=59))
    assert event.is_over(START + timedelta(hours=2))
    assert not event.is_on(START + timedelta(hours=2))


def test_a_late_evening_event_in_utc_terms_is_on_one_day_where_it_happens():
    # 23:00–01:00 UTC is 18:00–20:00 in Bogotá: one day there, two in UTC.
    event = make_event(starts_at=datetime(2030, 5, 14, 23, tzinfo=UTC), hours=2)
    assert event.on_one_day
    assert not make_event(starts_at=datetime(2030, 5, 14, 23, tzinfo=UTC), hours=2,
                          time_zone="UTC").on_one_day


@pytest.mark.parametrize(("hours", "label"), [
    (0, "UTC"), (5.5, "UTC+05:30"), (-3, "UTC−03:00"), (12.75, "UTC+12:45"), (-9.5, "UTC−09:30"),
])
def test_offsets_are_labelled_from_utc(hours, label):
    assert offset_label(timedelta(hours=hours)) == label


def test_a_wall_clock_time_is_placed_in_its_zone_and_a_skipped_one_is_refused():
    paris = ZoneInfo("Europe/Paris")
    assert wall_clock(datetime(2030, 7, 1, 10), paris) == datetime(2030, 7, 1, 8, tzinfo=UTC)
    with pytest.raises(ValueError):
        wall_clock(datetime(2030, 3, 31, 2, 30), paris)  # the clocks go from 2:00 to 3:00
    # Shown twice when they go back: the first (summer time) is taken.
    assert wall_clock(datetime(2030, 10, 27, 2, 30), paris).astimezone(UTC) == datetime(
        2030, 10, 27, 0, 30, tzinfo=UTC)
