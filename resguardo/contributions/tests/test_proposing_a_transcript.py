"""A contributor may send a recording's transcript with a proposal: the draft gets it as its
text version and captions; a transcript we cannot read keeps the whole proposal out."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from resguardo.catalogue.models import Resource
from resguardo.conftest import make_staff, sign_in
from resguardo.contributions import services
from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import code_in, proposal_data
from resguardo.ingest.tests import files
from resguardo.search.services import index_version

pytestmark = pytest.mark.django_db
VTT = b"""WEBVTT

00:00:01.000 --> 00:00:05.000
<v Rosa>We keep the seeds of the community in the school.

00:00:05.000 --> 00:00:09.000
<v Rosa>Nobody sells them.
"""


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def _transcript(data: bytes = VTT, name: str = "seeds.vtt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/vtt")


def test_the_form_offers_an_optional_transcript(client: Client) -> None:
    page = client.get("/en/propose/").content.decode()
    assert "A transcript or subtitles (optional)" in page and 'name="transcript"' in page


def test_a_proposals_transcript_is_its_drafts_text_and_captions(client: Client) -> None:
    version = index_version()
    answer = client.post("/en/propose/", proposal_data(client, transcript=_transcript()))
    assert answer.status_code == 200, answer.content.decode()[:2000]
    code_in(answer.content)
    resource = Proposal.objects.get().resource
    assert resource.status == Resource.Status.DRAFT
    assert resource.full_text == ("Rosa: We keep the seeds of the community in the school. "
                                  "Nobody sells them.")
    assert resource.captions.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nRosa: We")
    assert index_version() == version  # a draft leaves search and kept pages alone
    assert "A village guide" not in client.get("/en/catalogue/", {"q": "seeds"}).content.decode()
    services.approve(Proposal.objects.get(), by=make_staff())
    found = client.get("/en/catalogue/", {"q": "seeds"}).content.decode()
    assert "A village guide to early warning" in found


def test_a_transcript_with_a_file_is_the_text_version_not_the_files_text(client: Client,
                                                                         tmp_path: Path
                                                                         ) -> None:
    pdf = files.pdf(tmp_path / "guide.pdf", pages=1)
    with pdf.open("rb") as upload:
        answer = client.post("/en/propose/", proposal_data(
            client, url="", upload=upload, transcript=_transcript()))
    assert answer.status_code == 200, answer.content.decode()[:2000]
    resource = Proposal.objects.get().resource
    assert resource.file_format == "pdf"
    assert resource.full_text.startswith("Rosa: We keep the seeds")


def test_an_unreadable_transcript_says_why_and_keeps_nothing(client: Client, tmp_path: Path
                                                            ) -> None:
    pdf = files.pdf(tmp_path / "guide.pdf", pages=1)
    broken = VTT.replace(b"00:00:05.000 --> 00:00:09.000", b"00:00:05.000 --> then")
    with pdf.open("rb") as upload:
        answer = client.post("/en/propose/", proposal_data(
            client, url="", upload=upload, transcript=_transcript(broken)))
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "the timing on line 6 is not one we understand" in body
    assert not Proposal.objects.exists() and not Resource.objects.exists()
    assert not any((tmp_path / "media").rglob("*.pdf"))  # the file was not stored either


def test_a_contributor_reads_the_refusal_in_their_language(client: Client) -> None:
    answer = client.post("/es/propose/", proposal_data(
        client, transcript=_transcript(b"\x00\x01\x02", "audio.mp3")))
    assert answer.status_code == 400
    assert "Este archivo no es una transcripción" in answer.content.decode()
    assert not Proposal.objects.exists()


def test_a_transcript_sent_with_another_field_wrong_is_asked_for_again(client: Client
                                                                        ) -> None:
    answer = client.post("/en/propose/", proposal_data(client, title="",
                                                       transcript=_transcript()))
    assert answer.status_code == 400
    assert "Choose the transcript again once the other fields are corrected." in \
        answer.content.decode()
    assert not Proposal.objects.exists()


def test_editors_see_the_drafts_transcript(client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    client.post("/en/propose/", proposal_data(client, transcript=_transcript()))
    resource = Proposal.objects.get().resource
    sign_in(client, editor)
    page = client.get(f"/editors/catalogue/resource/{resource.pk}/change/").content.decode()
    assert "We keep the seeds of the community" in page
