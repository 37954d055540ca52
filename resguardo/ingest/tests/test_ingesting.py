"""A file taken in from end to end, through the sandboxed worker: an editor uploads it, the
record fills, the stored copy carries no one's name; a hostile or oversized file is refused
with its reason, nothing is stored and nothing is left behind."""

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from resguardo.catalogue import services as catalogue
from resguardo.catalogue.models import Resource, ResourceType
from resguardo.conftest import make_resource, sign_in
from resguardo.ingest import services
from resguardo.ingest.base import Refused
from resguardo.ingest.tests import files, scrub_files, uploads

pytestmark = pytest.mark.django_db


def stored(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def leftovers(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    """What is in DATA_DIR/tmp but this process's scratch folder and its lock."""
    folder = Path(settings.DATA_DIR) / "tmp"
    return [p for p in folder.rglob("*") if p.name != ".lock" and not (
        p.is_dir() and p.name.startswith("process-"))] if folder.exists() else []


def every_byte(path: Path) -> bytes:
    """The file's bytes, and every zip entry's bytes decompressed."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            data += b"".join(archive.read(name) for name in archive.namelist())
    return data


def editor_form(resource_type: ResourceType, **fields: object) -> dict[str, object]:
    return {"title": "Uploaded guide", "slug": "uploaded-guide", "status": "published",
            "resource_type": resource_type.pk, "summary": "", "description": "",
            "url": "", "licence": "", "rating": "", "year": "", "countries": [],
            "translation_key": "c1f0e4a0-0000-4000-8000-000000000001", **fields}


def test_an_editors_upload_fills_the_record_and_the_stored_copy_names_no_one(
        client: Client, editor, media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "informe.docx"
    scrub_files.make_docx(source)
    assert b"Ana Defensora" in every_byte(source)  # the upload does carry names
    sign_in(client, editor)
    upload = SimpleUploadedFile("../../informe final\u202excod.pdf", source.read_bytes())
    response = client.post("/editors/catalogue/resource/add/", editor_form(
        ResourceType.objects.get(slug="guides-manuals"), upload=upload), follow=True)
    assert response.status_code == 200
    resource = Resource.objects.get(slug="uploaded-guide")

    assert resource.file_format == "docx" and resource.has_text_layer
    assert scrub_files.SENTENCE in resource.full_text
    assert [lang.code for lang in resource.languages.all()] == ["en"]
    assert resource.extracted_at is not None and len(resource.source_sha256) == 64
    # Stored under its checksum, never under the name the sender gave.
    assert resource.file.name == f"resources/{resource.file_sha256[:2]}/" \
                                 f"{resource.file_sha256}.docx"
    [copy] = stored(media)
    for name in scrub_files.IDENTIFYING:
        assert name.encode() not in every_byte(copy), name
    body = response.content.decode()
    assert "The file was read" in body and "Removed from the stored copy" in body
    assert leftovers(settings) == []

    download = client.get(f"/en/resources/{resource.slug}/file")
    assert b"".join(download.streaming_content) == copy.read_bytes()


def test_the_same_bytes_again_are_named_as_a_duplicate(media: Path, tmp_path: Path) -> None:
    source = files.pdf(tmp_path / "guide.pdf")
    first = make_resource("Community protocols guide")
    with source.open("rb") as upload:
        catalogue.attach_file(resource=first,
                              ingested=catalogue.ingest_file(upload, for_resource=first))
    with source.open("rb") as upload, pytest.raises(services.Duplicate) as duplicate:
        catalogue.ingest_file(upload)
    assert duplicate.value.title == "Community protocols guide"
    assert "“Community protocols guide”" in str(duplicate.value.reason)
    with source.open("rb") as upload:  # its own copy is no duplicate of itself
        assert catalogue.ingest_file(upload, for_resource=first).sha256 == first.file_sha256
    with source.open("rb") as upload:  # a proposal takes duplicates in (see read_file)
        assert uploads.ingest(upload).sha256 == first.file_sha256


def test_a_scan_without_text_is_flagged_not_silently_empty(media: Path, tmp_path: Path
                                                           ) -> None:
    with files.scanned_pdf(tmp_path / "scan.pdf").open("rb") as upload:
        ingested = uploads.ingest(upload)
    assert ingested.has_text_layer is False and ingested.pages == 2


HOSTILE = {
    "zip bomb": (files.docx_zip_bomb, "bomb"),
    "external entity": (files.docx_external_entity, "xml"),
    "billion laughs": (files.docx_billion_laughs, "xml"),
    "JPEG that is also HTML": (files.jpeg_html_polyglot, "format"),
    "random bytes": (files.random_bytes, "format"),
    "PDF with a reference cycle": (files.pdf_kids_cycle, None),
    "PDF nested 100,000 deep": (files.pdf_deep_nesting, None),
    "truncated PDF": (files.truncated_pdf, None),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_file_is_refused_or_contained_and_nothing_is_left(
        kind: str, media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make, code = HOSTILE[kind]
    path = make(tmp_path / "hostile")
    try:
        with path.open("rb") as upload:
            ingested = uploads.ingest(upload)
    except Refused as refusal:
        assert code is None or refusal.code == code, (refusal.code, refusal.reason)
        assert str(refusal.reason)
        assert stored(media) == []
    else:
        assert code is None, f"{kind} was taken in"  # a damaged PDF may still be read
        assert ingested.format == "pdf"
    assert leftovers(settings) == []


def test_an_empty_or_oversized_upload_is_refused_before_it_is_read(
        media: Path, settings) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Refused) as empty:
        uploads.ingest(BytesIO(b""))
    assert empty.value.code == "empty"
    settings.UPLOAD_LIMIT_MB = 1
    with pytest.raises(Refused) as large:
        uploads.ingest(BytesIO(b"x" * (1024 * 1024 + 1)))
    assert large.value.code == "too-large" and "1.0\xa0MB" in str(large.value.reason)
    assert stored(media) == [] and leftovers(settings) == []


def test_an_editor_is_told_why_a_file_is_refused_and_the_site_keeps_answering(
        client: Client, editor, media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, editor)
    polyglot = files.jpeg_html_polyglot(tmp_path / "photo.html").read_bytes()
    response = client.post("/editors/catalogue/resource/add/", editor_form(
        ResourceType.objects.get(slug="guides-manuals"),
        upload=SimpleUploadedFile("photo.html", polyglot)))
    assert response.status_code == 200  # the form again, with the reason
    assert "accepted formats are" in response.content.decode().lower()
    assert not Resource.objects.filter(slug="uploaded-guide").exists()
    assert stored(media) == []

    settings.UPLOAD_LIMIT_MB = 1
    response = client.post("/editors/catalogue/resource/add/", editor_form(
        ResourceType.objects.get(slug="guides-manuals"),
        upload=SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 2 * 1024 * 1024)))
    body = response.content.decode()
    errors = re.findall(r"errorlist[^>]*>(.*?)</ul>", body, re.S)
    assert any("larger than the 1.0\xa0MB" in e for e in errors), errors
    assert client.get("/en/").status_code == 200
    assert stored(media) == [] and leftovers(settings) == []


def test_an_upload_on_a_form_with_another_error_is_not_read_or_stored(
        client: Client, editor, media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, editor)
    upload = SimpleUploadedFile("guide.pdf", files.pdf(tmp_path / "guide.pdf").read_bytes())
    response = client.post("/editors/catalogue/resource/add/", editor_form(
        ResourceType.objects.get(slug="guides-manuals"), title="", upload=upload))
    assert "Choose the file again once the other fields are corrected" in \
        response.content.decode()
    assert stored(media) == [] and leftovers(settings) == []
