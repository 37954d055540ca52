"""The cells of the columns that carry the rest of what editors set: Description, Licence,
Pages, Duration and Same work as (exports.csv.cells)."""

from datetime import timedelta

import pytest
from django.utils import translation

from resguardo.exports.csv import cells
from resguardo.exports.csv.cells import duration_cell, unescape
from resguardo.exports.csv.columns import DESCRIPTION, DURATION, LICENCE, PAGES, SAME_WORK


@pytest.fixture(autouse=True)
def _in_english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def _clean(column: str, cell: str) -> tuple[object, list[str]]:
    problems: list[str] = []
    value = cells.CLEANERS[column](unescape(cell).strip(), None, problems.append)  # type: ignore[arg-type]
    return value, problems


def test_a_description_keeps_its_line_breaks_quotes_and_any_script():
    text = 'Línea "uno"\n\nالسطر الثاني; 第三行'
    assert _clean(DESCRIPTION, text) == (text, [])


def test_a_licence_is_free_text_of_at_most_200_characters():
    assert _clean(LICENCE, "CC BY-NC-SA 4.0 (with the authors' permission)")[1] == []
    assert _clean(LICENCE, "x" * 200)[1] == []
    assert _clean(LICENCE, "x" * 201)[1] == [
        "the licence is 201 characters long; at most 200 fit. Give its name and link to the "
        "full text from the Description."]


@pytest.mark.parametrize(("cell", "value"), [("1", 1), ("480", 480), ("", None),
                                             ("2147483647", 2147483647)])
def test_pages_are_a_whole_number_from_one(cell, value):
    assert _clean(PAGES, cell) == (value, [])


@pytest.mark.parametrize("cell", ["0", "twelve", "12.5", "-3", "2147483648"])
def test_pages_that_are_no_count_are_refused(cell):
    assert _clean(PAGES, cell) == (None, [
        f"“{cell}” is not a number of pages: write a whole number from 1, like 24."])


@pytest.mark.parametrize(("cell", "value"), [
    ("1:05:00", timedelta(hours=1, minutes=5)), ("01:05:00", timedelta(hours=1, minutes=5)),
    ("45:00", timedelta(minutes=45)), ("PT1H5M", timedelta(hours=1, minutes=5)),
    ("26:00:00", timedelta(hours=26)), ("0:00:01.5", timedelta(seconds=1.5)), ("", None),
])
def test_a_duration_is_read_as_a_spreadsheet_or_iso_8601_writes_it(cell, value):
    assert _clean(DURATION, cell) == (value, [])


@pytest.mark.parametrize("cell", ["an hour", "1h05", "-0:05:00", "1:05:00 PM"])
def test_a_duration_that_is_none_or_negative_is_refused(cell):
    value, problems = _clean(DURATION, cell)
    assert value is None
    assert problems == [f"“{cell}” is not a duration: write hours, minutes and seconds, like "
                        "1:05:00 for an hour and five minutes, or minutes and seconds, like "
                        "45:00."]


@pytest.mark.parametrize("duration", [
    timedelta(0), timedelta(seconds=59), timedelta(hours=1, minutes=5),
    timedelta(days=3, seconds=7), timedelta(minutes=45, microseconds=250000),
])
def test_a_duration_is_written_as_hours_minutes_seconds_and_read_back_the_same(duration):
    assert _clean(DURATION, duration_cell(duration)) == (duration, [])


def test_durations_are_written_the_way_a_spreadsheet_shows_a_time():
    assert duration_cell(timedelta(days=1, hours=2, minutes=3, seconds=4)) == "26:03:04"
    assert duration_cell(timedelta(seconds=1, microseconds=5)) == "0:00:01.000005"
    assert duration_cell(None) == ""


def test_same_work_as_names_ids_each_once_and_refuses_what_cannot_be_one():
    assert _clean(SAME_WORK, " guia-es ;guide-en; guia-es; ") == (["guia-es", "guide-en"], [])
    assert _clean(SAME_WORK, "") == ([], [])
    assert _clean(SAME_WORK, "guía; ok")[1] == [
        "“guía” cannot be an ID: use only letters without accents, digits, “-” and “_” (at "
        "most 200), like “guia”."]
