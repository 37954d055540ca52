"""Checking a catalogue CSV before anything is written (exports.csv.read.validate), called
directly: what a row becomes, and how lines are counted and problems placed."""

import pytest
from django.utils import translation

from resguardo.exports.csv.read import Problem, validate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def _check(text: str):  # type: ignore[no-untyped-def]
    return validate(text.encode())


def test_a_valid_row_keeps_only_the_columns_the_file_has():
    checked = _check("\ufeffTitle,Type,Year,Notes\nA guide,Templates,2019,mine\n")
    assert checked.problems == [] and not checked.unreadable
    (row,) = checked.rows
    assert (row.line, row.slug, row.by_id, row.title) == (2, "a-guide", False, "A guide")
    assert set(row.values) == {"Title", "Type", "Year"}
    assert row.values["Year"] == 2019 and row.values["Type"].slug == "templates"
    assert checked.headers == {"Title": "Title", "Type": "Type", "Year": "Year"}
    assert checked.notes == ["The column “Notes” is not one we read; it was left out."]


def test_a_rows_own_id_is_its_slug_and_an_empty_id_falls_back_to_the_title():
    checked = _check("id,Title,Type\nmine,A guide,Templates\n,Other guide,Templates\n")
    assert [(r.slug, r.by_id) for r in checked.rows] == [("mine", True), ("other-guide", False)]
    assert all("ID" not in r.values for r in checked.rows)


def test_a_cell_with_line_breaks_is_one_line_and_blank_lines_are_passed_over_but_counted():
    checked = _check('Title,Type,Summary\nOne,Templates,"first\nsecond\nthird"\n\n,,\n'
                     "Two,Nonsense,\n")
    assert [r.line for r in checked.rows] == [2]
    assert checked.rows[0].values["Summary"] == "first\nsecond\nthird"
    assert checked.invalid_lines == {5}
    assert checked.problems[0].line == 5 and checked.problems[0].column == "Type"


def test_problems_name_the_column_as_the_header_wrote_it_and_come_in_line_order():
    checked = _check(" title ,KIND,Year\n,Templates,\nB,Templates,1800\n"
                     'C,"Templates,x\n')
    assert [(p.line, p.column) for p in checked.problems] == [(2, "title"), (3, "Year"),
                                                             (4, "")]
    assert checked.rows == []


def test_an_empty_file_or_a_header_alone_is_checked_as_such():
    empty = _check("")
    assert empty.unreadable
    assert [p.message.split(".")[0] for p in empty.problems] == [
        "there is no Title column", "there is no Type column"]
    header_only = _check("Title,Type\n")
    assert (header_only.rows, header_only.problems, header_only.unreadable) == ([], [], False)


def test_two_headers_for_one_column_make_the_file_unreadable():
    checked = _check("Title,Type,Themes,Area/themes\nA,Templates,,\n")
    assert checked.unreadable and checked.rows == []
    assert checked.problems == [Problem(1, "", "the columns “Themes” and “Area/themes” are "
                                               "both the Area/themes column. Keep one.")]


def test_a_single_header_cell_with_a_semicolon_is_a_file_in_the_wrong_format():
    checked = _check("Title;Type\nA;Templates\n")
    assert checked.unreadable
    assert checked.problems[0].message.startswith("the columns are separated by “;”.")
    assert validate(b"Title\nA\n").problems[0].message.startswith("there is no Type column")


def test_bytes_that_are_not_utf8_are_placed_on_their_line():
    data = "Title,Type\nGuía,Templates\n".encode() + "Acción,Templates\n".encode("latin-1")
    checked = validate(data)
    assert checked.unreadable and checked.rows == []
    assert [p.line for p in checked.problems] == [3]


def test_a_title_that_makes_the_id_of_an_earlier_row_is_a_duplicate():
    checked = _check("ID,Title,Type\na-guide,First,Templates\n,A Guide!,Templates\n")
    assert [r.slug for r in checked.rows] == ["a-guide"]
    assert checked.problems == [Problem(3, "Title", (
        "this title makes the ID “a-guide”, which line 2 has too, so both would be one "
        "resource. Give them different IDs."))]


def test_a_line_with_a_bad_cell_is_not_a_duplicate_of_a_later_one():
    checked = _check("ID,Title,Type,Year\nx,One,Templates,3000\nx,Two,Templates,2000\n")
    assert [r.line for r in checked.rows] == [3]
    assert [p.line for p in checked.problems] == [2]


def test_every_bad_cell_of_a_line_is_reported_not_only_the_first():
    checked = _check("Title,Type,Year,Rating\n,Nonsense,1,9\n")
    assert [p.column for p in checked.problems] == ["Title", "Type", "Year", "Rating"]
    assert checked.invalid_lines == {2}


def test_a_problem_reads_with_its_line_and_its_column_if_it_has_one():
    assert str(Problem(4, "Year", "wrong.")) == "Line 4, column Year: wrong."
    assert str(Problem(1, "", "wrong.")) == "Line 1: wrong."
