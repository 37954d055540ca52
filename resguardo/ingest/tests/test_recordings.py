"""Recordings are taken in as documents are: told apart by their content, stored as a copy
in the same container without a name, a place, a device, a cover or a chapter, with the
facts a reader needs before downloading."""

from io import BytesIO
from pathlib import Path

import pytest

from resguardo.ingest import media as reader
from resguardo.ingest import services
from resguardo.ingest.base import Refused, accepted
from resguardo.ingest.tests import recordings as made
from resguardo.ingest.tests import uploads
from resguardo.ingest.tests.recordings import MAKERS, SECRETS

# What exiftool reads of a place, a person or a device, in any container.
IDENTIFYING = ("gps", "location", "model", "make", "artist", "author", "comment",
               "description", "title", "performer", "picture", "chapter", "software",
               "encoder", "vendor")
# What the muxers write of themselves, named as exiftool reads it: no one's.
TECHNICAL = ("", "SoundHandler", "VideoHandler", "DataHandler", "Lavf", "FFmpeg", "ffmpeg",
             "Apple")  # the handler's maker in a QuickTime file, as ffmpeg writes it


def taken(path: Path) -> services.Ingested:
    with path.open("rb") as upload:
        return uploads.ingest(upload)


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_each_recording_we_take_is_stored_in_its_own_container_without_tags(
        name: str, recordings: dict[str, Path], media: Path) -> None:  # noqa: ARG001
    ingested = taken(recordings[name])
    _maker, format, kind = MAKERS[name]
    assert ingested.format == format
    assert ingested.name.endswith(f".{format}") and ingested.text == "" and not ingested.pages
    stored = media / ingested.name
    probe = made.probe(stored)
    assert probe["chapters"] == []
    for part in [probe["format"], *probe["streams"]]:
        assert all(reader._harmless(key.lower(), value)
                   for key, value in (part.get("tags") or {}).items()), part.get("tags")
    assert len(probe["streams"]) == (2 if kind == "video" else 1)
    assert not any(s["disposition"].get("attached_pic") for s in probe["streams"])
    found = made.exiftool(stored)
    text = repr(found)
    assert not [secret for secret in SECRETS if secret in text]
    assert not [key for key in found if any(word in key.split(":")[-1].lower()
                                            for word in IDENTIFYING)
                and found[key] not in TECHNICAL and not key.endswith("SampleGroupDescription")]


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_the_facts_of_a_recording_come_from_its_cleaned_copy(
        name: str, recordings: dict[str, Path], media: Path) -> None:  # noqa: ARG001
    facts = taken(recordings[name]).facts["media"]
    assert isinstance(facts, dict)
    assert facts["kind"] == MAKERS[name][2]
    assert abs(facts["duration"] - made.SECONDS) < 0.2
    assert facts["channels"] == 1 and facts["bit_rate"] > 1000 and facts["codec"]
    if facts["kind"] == "video":
        assert (facts["width"], facts["height"]) in ((160, 120), (176, 144))
        assert facts["video_codec"] in ("h264", "hevc", "h263", "vp8")


def test_the_editor_reads_what_a_tagged_mp3_declared_and_lost(
        recordings: dict[str, Path], media: Path) -> None:  # noqa: ARG001
    ingested = taken(recordings["voice.mp3"])
    assert f"artist: {made.ARTIST}" in ingested.removed
    assert f"comment: {made.COMMENT}" in ingested.removed
    assert {"cover picture", "2 named chapters", "encoder", "creation date"} \
        <= set(ingested.removed)
    assert (ingested.title, ingested.author, ingested.date) == (
        made.TITLE, made.ARTIST, "2024-05-01")


def test_a_phones_place_and_model_are_named_as_removed(
        recordings: dict[str, Path], media: Path) -> None:  # noqa: ARG001
    removed = taken(recordings["clip.mov"]).removed
    assert "GPS location" in removed and f"device: {made.MODEL}" in removed
    assert "GPS location" in taken(recordings["clip.mp4"]).removed


def test_a_recordings_tags_are_offered_from_the_stream_when_the_file_has_none(
        recordings: dict[str, Path], media: Path) -> None:  # noqa: ARG001
    ingested = taken(recordings["voice.ogg"])  # Ogg keeps its comments on the stream
    assert (ingested.title, ingested.author) == (made.TITLE, made.ARTIST)


def test_the_refusal_lists_documents_and_recordings() -> None:
    assert accepted().startswith("documents: PDF, ")
    assert "; recordings: MP3, AAC, AAC/M4A, Ogg Vorbis, Opus, FLAC, WAV, AMR, 3GP, MP4, " \
           "WebM, MOV" in accepted()


@pytest.mark.parametrize("head, recording", [
    (b"ID3\x03\x00", True), (b"\xff\xfb\x90\x64", True), (b"\xff\xf1\x50\x80", True),
    (b"OggS\x00", True), (b"fLaC", True), (b"RIFF\x00\x00\x00\x00WAVEfmt ", True),
    (b"#!AMR\n", True), (b"\x00\x00\x00\x18ftypmp42", True), (b"\x1a\x45\xdf\xa3", True),
    (b"#EXTM3U\n", True), (b"RIFF\x00\x00\x00\x00AVI ", False), (b"%PDF-1.7", False),
    (b"\xff\xd8\xff\xe0", False), (b"# A title\n", False), (b"\xff\xff\xff\xff", False),
    ("# Título".encode("utf-16"), False)])  # FF FE: the byte order mark of UTF-16 text
def test_a_recording_is_told_by_its_first_bytes(head: bytes, recording: bool,
                                                tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_bytes(head + b"\x00" * 64)
    assert reader.is_recording(path) is recording


def test_an_empty_transcript_never_replaces_one_and_the_duration_is_filled(
        recordings: dict[str, Path], media: Path, db: None) -> None:  # noqa: ARG001
    from resguardo.catalogue.services import update_resource
    from resguardo.conftest import make_resource

    resource = make_resource("Radio", full_text="Buenos días, esto es la transcripción.")
    update_resource(resource=resource, ingested=taken(recordings["voice.opus"]))
    resource.refresh_from_db()
    assert resource.full_text == "Buenos días, esto es la transcripción."
    assert resource.duration is not None and 1.8 < resource.duration.total_seconds() < 2.2
    assert resource.recording["kind"] == "audio" and resource.file_format == "opus"


def test_the_same_recording_twice_is_one_stored_file(
        recordings: dict[str, Path], media: Path) -> None:
    first, second = taken(recordings["voice.flac"]), taken(recordings["voice.flac"])
    assert first.name == second.name
    assert len([p for p in media.rglob("*") if p.is_file()]) == 1


def test_a_recording_past_the_upload_limit_is_refused_before_any_tool_runs(
        recordings: dict[str, Path], media: Path, settings) -> None:  # type: ignore[no-untyped-def]  # noqa: ARG001
    settings.UPLOAD_LIMIT_MB = 1
    with pytest.raises(Refused) as refused:
        uploads.ingest(BytesIO(b"ID3" + b"\x00" * (1024 * 1024)))
    assert refused.value.code == "too-large"


def test_an_editor_uploads_a_video_and_reads_what_was_removed(
        client, editor, recordings: dict[str, Path], media: Path, settings) -> None:  # type: ignore[no-untyped-def]  # noqa: ARG001
    from django.core.files.uploadedfile import SimpleUploadedFile

    from resguardo.catalogue.models import Resource, ResourceType
    from resguardo.conftest import sign_in
    from resguardo.ingest.tests.test_ingesting import editor_form

    sign_in(client, editor)
    upload = SimpleUploadedFile("entrevista.mov", recordings["clip.mov"].read_bytes())
    response = client.post("/editors/catalogue/resource/add/", editor_form(
        ResourceType.objects.get(slug="guides-manuals"), upload=upload), follow=True)
    body = response.content.decode()
    assert "a recording of 2 seconds" in body and "GPS location" in body
    resource = Resource.objects.get(slug="uploaded-guide")
    assert resource.file_format == "mov" and resource.recording["width"] == 160
    found = repr(made.exiftool(media / resource.file.name))
    assert not [secret for secret in SECRETS if secret in found]


def test_a_copy_that_keeps_a_tag_beyond_the_harmless_ones_is_refused() -> None:
    copy = {"format": {"duration": "2.0", "tags": {"major_brand": "isom"}},
            "streams": [{"tags": {"handler_name": "Core Media Audio"}}], "chapters": []}
    with pytest.raises(Refused) as refused:
        reader._check_cleaned(copy, 2.0)
    assert refused.value.code == "uncleaned"
    assert str(refused.value.reason) == "This recording could not be cleaned: " \
                                        "handler_name=Core Media Audio would remain in the copy."


def test_what_was_removed_is_said_in_the_editors_words() -> None:
    probe = {"format": {"tags": {"com.apple.quicktime.make": "Apple", "encoder": "Lavf",
                                 "creation_time": "2024-05-01T10:00:00Z"}},
             "streams": [{"index": 0, "codec_type": "audio", "disposition": {}},
                         {"index": 1, "codec_type": "subtitle", "disposition": {}},
                         {"index": 2, "codec_type": "video", "tags": {"comment": "Cover"},
                          "disposition": {"attached_pic": 1}}],
             "chapters": [{"tags": {}}, {}, {}]}
    assert reader.removed(probe, probe["streams"][:1]) == [
        "device: Apple", "creation date", "cover picture",
        "1 other stream (a sound, subtitles or data)", "3 chapters"]
