"""Pieces of the CSV export (exports.csv.write) that the round trip cannot show: how a
cell's names are ordered, the warning for a name an import would split, the report."""

from pathlib import Path

from django.utils import translation

from resguardo.catalogue.models import Resource
from resguardo.exports.csv.write import Report, _joined, _number


def test_names_are_sorted_ignoring_case_with_a_stable_tie_and_joined_by_a_semicolon():
    warnings: list[str] = []
    joined = _joined(Resource(slug="r"), ["beta", "Alpha", "alpha", "Émile", "zeta"], warnings)
    assert joined == "Alpha; alpha; beta; zeta; Émile"
    assert warnings == []
    assert _joined(Resource(slug="r"), [], warnings) == ""


def test_a_name_holding_a_semicolon_is_written_but_warned_about_with_its_resource():
    warnings: list[str] = []
    with translation.override("en"):
        joined = _joined(Resource(slug="a-guide"), ["A; B", "C"], warnings)
    assert joined == "A; B; C"
    assert warnings == ["“A; B” (in a-guide) holds a “;”: an import would read it as two "
                        "names."]


def test_an_empty_number_is_an_empty_cell_and_zero_is_zero():
    assert (_number(None), _number(0), _number(2019)) == ("", "0", "2019")


def test_the_report_says_where_the_rows_went_after_its_warnings():
    with translation.override("en"):
        assert Report(Path("/tmp/c.csv"), 1, ["careful"]).lines() == [
            "careful", "1 resource written to /tmp/c.csv"]
        assert Report(None, 3).lines() == ["3 resources written to standard output"]
