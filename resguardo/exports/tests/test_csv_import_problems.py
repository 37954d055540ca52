"""A catalogue CSV with mistakes: every one is reported by line and column, and nothing is
imported unless --skip-invalid is asked for."""

import pytest
from django.utils.translation import override

from resguardo.catalogue.models import Organisation, Resource
from resguardo.exports.tests.catalogue_csv import run_import, write

pytestmark = pytest.mark.django_db

HEADER = "ID,Title,Type,Year,Rating,URL,Organisation,File\n"
GOOD = "good-1,A good guide,Templates,2020,3,https://example.org/g.pdf,New Publisher,\n"
MISTAKES = [
    "bad-type,Unknown type,Guide,2020,3,,,\n",  # 3
    "bad-year,Bad year,Templates,19999,,,,\n",  # 4
    "bad-rating,Bad rating,Templates,,6,,,\n",  # 5
    "bad-url,Bad address,Templates,,,javascript:alert(1),,\n",  # 6
    "no-title,,Templates,,,,,\n",  # 7
    "short,Too few cells\n",  # 8
    "dots,Up a folder,Templates,,,,,../secret.pdf\n",  # 9
    "nul,A NUL,Templates,,,,,a\x00b.pdf\n",  # 10
    "rlo,Reversed,Templates,,,,,report\u202efdp.exe\n",  # 11
    'quote,"Broken"quote,Templates,,,,,\n',  # 12
]
LAST = "good-2,Another good one,Case studies,,,,,\n"  # 13
EXPECTED = [
    "Line 3, column Type: “Guide” is not a type we know. Did you mean “Guides & manuals”?",
    "Line 4, column Year: “19999” is not a year we can take: write the year of publication "
    "with four digits, from 1900 to 2100.",
    "Line 5, column Rating: “6” is not a rating: use a whole number from 1 to 5.",
    "Line 6, column URL: “javascript:alert(1)” is not a web address we can link to",
    "Line 7, column Title: every resource needs a title.",
    "Line 8: this line has 2 cells but the header has 8.",
    "Line 9, column File: “../secret.pdf” is not a file name.",
    "Line 10, column File: “a[U+0000]b.pdf” holds a control character (U+0000)",
    "Line 11, column File: the file name “report[U+202E]fdp.exe” holds invisible or control "
    "characters (U+202E).",
    "Line 12: this line is broken: a quote (\") is not closed",
]


def test_every_mistake_is_reported_by_line_and_column_and_nothing_is_imported(tmp_path):
    result = run_import(write(tmp_path, HEADER + GOOD + "".join(MISTAKES) + LAST))
    assert not result.ok
    for expected in EXPECTED:
        assert sum(line.startswith(expected) for line in result.lines) == 1, expected
    assert len([line for line in result.lines if line.startswith("Line ")]) == len(EXPECTED)
    assert "Nothing was imported: there are 10 errors on 10 lines." in result.lines
    assert "\u202e" not in result.out and "\x00" not in result.out
    assert not Resource.objects.exists()
    assert not Organisation.objects.exists()


def test_with_skip_invalid_the_good_lines_are_imported_and_the_others_reported(tmp_path):
    result = run_import(write(tmp_path, HEADER + GOOD + "".join(MISTAKES) + LAST),
                        "--skip-invalid")
    assert result.ok
    assert result.out.count("Line ") == len(EXPECTED)
    assert {"Created: 2", "Skipped because of errors: 10", "Errors: 10",
            "New organisations: 1"} <= set(result.lines)
    assert set(Resource.objects.values_list("slug", flat=True)) == {"good-1", "good-2"}
    assert Resource.objects.get(slug="good-1").publishers.get().name == "New Publisher"


def test_a_dry_run_says_what_would_change_and_writes_nothing(tmp_path):
    path = write(tmp_path, HEADER + GOOD + LAST)
    result = run_import(path, "--dry-run")
    assert result.ok
    assert result.lines[:3] == ["Line 2: would create “A good guide”.",
                                "Line 3: would create “Another good one”.",
                                "Nothing was written: this was a dry run."]
    assert "Would be created: 2" in result.lines
    assert "New organisations: 1" in result.lines
    assert not Resource.objects.exists() and not Organisation.objects.exists()

    run_import(path)
    write(tmp_path, HEADER + GOOD.replace(",3,", ",4,") + LAST)
    result = run_import(path, "--dry-run")
    assert "Line 2: would update “A good guide” (Rating)." in result.lines
    assert {"Would be updated: 1", "Unchanged: 1"} <= set(result.lines)
    assert Resource.objects.get(slug="good-1").rating == 3


def test_a_file_in_another_encoding_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "x,Guía,Templates,,,,,\n").encode("latin-1"))
    result = run_import(path, "--skip-invalid")
    assert not result.ok
    assert result.lines[0] == (
        "Line 2: the file is not in UTF-8, so its accents and other letters would be garbled. "
        "In your spreadsheet, save it as “CSV UTF-8”.")


def test_a_file_whose_columns_are_separated_by_semicolons_is_refused(tmp_path):
    result = run_import(write(tmp_path, "Title;Type\nA guide;Templates\n"))
    assert not result.ok
    assert result.lines[0].startswith("Line 1: the columns are separated by “;”.")


def test_a_missing_required_column_and_an_unknown_one_are_named(tmp_path):
    result = run_import(write(tmp_path, "Title,Notes\nA guide,mine\n"))
    assert not result.ok
    assert result.lines[0].startswith("Line 1: there is no Type column.")
    assert "The column “Notes” is not one we read; it was left out." in result.lines


def test_two_lines_for_one_resource_are_an_error(tmp_path):
    result = run_import(write(tmp_path, "ID,Title,Type\n,Same,Templates\nx,Other,Templates\n"
                                        ",Same,Templates\nx,Again,Templates\n"))
    assert result.lines[:2] == [
        "Line 4, column Title: this title makes the ID “same”, which line 2 has too, so both "
        "would be one resource. Give them different IDs.",
        "Line 5, column ID: “x” is the ID of line 3 too. Each line needs its own."]


def test_values_in_several_columns_are_each_reported(tmp_path):
    result = run_import(write(tmp_path, (
        "Title,Type,Themes,Languages,Country/Region,Status,ID\n"
        'A guide,Templates; Guides,"Digital security; Wellbeing; Nonsense",Klingon,'
        "Latin America; Atlantis,hidden,a guide\n")))
    assert result.lines[:8] == [
        "Line 2, column Type: a resource has one type; this cell names 2.",
        "Line 2, column Type: “Guides” is not a type we know. Did you mean “Guides & manuals”?",
        "Line 2, column Themes: “Wellbeing” is not a theme we know. Did you mean “Well-being "
        "and collective care”?",
        "Line 2, column Themes: “Nonsense” is not a theme we know.",
        "Line 2, column Languages: “Klingon” is not a language we know.",
        "Line 2, column Country/Region: “Latin America” is not a country or a region we know. "
        "Did you mean “Latin America and the Caribbean”?",
        "Line 2, column Country/Region: “Atlantis” is not a country or a region we know.",
        "Line 2, column Status: “hidden” is not a status we know: use published, draft or "
        "withdrawn.",
    ]
    assert result.lines[8].startswith("Line 2, column ID: “a guide” cannot be an ID")
    assert "like “a-guide”" in result.lines[8]


def test_the_refusal_counts_errors_and_lines_each_with_its_own_plural() -> None:
    from resguardo.exports.csv.load import Summary
    from resguardo.exports.csv.read import Problem

    summary = Summary(refused=True, problems=[Problem(3, "Title", "a"), Problem(3, "Type", "b")])
    with override("en"):
        assert "Nothing was imported: there are 2 errors on 1 line." in summary.lines()
    with override("es"):
        assert "No se importó nada: hay 2 errores en 1 línea." in summary.lines()
