"""A visitor proposes a recording: it is taken in as a file is, and its tags stay behind."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import code_in, proposal_data
from resguardo.ingest.tests import recordings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def test_a_tagged_mp3_is_taken_in_and_its_stored_copy_carries_no_tag(
        client: Client, tmp_path: Path) -> None:
    recordings.require("ffmpeg", "ffprobe", "exiftool")
    source = recordings.mp3(tmp_path / "programa.mp3")
    assert recordings.ARTIST.encode() in source.read_bytes()
    with source.open("rb") as upload:
        answer = client.post("/en/propose/", proposal_data(client, url="", upload=upload))
    assert answer.status_code == 200, answer.content.decode()[:2000]
    code_in(answer.content)
    resource = Proposal.objects.get().resource
    assert resource.file_format == "mp3" and resource.full_text == ""
    assert resource.recording["kind"] == "audio" and resource.duration is not None
    assert "cover picture" in resource.file_facts["removed"]
    stored = Path(default_storage.path(resource.file.name))
    assert stored.suffix == ".mp3"
    assert not stored.read_bytes().startswith(b"ID3")
    assert not [secret for secret in recordings.SECRETS
                if secret.encode() in stored.read_bytes()
                or secret in repr(recordings.exiftool(stored))]
    probe = recordings.probe(stored)
    assert all(not part.get("tags") for part in [probe["format"], *probe["streams"]])
