"""Importing a catalogue again updates what changed and nothing else; files named in the
File column go through ingestion (the real one: read in the sandbox, stored on commit)."""

import os
from pathlib import Path

import pytest

from resguardo.catalogue.models import Organisation, Resource
from resguardo.exports.tests.catalogue_csv import run_import, write
from resguardo.ingest.tests import files as made

pytestmark = pytest.mark.django_db

CATALOGUE = (
    "ID,Title,Type,Themes,Organisation,Year,Rating,File\n"
    "guide-1,Security guide,Guides & manuals,Digital security,Protection International,"
    "2018,4,guide.pdf\n"
    ",Radio alerts,Audio & visual,,Protection International,2020,,\n"
    "tpl,Protocol template,Templates,Community protocols,,,,\n"
)


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def stored(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_a_second_import_changes_nothing_and_a_changed_line_updates_its_resource(tmp_path):
    path = write(tmp_path, CATALOGUE)
    assert "Created: 3" in run_import(path).lines
    again = run_import(path)
    assert {"Created: 0", "Updated: 0", "Unchanged: 3"} <= set(again.lines)
    assert Resource.objects.count() == 3 and Organisation.objects.count() == 1

    write(tmp_path, CATALOGUE.replace("2018,4", "2018,5").replace(",2020,", ",2021,"))
    changed = run_import(path)
    assert {"Updated: 2", "Unchanged: 1"} <= set(changed.lines)
    assert Resource.objects.get(slug="guide-1").rating == 5
    assert Resource.objects.get(slug="radio-alerts").year == 2021  # matched by its title
    assert Resource.objects.count() == 3


def test_a_column_left_out_leaves_that_field_alone_and_an_empty_cell_empties_it(tmp_path):
    path = write(tmp_path, CATALOGUE)
    run_import(path)
    write(tmp_path, "ID,Title,Type,Rating\nguide-1,Security guide,Guides & manuals,\n")
    run_import(path)
    guide = Resource.objects.get(slug="guide-1")
    assert (guide.year, guide.rating) == (2018, None)
    assert list(guide.themes.values_list("slug", flat=True)) == ["digital-security"]


def test_without_a_status_column_an_existing_resource_keeps_its_status(tmp_path):
    path = write(tmp_path, CATALOGUE)
    run_import(path)
    Resource.objects.filter(slug="tpl").update(status=Resource.Status.WITHDRAWN)
    run_import(path)
    assert Resource.objects.get(slug="tpl").status == "withdrawn"
    write(tmp_path, "ID,Title,Type,Status\ntpl,Protocol template,Templates,published\n")
    assert "Updated: 1" in run_import(path).lines
    assert Resource.objects.get(slug="tpl").is_published


def test_named_files_are_attached_once_and_refused_ones_stop_the_import(
        tmp_path, media):  # type: ignore[no-untyped-def]
    files = tmp_path / "files"
    files.mkdir()
    made.pdf(files / "guide.pdf")
    path = write(tmp_path, CATALOGUE)
    first = run_import(path, "--files", str(files))
    assert "Files attached: 1" in first.lines, first.out
    guide = Resource.objects.get(slug="guide-1")
    assert guide.file_format == "pdf" and stored(media) == [media / guide.file.name]
    again = run_import(path, "--files", str(files))
    assert "Unchanged: 3" in again.lines  # the same bytes are not read again

    (files / "guide.pdf").write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    write(tmp_path, CATALOGUE.replace("2018,4", "2018,5"))
    refused = run_import(path, "--files", str(files))
    assert not refused.ok
    assert refused.lines[0].startswith("Line 2, column File: "), refused.lines
    assert Resource.objects.get(slug="guide-1").rating == 4  # nothing imported


def test_a_file_refused_in_a_dry_run_is_reported_as_the_import_would(tmp_path, media):  # type: ignore[no-untyped-def]
    files = tmp_path / "files"
    files.mkdir()
    (files / "guide.pdf").write_bytes(b"%PDF-1.4 cut short")
    result = run_import(write(tmp_path, CATALOGUE), "--files", str(files), "--dry-run")
    assert not result.ok
    assert result.lines[0].startswith("Line 2, column File: "), result.lines
    assert not Resource.objects.exists() and stored(media) == []


def test_the_same_file_on_two_lines_is_a_problem_on_the_second(tmp_path, media):  # type: ignore[no-untyped-def]
    files = tmp_path / "files"
    files.mkdir()
    made.pdf(files / "guide.pdf")
    (files / "copy.pdf").write_bytes((files / "guide.pdf").read_bytes())
    text = CATALOGUE.replace(",Templates,Community protocols,,,,", ",Templates,,,,,copy.pdf")
    result = run_import(write(tmp_path, text), "--files", str(files))
    assert not result.ok
    assert "Line 4, column File: This is the same file as on line 2." in result.lines
    assert not Resource.objects.exists() and stored(media) == []


def test_without_files_a_file_name_is_only_checked(tmp_path, media):  # type: ignore[no-untyped-def]
    result = run_import(write(tmp_path, CATALOGUE))
    assert result.ok
    assert "Files named but not attached, as no --files folder was given: 1" in result.lines
    assert stored(media) == []


def test_a_missing_file_or_a_link_is_reported(tmp_path, media):  # type: ignore[no-untyped-def]
    files = tmp_path / "files"
    files.mkdir()
    (tmp_path / "secret.txt").write_text("outside")
    os.symlink(tmp_path / "secret.txt", files / "link.pdf")
    text = CATALOGUE.replace(",Templates,Community protocols,,,,", ",Templates,,,,,link.pdf")
    result = run_import(write(tmp_path, text), "--files", str(files))
    assert result.lines[:2] == [
        f"Line 2, column File: there is no file “guide.pdf” in {files}.",
        f"Line 4, column File: “link.pdf” in {files} is a link or a folder, not a file. Put "
        "the file itself there."]
    assert stored(media) == [] and not Resource.objects.exists()


def test_progress_goes_to_stderr_and_the_summary_to_stdout(tmp_path):
    result = run_import(write(tmp_path, CATALOGUE))
    assert result.err.splitlines() == ["Importing: 0/3", "Importing: 3/3"]
    assert "Importing" not in result.out
