"""One cell of a catalogue CSV, cleaned column by column (exports.csv.cells): the value kept
and the words a coordinator reads when it cannot be."""

import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import translation

from resguardo.exports.csv import cells
from resguardo.exports.csv.cells import Context, clean, escape, shown, slug_for, unescape, values
from resguardo.exports.csv.columns import (
    FILE,
    ID,
    ORGANISATIONS,
    PLACES,
    RATING,
    STATUS,
    SUMMARY,
    THEMES,
    TITLE,
    TYPE,
    URL,
    YEAR,
)


@pytest.fixture(autouse=True)
def _in_english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def _clean(column: str, cell: str, context: Context | None = None) -> tuple[object, list[str]]:
    """The value and the problems, for a column whose rules need no taxonomy."""
    problems: list[str] = []
    value = cells.CLEANERS[column](unescape(cell).strip(), context, problems.append)  # type: ignore[arg-type]
    return value, problems


def _files(folder: Path | None) -> Context:
    """The context of the File column alone: the folder names are looked for in."""
    return SimpleNamespace(files=folder)  # type: ignore[return-value]


@pytest.fixture
def context(db) -> Context:  # type: ignore[no-untyped-def]
    return Context(None)


@pytest.mark.parametrize("cell", ["=1+1", "+33 1", "-Dash", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_is_escaped_and_unescaped_to_itself(cell):
    assert escape(cell) == "'" + cell
    assert unescape(escape(cell)) == cell


@pytest.mark.parametrize("cell", ["'quoted'", "'", "it's", "", "'a", "Plain"])
def test_a_quote_mark_that_protects_nothing_is_part_of_the_value(cell):
    assert unescape(cell) == cell
    assert escape(cell) == cell


@pytest.mark.parametrize("cell", ["'=x", "''-x", "'@", "'\tx"])
def test_a_value_that_starts_with_quotes_before_a_formula_sign_survives_the_round_trip(cell):
    assert unescape(escape(cell)) == cell


def test_the_values_of_a_cell_are_trimmed_once_each_in_order():
    assert values(" b ; a;; b;A ;") == ["b", "a", "A"]
    assert values("") == values(" ; ") == []


def test_a_row_without_an_id_gets_one_from_its_title():
    assert slug_for("Guía de Protección: 2ª edición") == "guia-de-proteccion-2a-edicion"
    assert slug_for("x" * 199 + " tail") == "x" * 199
    assert slug_for("-" * 3 + "a") == "a"


def test_a_title_without_latin_letters_gets_a_stable_id_of_its_own():
    arabic, other = slug_for("الحماية"), slug_for("الحمايه")
    assert arabic.startswith("r-") and len(arabic) == 14
    assert arabic == slug_for("الحماية") != other
    assert slug_for("!!!") != slug_for("???")


def test_invisible_characters_are_shown_by_their_code_and_long_values_are_cut():
    assert shown("a\u202eb\u200bc\x00") == "a[U+202E]b[U+200B]c[U+0000]"
    assert shown("é ß 中") == "é ß 中"
    assert shown("x" * 80) == "x" * 80
    assert shown("x" * 81) == "x" * 79 + "…"
    assert shown("\u202e" * 20, limit=10) == "[U+202E][…"


def test_a_control_character_anywhere_refuses_the_cell_but_line_breaks_and_tabs_do_not():
    problems: list[str] = []
    assert clean(SUMMARY, "one\x07two\x1b\x07", None, problems.append) is None  # type: ignore[arg-type]
    assert problems == ["“one[U+0007]two[U+001B][U+0007]” holds a control character "
                        "(U+0007, U+001B) that cannot be stored. Remove it."]
    problems.clear()
    assert clean(SUMMARY, "  one\r\ntwo\tthree  ", None, problems.append) == (  # type: ignore[arg-type]
        "one\r\ntwo\tthree")
    assert problems == []


@pytest.mark.parametrize(("cell", "ok"), [
    ("guide-2019_b", True), ("", True), ("a" * 200, True), ("a" * 201, False),
    ("guía", False), ("a guide", False), ("a/b", False), ("a.b", False),
])
def test_an_id_is_a_slug_of_at_most_200_characters(cell, ok):
    value, problems = _clean(ID, cell)
    assert value == cell
    assert (problems == []) is ok


def test_a_bad_id_is_answered_with_one_that_would_do():
    assert _clean(ID, "Guía 2019")[1][0].endswith("like “guia-2019”.")
    assert _clean(ID, "ñ!")[1][0].endswith("like “n”.")
    assert _clean(ID, "!!")[1][0].endswith("like “guide-2019”.")


def test_a_title_is_needed_and_at_most_500_characters_long():
    assert _clean(TITLE, "")[1] == ["every resource needs a title."]
    assert _clean(TITLE, "x" * 500)[1] == []
    assert _clean(TITLE, "x" * 501)[1] == ["the title is 501 characters long; at most 500 fit."]


@pytest.mark.parametrize(("column", "cell", "value"), [
    (YEAR, "1900", 1900), (YEAR, "2100", 2100), (YEAR, "", None), (YEAR, "0002019", 2019),
    (RATING, "1", 1), (RATING, "5", 5), (RATING, "", None),
])
def test_numbers_in_their_range_are_taken(column, cell, value):
    assert _clean(column, cell) == (value, [])


@pytest.mark.parametrize(("column", "cell"), [
    (YEAR, "1899"), (YEAR, "2101"), (YEAR, "2019.0"), (YEAR, "-2019"), (YEAR, "٢٠١٩"),
    (YEAR, "2 019"), (RATING, "0"), (RATING, "6"), (RATING, "4.5"), (RATING, "²"),
])
def test_numbers_out_of_range_or_not_whole_digits_are_refused(column, cell):
    value, problems = _clean(column, cell)
    assert value is None
    assert len(problems) == 1 and problems[0].startswith(f"“{cell}” is not a")


@pytest.mark.parametrize(("cell", "ok"), [
    ("https://example.org/guide.pdf", True), ("http://example.org", True), ("", True),
    ("ftp://example.org/a", False), ("javascript:alert(1)", False), ("example.org", False),
    ("https://example.org/" + "a" * 981, False), ("https://example.org/" + "a" * 980, True),
])
def test_a_web_address_is_http_or_https_and_at_most_1000_characters(cell, ok):
    value, problems = _clean(URL, cell)
    assert value == cell
    assert (problems == []) is ok


def test_organisations_are_named_freely_but_not_past_300_characters():
    assert _clean(ORGANISATIONS, "A, B and C; D") == (["A, B and C", "D"], [])
    names, problems = _clean(ORGANISATIONS, "x" * 301 + "; ok")
    assert names == ["x" * 301, "ok"]
    assert len(problems) == 1 and "longer than the 300 characters" in problems[0]


@pytest.mark.parametrize("cell", ["../a.pdf", "a/b.pdf", "a\\b.pdf", ".", "..",
                                  "é" * 128 + ".pdf"])
def test_a_file_cell_is_a_bare_name_of_at_most_255_bytes(cell):
    assert _clean(FILE, cell)[1][0].endswith("with no folder before it.")


def test_a_file_name_of_255_bytes_is_a_name():
    assert _clean(FILE, "a" * 251 + ".pdf", _files(None)) == ("a" * 251 + ".pdf", [])


def test_a_file_is_found_in_the_folder_however_the_accents_were_composed(tmp_path: Path):
    decomposed = unicodedata.normalize("NFD", "guía.pdf")
    (tmp_path / decomposed).write_bytes(b"%PDF")
    # Without a folder only the shape is checked.
    assert _clean(FILE, "guía.pdf", _files(None)) == ("guía.pdf", [])
    assert _clean(FILE, "guía.pdf", _files(tmp_path)) == (decomposed, [])


def test_a_missing_file_a_folder_or_a_link_in_its_place_is_reported(tmp_path: Path):
    context = _files(tmp_path)
    (tmp_path / "folder.pdf").mkdir()
    (tmp_path / "real.pdf").write_bytes(b"%PDF")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "real.pdf")
    assert _clean(FILE, "nope.pdf", context)[1] == [
        f"there is no file “nope.pdf” in {tmp_path}."]
    for name in ["folder.pdf", "link.pdf"]:
        assert _clean(FILE, name, context)[1] == [
            f"“{name}” in {tmp_path} is a link or a folder, not a file. Put the file itself "
            "there."]


def test_a_type_is_one_known_value(context):
    problems: list[str] = []
    found = clean(TYPE, "Guides & Manuals", context, problems.append)
    assert (found.slug, problems) == ("guides-manuals", [])
    assert clean(TYPE, " ; ", context, problems.append) is None
    assert problems == ["every resource needs a type."]
    problems.clear()
    assert clean(TYPE, "templates; guides-manuals", context, problems.append).slug == "templates"
    assert problems == ["a resource has one type; this cell names 2."]


def test_the_same_term_named_twice_is_kept_once_and_unknown_ones_are_each_reported(context):
    problems: list[str] = []
    found = clean(THEMES, "digital-security; Digital Security; Nope; Nada", context,
                  problems.append)
    assert [t.slug for t in found] == ["digital-security"]
    assert [p.split("”")[0] for p in problems] == ["“Nope", "“Nada"]


def test_places_split_into_our_regions_and_sorted_country_codes(context):
    problems: list[str] = []
    regions, countries = clean(PLACES, "PE; global; co; COL; Kenya", context, problems.append)
    assert [r.slug for r in regions] == ["global"]
    assert countries == ["CO", "KE", "PE"]
    assert problems == []


def test_a_status_is_one_of_three_in_any_interface_language(context):
    problems: list[str] = []
    assert clean(STATUS, "", context, problems.append) is None
    assert clean(STATUS, "Published", context, problems.append) == "published"
    assert clean(STATUS, "draft; withdrawn", context, problems.append) is None
    assert problems == ["a resource has one status; this cell names 2."]
