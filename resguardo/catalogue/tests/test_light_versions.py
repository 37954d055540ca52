"""A recording's light versions: asked for when its file is attached, made by the job from
the stored file, offered on its page lightest first and played by the browser's own player
(issue 15). The recordings are made here with ffmpeg."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from resguardo.catalogue import light
from resguardo.catalogue.models import LightVersion, Resource
from resguardo.catalogue.tests.recordings import make_recording, probe, with_recording
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db

if not shutil.which("ffmpeg") and os.environ.get("CI") != "true":
    pytest.skip("ffmpeg is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("recordings")
    return {"mp3": make_recording(folder / "talk.mp3"),
            "mp4": make_recording(folder / "talk.mp4", video=True)}


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"  # type: ignore[attr-defined]


def run_job(resource: Resource) -> list[str]:
    return light.make_light_versions.call(resource.pk, resource.file_sha256)


def test_a_recording_asks_once_for_its_light_version_and_its_page_says_it_is_coming(
        client, recordings) -> None:
    resource = with_recording(recordings["mp3"])
    light.request(resource)  # asked again: still one job
    jobs = DBTaskResult.objects.filter(args_kwargs__args=[resource.pk, resource.file_sha256])
    assert [j.status for j in jobs] == [TaskResultStatus.READY]
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "being prepared" in page
    assert "<audio" not in page
    assert "Download the original recording" in page


def test_a_document_asks_for_nothing(client) -> None:
    resource = make_resource("A guide", full_text="Some words.")
    light.request(resource)
    assert not DBTaskResult.objects.exists()
    assert light.state(resource) == light.NONE


def test_the_light_audio_is_speech_grade_opus_offered_first_and_played_on_the_page(
        client, recordings) -> None:
    resource = with_recording(recordings["mp3"])
    assert run_job(resource) == ["audio"]
    version = LightVersion.objects.get(resource=resource)
    stream = probe(Path(default_storage.path(version.file.name)))["streams"][0]
    assert (stream["codec_name"], stream["channels"]) == ("opus", 1)
    assert version.size < resource.file_size / 4

    page = client.get(resource.get_absolute_url()).content.decode()
    url = reverse("catalogue:light", args=[resource.slug, "audio"])
    assert f'<audio controls preload="none" src="{url}">' in page
    assert "being prepared" not in page
    offered = page[page.index('<ul class="get">'):]
    assert offered.index("Light audio") < offered.index("Download the original recording")
    assert "OPUS," in page and "on a 2G link" in page

    part = client.get(url, HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206
    assert part["Content-Type"] == "audio/ogg"
    assert part["Content-Range"] == f"bytes 0-99/{version.size}"
    assert b"".join(part.streaming_content) == default_storage.open(version.file.name).read(100)


def test_a_video_gets_a_small_video_and_its_sound_alone(client, recordings) -> None:
    resource = with_recording(recordings["mp4"], video=True)
    assert sorted(run_job(resource)) == ["audio", "video"]
    small = LightVersion.objects.get(resource=resource, kind="video")
    assert (small.width, small.height) == (426, 240)
    streams = probe(Path(default_storage.path(small.file.name)))["streams"]
    video = next(s for s in streams if s["codec_type"] == "video")
    assert video["codec_name"] == "h264" and video["avg_frame_rate"] == "12/1"
    page = client.get(resource.get_absolute_url()).content.decode()
    assert '<video controls preload="none" width="426" height="240"' in page
    offered = page[page.index('<ul class="get">'):]
    assert offered.index("Light audio") < offered.index("Small video") \
        < offered.index("Download the original recording")  # lightest first
    assert "640 × 360 pixels" in page


def test_a_job_for_a_file_since_replaced_makes_nothing(recordings) -> None:
    resource = with_recording(recordings["mp3"])
    old = resource.file_sha256
    Resource.objects.filter(pk=resource.pk).update(file_sha256="0" * 64)
    assert light.make_light_versions.call(resource.pk, old) == []
    assert not LightVersion.objects.exists()


def test_a_light_version_of_another_file_is_not_offered(client, recordings) -> None:
    resource = with_recording(recordings["mp3"])
    run_job(resource)
    Resource.objects.filter(pk=resource.pk).update(file_sha256="0" * 64)
    resource.refresh_from_db()
    assert light.versions(resource) == []
    assert client.get(reverse("catalogue:light", args=[resource.slug, "audio"])).status_code \
        == 404


def test_a_failed_job_is_shown_to_editors_with_its_reason_not_to_readers(
        client, recordings) -> None:
    resource = with_recording(recordings["mp3"])
    with default_storage.open(resource.file.name, "wb") as broken:
        broken.write(b"\x00" * 4096)  # the stored copy damaged on disk
    with pytest.raises(Exception) as failed:  # noqa: PT011 - ffmpeg's own words
        run_job(resource)
    job = DBTaskResult.objects.get()
    job.set_failed(failed.value)
    assert light.state(resource) == light.FAILED
    assert light.failure(resource)
    assert "being prepared" not in client.get(resource.get_absolute_url()).content.decode()


def test_a_transcript_with_timings_gives_the_player_its_captions(client, recordings) -> None:
    resource = with_recording(recordings["mp3"])
    run_job(resource)
    Resource.objects.filter(pk=resource.pk).update(
        full_text="Welcome to the radio training.",
        captions="WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome to the radio training.\n")
    page = client.get(resource.get_absolute_url()).content.decode()
    url = reverse("catalogue:captions", args=[resource.slug])
    assert f'<track kind="captions" src="{url}" srclang="en" label="Captions" default>' in page
    assert client.get(url)["Content-Type"] == "text/vtt; charset=utf-8"


def test_a_failed_job_is_tried_again_when_the_file_is_read_again(recordings) -> None:
    resource = with_recording(recordings["mp3"])
    job = DBTaskResult.objects.get()
    job.claim("worker-1")
    job.set_failed(RuntimeError("the disk was full"))
    light.request(resource)  # as reading the file again does
    assert sorted(j.status for j in DBTaskResult.objects.all()) == [
        TaskResultStatus.FAILED, TaskResultStatus.READY]
    assert light.state(resource) == light.PREPARING


def test_an_original_lighter_than_its_light_audio_is_offered_first(client, tmp_path) -> None:
    voice = tmp_path / "voice.mp3"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                    "sine=frequency=300:duration=6", "-ac", "1", "-ar", "8000", "-c:a",
                    "libmp3lame", "-b:a", "8k", "-y", str(voice)], check=True)
    resource = with_recording(voice)
    run_job(resource)
    assert LightVersion.objects.get(resource=resource).size > resource.file_size
    page = client.get(resource.get_absolute_url()).content.decode()
    offered = page[page.index('<ul class="get">'):]
    assert offered.index("Download the original recording") < offered.index("Light audio")
