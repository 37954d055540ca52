"""`resguardo import --files DIR` takes each named file through real ingestion: read in the
sandbox, cleaned, stored under its checksum, its text searchable."""

from pathlib import Path

import pytest
from django.urls import reverse

from resguardo.catalogue.models import Resource
from resguardo.exports.tests.catalogue_csv import run_import, write
from resguardo.ingest.tests import files as made

pytestmark = pytest.mark.django_db

CATALOGUE = (
    "ID,Title,Type,Area/themes,Language(s),Organisation,Year,File\n"
    "radio-guide,Community radio guide,Guides & manuals,Digital security,English,"
    "Radio del Pueblo,2019,guide.pdf\n"
)


def test_a_named_file_is_read_cleaned_stored_and_searchable(  # type: ignore[no-untyped-def]
        client, settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "files"
    folder.mkdir()
    made.pdf(folder / "guide.pdf", pages=3, author="Ana Defensora")
    run = run_import(write(tmp_path, CATALOGUE), "--files", str(folder))
    assert run.ok, run.out + run.err
    resource = Resource.objects.get(slug="radio-guide")
    assert resource.file_format == "pdf" and resource.page_count == 3
    assert resource.file.name.startswith(f"resources/{resource.file_sha256[:2]}/")
    stored = Path(settings.MEDIA_ROOT) / resource.file.name
    assert b"Ana Defensora" not in stored.read_bytes()
    word = next(w for w in resource.full_text.split() if w.isalpha() and len(w) > 8)
    found = client.get(reverse("catalogue:catalogue"), {"q": word}).content.decode()
    assert "Community radio guide" in found, word
