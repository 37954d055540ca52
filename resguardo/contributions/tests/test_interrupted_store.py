"""A file that a killed server left half written is never taken for the whole file: the
next proposal with the same bytes stores them whole, so what its code acknowledges can be
read back (and backed up: a backup refuses a stored file that does not match its name)."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import code_in, proposal_data
from resguardo.ingest.services import read, workspace
from resguardo.ingest.tests import files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def test_a_half_written_file_is_stored_again_whole(client: Client, tmp_path: Path) -> None:
    pdf = files.pdf(tmp_path / "guide.pdf", pages=2)
    with workspace() as folder, pdf.open("rb") as upload:
        ingested = read(upload, Path(folder))
        assert ingested.cleaned is not None
        whole = ingested.cleaned.read_bytes()
    # What a server killed in the middle of storing these bytes leaves under their name.
    default_storage.save(ingested.name, ContentFile(whole[:len(whole) // 2]))

    with pdf.open("rb") as upload:
        answer = client.post("/en/propose/", proposal_data(client, url="", upload=upload))
    code_in(answer.content)
    resource = Proposal.objects.get().resource
    assert resource.file_sha256 == hashlib.sha256(whole).hexdigest()
    with default_storage.open(resource.file.name, "rb") as stored:
        assert stored.read() == whole


def test_an_import_names_the_whole_file_not_the_half_written_one(settings: object,
                                                                  tmp_path: Path) -> None:
    from resguardo.catalogue.models import Resource
    from resguardo.exports.tests.catalogue_csv import run_import, write

    folder = tmp_path / "files"
    folder.mkdir()
    pdf = files.pdf(folder / "guide.pdf", pages=2)
    with workspace() as staging, pdf.open("rb") as upload:
        ingested = read(upload, Path(staging))
        assert ingested.cleaned is not None
        whole = ingested.cleaned.read_bytes()
    default_storage.save(ingested.name, ContentFile(whole[:100]))
    run = run_import(write(tmp_path, "ID,Title,Type,File\nradio-guide,Radio guide,"
                                     "Guides & manuals,guide.pdf\n"), "--files", str(folder))
    assert run.ok, run.out + run.err
    resource = Resource.objects.get(slug="radio-guide")
    with default_storage.open(resource.file.name, "rb") as stored:
        assert stored.read() == whole
