"""Recordings made with ffmpeg for the tests, and resources that hold them."""

from pathlib import Path

from resguardo.catalogue import light
from resguardo.catalogue.models import Resource
from resguardo.catalogue.services import update_resource
from resguardo.conftest import make_resource
from resguardo.ingest.services import Ingested, sha256_of, store_file
from resguardo.ingest.tests.recordings import ffmpeg, picture, probe, sine

__all__ = ["make_recording", "probe", "with_recording"]


def make_recording(path: Path, *, seconds: int = 4, video: bool = False) -> Path:
    """A tone (and, for a video, a test picture of 640×360) as MP3 or MP4."""
    if video:
        ffmpeg(*sine(seconds), *picture("640x360", seconds), "-c:v", "libx264", "-preset",
               "ultrafast", "-c:a", "aac", "-shortest", str(path))
    else:
        ffmpeg(*sine(seconds), "-c:a", "libmp3lame", "-b:a", "128k", str(path))
    return path


def with_recording(path: Path, *, video: bool = False) -> Resource:
    """A published resource whose file is the recording at `path`, attached as ingestion
    attaches one (stored under its checksum, its facts recorded)."""
    sha, size, format = sha256_of(path), path.stat().st_size, path.suffix[1:]
    media = {"kind": "video" if video else "audio", "duration": 4.0, "channels": 1,
             "bit_rate": 128_000, "codec": "aac" if video else "mp3",
             **({"width": 640, "height": 360} if video else {})}
    ingested = Ingested(name=f"resources/{sha[:2]}/{sha}.{format}", format=format, size=size,
                        sha256=sha, source_sha256=sha, text="", pages=None)
    ingested.name = store_file(path, ingested.name, size)
    resource = make_resource("Radio training on early warning")
    update_resource(resource=resource, ingested=ingested)
    resource.file_facts = {**resource.file_facts, "media": media}
    resource.save(update_fields=["file_facts"])
    light.request(resource)
    return resource
