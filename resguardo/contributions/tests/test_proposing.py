"""A visitor proposes a resource without an account and gets a private reference code."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from resguardo.catalogue.models import Resource, Theme
from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import code_in, proposal_data
from resguardo.ingest.tests import files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def test_the_form_asks_what_a_proposal_needs_and_nothing_about_the_sender(client: Client
                                                                          ) -> None:
    page = client.get("/en/propose/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    for label in ("Link to the resource", "Or a file", "Title", "Type", "Themes",
                  "Languages", "Regions", "Who published it?", "Licence or permission",
                  "could put anyone at risk", "A way to reach you (optional)"):
        assert label in text
    assert 'enctype="multipart/form-data"' in text


def test_a_link_proposal_gives_a_code_and_a_hidden_draft(client: Client) -> None:
    theme = Theme.objects.first()
    assert theme
    answer = client.post("/en/propose/", proposal_data(client, themes=[theme.pk],
                                                    publisher="Radio del Pueblo",
                                                    contact="signal: +57 300 000 0000"))
    assert answer.status_code == 200
    code = code_in(answer.content)
    proposal = Proposal.objects.get()
    resource = proposal.resource
    assert resource.status == Resource.Status.DRAFT
    assert resource.url == "https://example.org/guide"
    assert list(resource.themes.all()) == [theme]
    assert proposal.publisher == "Radio del Pueblo" and proposal.contact.startswith("signal")
    assert proposal.risk == "no" and proposal.status == "pending"
    assert code not in str(Proposal.objects.values_list().get())  # only its hash is kept
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert "A village guide" not in client.get("/en/catalogue/?q=village").content.decode()


def test_a_file_goes_through_ingestion_and_loses_its_author(client: Client, tmp_path: Path
                                                            ) -> None:
    pdf = files.pdf(tmp_path / "guide.pdf", pages=2)
    with pdf.open("rb") as upload:
        answer = client.post("/en/propose/", proposal_data(client, url="", upload=upload))
    assert answer.status_code == 200, answer.content.decode()[:2000]
    code_in(answer.content)
    resource = Proposal.objects.get().resource
    assert resource.file_format == "pdf" and resource.page_count == 2
    assert "protecting together" in resource.full_text
    stored = default_storage.open(resource.file.name).read()
    assert files.AUTHOR.encode() not in stored
    assert resource.file.name == f"resources/{resource.file_sha256[:2]}/" \
                                 f"{resource.file_sha256}.pdf"


def test_a_refused_file_says_why_and_keeps_nothing(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    picture = SimpleUploadedFile("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    answer = client.post("/en/propose/", proposal_data(client, url="", upload=picture))
    assert answer.status_code == 400
    assert "This file is an image" in answer.content.decode()
    assert not Proposal.objects.exists() and not Resource.objects.exists()


def test_the_same_bytes_as_a_published_resource_are_taken_in_for_the_editors(
        client: Client, tmp_path: Path) -> None:
    pdf = files.pdf(tmp_path / "guide.pdf", pages=1)
    for _ in range(2):
        with pdf.open("rb") as upload:
            answer = client.post("/en/propose/", proposal_data(client, url="", upload=upload))
        assert answer.status_code == 200
    assert Proposal.objects.count() == 2


def test_neither_link_nor_file_is_refused_with_a_clear_message(client: Client) -> None:
    answer = client.post("/en/propose/", proposal_data(client, url=""))
    assert answer.status_code == 400
    assert "Give a link or choose a file." in answer.content.decode()
    assert not Proposal.objects.exists()


def test_required_answers_are_asked_for_and_the_rest_kept(client: Client) -> None:
    answer = client.post("/en/propose/", proposal_data(client, title="", risk=""))
    text = answer.content.decode()
    assert answer.status_code == 400
    assert text.count("This field is required.") == 2
    assert 'value="https://example.org/guide"' in text  # what was typed stays
    assert not Proposal.objects.exists()


def test_the_same_form_sent_twice_is_one_proposal_with_the_same_code(client: Client) -> None:
    data = proposal_data(client)
    first = code_in(client.post("/en/propose/", data).content)
    again = client.post("/en/propose/", data)
    assert code_in(again.content) == first
    assert "already reached us" in again.content.decode()
    assert Proposal.objects.count() == 1
    assert code_in(client.post("/en/propose/", proposal_data(client)).content) != first
