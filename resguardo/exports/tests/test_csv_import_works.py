"""The Same work as column, imported into a library that has works already: lines that name
one another are one work, a resource of the library named joins with its versions, an empty
cell leaves a work, an ID that names nothing is an error."""

import pytest

from resguardo.catalogue import services
from resguardo.catalogue.models import Resource
from resguardo.conftest import make_resource
from resguardo.exports.tests.catalogue_csv import export, run_import, write

pytestmark = pytest.mark.django_db

HEADER = "ID,Title,Type,Same work as\n"
TYPE = "Guides & manuals"


def _lines(*lines: str) -> str:
    """ID,Title,Type,Same work as lines of that type: ("a", "b; c") is a's line."""
    return "".join(f"{slug},{slug},{TYPE},{names}\n" for slug, names in
                   (line.split(",") for line in lines))


def _work_of(*slugs: str) -> list[Resource]:
    """Resources titled by their IDs, made versions of one work."""
    versions = [make_resource(slug=slug, title=slug) for slug in slugs]
    if len(versions) > 1:
        services.link_versions(resources=versions)
    return versions


def _work(slug: str) -> set[str]:
    key = Resource.objects.get(slug=slug).translation_key
    return set(Resource.objects.filter(translation_key=key).values_list("slug", flat=True))


def _keys() -> dict[str, object]:
    return dict(Resource.objects.values_list("slug", "translation_key"))


def test_lines_that_name_one_another_through_others_are_one_work(tmp_path):
    result = run_import(write(tmp_path, HEADER + _lines("a,b", "b,", "c,b; c", "d,")))
    assert result.ok, result.out
    assert _work("a") == {"a", "b", "c"}
    assert _work("d") == {"d"}


def test_a_resource_of_the_library_named_joins_with_its_own_versions(tmp_path):
    _work_of("guide-en", "guide-fr")
    _work_of("other")
    result = run_import(write(tmp_path, HEADER + _lines("guia-es,guide-fr; other")))
    assert result.ok, result.out
    assert "Created: 1" in result.lines
    assert _work("guia-es") == {"guia-es", "guide-en", "guide-fr", "other"}


def test_an_empty_cell_leaves_the_work_and_the_versions_left_stay_together(tmp_path):
    _work_of("one", "two", "three")
    result = run_import(write(tmp_path, HEADER + _lines("two,")))
    assert result.ok, result.out
    assert "Updated: 1" in result.lines
    assert _work("two") == {"two"}
    assert _work("one") == {"one", "three"}


def test_without_the_column_an_import_leaves_the_works_as_they_are(tmp_path):
    _work_of("one", "two")
    result = run_import(write(tmp_path, f"ID,Title,Type\ntwo,Two,{TYPE}\n"))
    assert result.ok and "Updated: 1" in result.lines, result.out  # its title changed
    assert _work("two") == {"one", "two"}


def test_importing_its_own_export_again_changes_no_work(tmp_path):
    _work_of("a", "b", "c")
    _work_of("d", "e")
    _work_of("f")
    keys = _keys()
    result = run_import(write(tmp_path, export()))
    assert result.ok, result.out
    assert "Unchanged: 6" in result.lines and "Updated: 0" in result.lines
    assert _keys() == keys


def test_moving_a_version_to_another_work_changes_only_the_version_that_moves(tmp_path):
    _work_of("a", "b")
    _work_of("c", "d")
    keys = _keys()
    result = run_import(write(tmp_path, HEADER + _lines("a,", "b,c; d", "c,", "d,")))
    assert result.ok, result.out
    assert _work("b") == {"b", "c", "d"} and _work("a") == {"a"}
    assert "Updated: 1" in result.lines  # b: a keeps its key, c and d theirs
    assert {slug: keys[slug] == key for slug, key in _keys().items()} == {
        "a": True, "b": False, "c": True, "d": True}


def test_an_id_that_names_nothing_is_an_error_and_nothing_is_imported(tmp_path):
    result = run_import(write(tmp_path, HEADER + _lines("a,b; nowhere", "b,")))
    assert not result.ok
    assert ("Line 2, column Same work as: “nowhere” is the ID of no line of this file and "
            "of no resource in the library.") in result.lines
    assert not Resource.objects.exists()


def test_with_skip_invalid_only_the_line_that_names_nothing_is_left_out(tmp_path):
    result = run_import(write(tmp_path, "ID,Title,Type,Versions\n"
                              + _lines("a,nowhere", "b,c", "c,")), "--skip-invalid")
    assert result.ok, result.out
    assert not Resource.objects.filter(slug="a").exists()
    assert _work("b") == {"b", "c"}


def test_a_dry_run_reports_the_link_and_changes_no_work(tmp_path):
    _work_of("a")
    _work_of("b")
    keys = _keys()
    result = run_import(write(tmp_path, HEADER + _lines("a,b")), "--dry-run")
    assert result.ok, result.out
    assert "Line 2: would update “a” (Same work as)." in result.lines
    assert _keys() == keys
