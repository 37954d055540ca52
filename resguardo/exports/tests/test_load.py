"""Writing checked CSV rows (exports.csv.load), piece by piece: publishers by name, the
status rule, what counts as a change, and the summary's lines."""

import pytest
from django.utils import translation

from resguardo.catalogue.models import Organisation, Resource
from resguardo.conftest import make_resource
from resguardo.exports.csv.load import Organisations, Summary, _status, load
from resguardo.exports.csv.read import Problem, validate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def test_a_publisher_is_found_by_its_name_compared_like_a_value():
    existing = Organisation.objects.create(name="Front Line Defenders", slug="fld")
    organisations = Organisations()
    assert organisations.get("front-line  DEFENDERS") == existing
    organisations.keep()
    assert organisations.created == 0 and Organisation.objects.count() == 1


def test_new_publishers_get_free_slugs_and_are_counted_once_kept():
    Organisation.objects.create(name="Other", slug="red-de-radios")
    organisations = Organisations()
    first = organisations.get("Red de radios")
    second = organisations.get("Red de Radios!")  # the same name, compared as a value
    third = organisations.get("Red de radios (Perú)")
    assert first == second
    assert (first.slug, third.slug) == ("red-de-radios-2", "red-de-radios-peru")
    assert organisations.get("Red, de radios?").slug == "red-de-radios-2"
    organisations.keep()
    assert organisations.created == 2


def test_a_name_with_no_letters_is_matched_by_itself():
    organisations = Organisations()
    dots = organisations.get("…")
    assert dots.slug.startswith("r-")
    assert organisations.get("…") == dots
    assert organisations.get("·") != dots


def test_publishers_forgotten_with_their_row_are_neither_counted_nor_found_again():
    organisations = Organisations()
    kept = organisations.get("Kept")
    organisations.keep()
    dropped = organisations.get("Dropped")
    organisations.forget()
    organisations.keep()
    assert organisations.created == 1
    assert organisations.get("Kept") == kept
    dropped.delete()  # as the rollback would
    again = organisations.get("Dropped")
    assert again.pk != dropped.pk and again.slug == "dropped"


def test_a_new_resource_is_published_unless_its_row_says_otherwise():
    assert _status(None, None) == [("Status", "status", "published")]
    assert _status("draft", None) == [("Status", "status", "draft")]


def test_an_existing_resource_keeps_its_status_unless_its_row_names_another():
    withdrawn = Resource(status="withdrawn")
    assert _status(None, withdrawn) == []
    assert _status("withdrawn", withdrawn) == []
    assert _status("published", withdrawn) == [("Status", "status", "published")]


def _load(text: str) -> Summary:
    checked = validate(text.encode())
    assert not checked.problems, checked.problems
    summary = Summary(headers=checked.headers)
    load(checked, summary, files=None, read={}, advance=lambda: None)
    return summary


def test_a_row_equal_to_its_resource_changes_nothing_and_a_different_one_names_its_columns():
    resource = make_resource("A guide", type_slug="templates", year=2019,
                             themes=["digital-security"], languages=["es"])
    resource.countries = ["PE", "CO"]
    resource.save()
    slug = resource.slug
    same = _load("ID,Title,Type,Year,Themes,Languages,Country\n"
                 f"{slug},A guide,Templates,2019,Digital security,es,PE; CO\n")
    assert (same.created, same.updated, same.unchanged) == (0, 0, 1)
    other = _load("ID,Title,Type,Year,Themes,Languages,Country,Notes\n"
                  f"{slug},A guide,Guides & manuals,2020,Digital security,es,CO,x\n")
    assert (other.updated, other.unchanged) == (1, 0)
    assert other.changes == ["Line 2: would update “A guide” (Year, Type, Country)."]
    resource.refresh_from_db()
    assert (resource.year, resource.resource_type.slug) == (2020, "guides-manuals")
    assert [c.code for c in resource.countries] == ["CO"]


def test_a_file_named_without_a_folder_is_counted_and_nothing_else_changes():
    summary = _load("Title,Type,File\nA guide,Templates,guide.pdf\n")
    assert (summary.created, summary.not_attached, summary.attached) == (1, 1, 0)
    assert not Resource.objects.get().file


def test_the_summary_always_says_the_first_five_counts_and_the_others_when_they_are_not_zero():
    summary = Summary(created=2)
    assert summary.lines() == ["Created: 2", "Updated: 0", "Unchanged: 0",
                               "Skipped because of errors: 0", "Errors: 0"]
    summary.not_attached, summary.organisations = 3, 1
    assert summary.lines()[5:] == [
        "New organisations: 1",
        "Files named but not attached, as no --files folder was given: 3"]


def test_a_dry_run_says_what_would_be_done_before_its_counts():
    summary = Summary(dry_run=True, created=1, attached=1, changes=["Line 2: would create “A”."],
                      problems=[Problem(3, "Year", "wrong."), Problem(3, "Type", "wrong."),
                                Problem(5, "", "broken.")])
    assert summary.skipped == 2
    assert summary.lines() == [
        "Line 3, column Year: wrong.", "Line 3, column Type: wrong.", "Line 5: broken.",
        "Line 2: would create “A”.", "Nothing was written: this was a dry run.",
        "Would be created: 1", "Would be updated: 0", "Unchanged: 0",
        "Skipped because of errors: 2", "Errors: 3", "Files to attach: 1"]


def test_a_refused_import_gives_its_problems_and_what_to_do_but_no_counts():
    summary = Summary(refused=True, created=4, problems=[Problem(2, "Title", "missing.")],
                      notes=["A note."])
    assert summary.lines() == [
        "Line 2, column Title: missing.", "A note.",
        "Nothing was imported: there is 1 error on 1 line.",
        "Correct them and import the file again, or use --skip-invalid to import the other "
        "lines."]
