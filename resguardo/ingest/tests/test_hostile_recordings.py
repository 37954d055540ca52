"""Recordings made to hurt, or only damaged: each is refused within the ingest time limit,
with its reason, and leaves nothing in storage or in the scratch folder."""

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from resguardo.ingest.base import Refused
from resguardo.ingest.tests import recordings as made
from resguardo.ingest.tests import uploads


def refused(path: Path, media: Path, settings, *, copying: float = 0) -> Refused:  # type: ignore[no-untyped-def]
    """The refusal of `path`, given within the time limit (and `copying` seconds to copy
    and hash the upload, which comes before)."""
    started = time.monotonic()
    with pytest.raises(Refused) as refusal, path.open("rb") as upload:
        uploads.ingest(upload)
    assert time.monotonic() - started < settings.INGEST_TIMEOUT + copying
    assert not [p for p in media.rglob("*") if p.is_file()] if media.exists() else True
    scratch = Path(settings.DATA_DIR) / "tmp"
    assert not [p for p in scratch.rglob("*") if p.is_file() and p.name != ".lock"]
    assert str(refusal.value.reason)
    return refusal.value


def test_a_recording_cut_short_is_refused(recordings: dict[str, Path], media: Path,
                                          settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("clip.mp4", "clip.mov", "voice.m4a"):  # the index first, then half the data
        refusal = refused(made.truncated(recordings[name], tmp_path / name), media, settings)
        assert refusal.code in ("damaged", "truncated"), name
        assert "damaged" in str(refusal.reason) or "cut short" in str(refusal.reason)


def test_a_recording_that_declares_more_than_the_library_takes_is_refused(
        recordings: dict[str, Path], media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_MAX_MINUTES = 60
    long = made.declaring(recordings["clip.mp4"], tmp_path / "long.mp4", seconds=61 * 60)
    refusal = refused(long, media, settings)
    assert refusal.code == "too-long"
    assert str(refusal.reason) == "This recording is longer than the 60 minutes the " \
                                  "library takes."


def test_a_duration_the_bytes_cannot_hold_is_refused(
        recordings: dict[str, Path], media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lying = made.declaring(recordings["clip.mp4"], tmp_path / "lying.mp4", seconds=50 * 60)
    refusal = refused(lying, media, settings)
    assert refusal.code == "truncated"
    assert "says it lasts longer than what it holds" in str(refusal.reason)


def test_a_duration_longer_than_what_the_copy_holds_is_refused(
        recordings: dict[str, Path], media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lying = made.declaring(recordings["clip.mp4"], tmp_path / "lying.mp4", seconds=20)
    assert refused(lying, media, settings).code == "truncated"


def test_an_mp3_by_name_that_is_a_zip_by_content_is_refused_with_the_list(
        media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    refusal = refused(made.zip_named_mp3(tmp_path / "song.mp3"), media, settings)
    assert refusal.code == "format"
    assert "recordings: MP3, AAC" in str(refusal.reason)


def test_a_tiny_video_of_enormous_pictures_is_refused(
        media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made.require("ffmpeg")
    refusal = refused(made.huge_frames(tmp_path / "huge.mp4"), media, settings)
    assert refusal.code == "pixels"
    assert "larger than the library takes" in str(refusal.reason)


@pytest.mark.parametrize("content", [
    "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://example.com/a.ts\n#EXT-X-ENDLIST\n",
    "#EXTM3U\n#EXTINF:2,\n/etc/passwd\n",
    "ffconcat version 1.0\nfile /etc/hostname\n",
    "[playlist]\nFile1=http://example.com/radio.mp3\n"])
def test_a_playlist_that_points_elsewhere_is_refused(
        content: str, media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "radio.mp3"
    path.write_text(content)
    refusal = refused(path, media, settings)
    assert refusal.code == "playlist"
    assert "send the recording itself" in str(refusal.reason)


def test_a_file_ffprobe_cannot_read_is_refused(media: Path, settings, tmp_path: Path
                                              ) -> None:  # type: ignore[no-untyped-def]
    made.require("ffprobe")
    path = tmp_path / "noise.mp3"
    path.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x10" + bytes(range(256)) * 40)
    refusal = refused(path, media, settings)
    assert refusal.code == "damaged"
    assert str(refusal.reason).startswith("This recording could not be read.")


@pytest.mark.parametrize("make, found", [
    (made.matroska_h264, "matroska,webm, aac, h264"),
    (made.avi, None)])
def test_a_container_we_do_not_take_is_refused_with_the_list(
        make: Callable[[Path], Path], found: str | None, media: Path, settings,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    made.require("ffmpeg")
    refusal = refused(make(tmp_path / "film"), media, settings)
    assert refusal.code == "format"
    assert "recordings: MP3" in str(refusal.reason)
    assert found is None or found in str(refusal.reason)


def test_a_recording_that_takes_longer_than_the_limit_is_stopped(
        media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 50 MB of AMR's smallest frames (13 bytes, 20 ms each): four million packets to copy
    # take ffmpeg seconds of CPU, whatever the machine's load or disk cache.
    path = tmp_path / "long.amr"
    path.write_bytes(b"#!AMR\n" + (b"\x04" + bytes(range(12))) * (50 * 2**20 // 13))
    settings.INGEST_TIMEOUT, settings.MEDIA_MAX_MINUTES = 1, 2000
    refusal = refused(path, media, settings, copying=5)
    assert refusal.code == "timeout"
    assert str(refusal.reason) == "Reading this file took too long, so it was stopped."


def test_without_ffmpeg_a_recording_is_refused_with_the_reason(
        recordings: dict[str, Path], media: Path, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", "/nonexistent")  # a server where Debian's ffmpeg is missing
    refusal = refused(recordings["voice.mp3"], media, settings)
    assert refusal.code == "unavailable" and "lacks ffmpeg" in str(refusal.reason)
