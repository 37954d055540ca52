"""Time zones by their IANA names (zoneinfo), and wall-clock times in them.

An event keeps its instants in UTC and the name of the zone it happens in, so readers see
the time the organisers' clocks show, with the zone's name and offset to translate it.
"""

from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def time_zones() -> frozenset[str]:
    # Read from the system's (or the tzdata package's) database once per process.
    return frozenset(available_timezones())


def choices() -> list[tuple[str, str]]:
    """For editors: the named zones (Continent/City) and UTC, in order."""
    names = sorted(n for n in time_zones() if "/" in n and not n.startswith("Etc/"))
    return [("UTC", "UTC"), *((n, n.replace("_", " ")) for n in names)]


def validate_time_zone(name: str) -> None:
    if name not in time_zones():
        raise ValidationError(
            _("“%(name)s” is not a time zone name; choose one such as America/Bogota."),
            code="time_zone", params={"name": name})


def wall_clock(naive: datetime, zone: ZoneInfo) -> datetime:
    """The instant at which clocks in `zone` show `naive`. A time skipped when the clocks go
    forward is refused; a time shown twice when they go back is the first of the two."""
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValueError(f"{naive} does not exist in {zone.key}")
    return aware


def offset_label(offset: timedelta | None) -> str:
    """UTC, UTC+05:30, UTC−03:00 (a real minus sign, read as "minus")."""
    minutes = int((offset or timedelta(0)).total_seconds()) // 60
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '−'}{hours:02d}:{rest:02d}"
