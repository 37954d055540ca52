"""Recordings made here with ffmpeg (a sine tone, a test picture), carrying what a real one
may: a name, a comment, a phone model, GPS coordinates, a cover picture, named chapters."""

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from resguardo.tests.browser import missing

ARTIST = "Ana Defensora"
COMMENT = "grabado en casa de Rosa"
TITLE = "Taller de radio"
MODEL = "Pixel Secreto 7"
GPS = "+12.3456-076.5432/"
SECRETS = (ARTIST, COMMENT, TITLE, MODEL, "12.3456", "76.5432", "Capitulo de Rosa")
TAGS = ["-metadata", f"artist={ARTIST}", "-metadata", f"comment={COMMENT}",
        "-metadata", f"title={TITLE}", "-metadata", "date=2024-05-01"]
CHAPTERS = (";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\n"
            "title=Capitulo de Rosa\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\n"
            "title=Segundo\n")
SECONDS = 2


def require(*tools: str) -> None:
    """Skip without the tools, or fail in CI, which must run these tests."""
    for tool in tools:
        if not shutil.which(tool):
            missing(f"{tool} is missing (apt-get install -y ffmpeg libimage-exiftool-perl)")


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", *args], check=True)


def sine(seconds: float = SECONDS, rate: int = 44100) -> list[str]:
    return ["-f", "lavfi", "-i", f"sine=d={seconds}:sample_rate={rate}"]


def picture(size: str = "160x120", seconds: float = SECONDS, rate: int = 25) -> list[str]:
    return ["-f", "lavfi", "-i", f"testsrc=s={size}:d={seconds}:r={rate}"]


def _cover_and_chapters(folder: Path) -> list[str]:
    """Inputs 1 (a PNG) and 2 (chapters), for a recording whose input 0 is its sound."""
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=32x32:d=1", "-frames:v", "1",
           str(folder / "cover.png"))
    (folder / "chapters.txt").write_text(CHAPTERS)
    return ["-i", str(folder / "cover.png"), "-i", str(folder / "chapters.txt"),
            "-map", "0", "-map", "1", "-map_chapters", "2", "-c:v", "png",
            "-disposition:v", "attached_pic"]


def mp3(path: Path) -> Path:
    ffmpeg(*sine(), *_cover_and_chapters(path.parent), *TAGS, "-c:a", "libmp3lame",
           "-b:a", "64k", "-id3v2_version", "3", str(path))
    return path


def m4a(path: Path) -> Path:
    ffmpeg(*sine(), *_cover_and_chapters(path.parent), *TAGS, "-c:a", "aac", str(path))
    return path


def aac(path: Path) -> Path:
    ffmpeg(*sine(), "-c:a", "aac", "-f", "adts", str(path))
    return path


def audio(codec: str, muxer: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        ffmpeg(*sine(rate=48000), *TAGS, "-c:a", codec, "-f", muxer, str(path))
        return path
    return make


def amr(path: Path) -> Path:
    """AMR-NB at 12.2 kbit/s (Debian's ffmpeg decodes AMR but has no encoder for it): the
    file header, then frames of a header byte and 31 bytes of sound."""
    frames = SECONDS * 50
    path.write_bytes(b"#!AMR\n" + b"".join(b"\x3c" + os.urandom(31) for _ in range(frames)))
    return path


def video(codec: list[str], sound: list[str], muxer: str, *extra: str,
          rate: int = 44100, size: str = "160x120") -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        ffmpeg(*picture(size), *sine(rate=rate), *TAGS, *extra, "-c:v", *codec,
               "-c:a", *sound, "-f", muxer, str(path))
        return path
    return make


X264 = ["libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
PHONE = ["-metadata", f"location={GPS}", "-metadata", f"location-eng={GPS}"]
APPLE = ["-metadata", f"com.apple.quicktime.model={MODEL}",
         "-metadata", f"com.apple.quicktime.location.ISO6709={GPS}",
         "-metadata", "com.apple.quicktime.make=Apple", "-movflags", "use_metadata_tags"]

# Name -> (how to make it, the format code it is taken in as, "audio" or "video").
MAKERS: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "voice.mp3": (mp3, "mp3", "audio"),
    "voice.aac": (aac, "aac", "audio"),
    "voice.m4a": (m4a, "m4a", "audio"),
    "voice.ogg": (audio("libvorbis", "ogg"), "ogg", "audio"),
    "voice.opus": (audio("libopus", "opus"), "opus", "audio"),
    "voice.flac": (audio("flac", "flac"), "flac", "audio"),
    "voice.wav": (audio("pcm_s16le", "wav"), "wav", "audio"),
    "voice.amr": (amr, "amr", "audio"),
    "note.3gp": (audio("aac", "3gp"), "3gp", "audio"),
    "clip.3gp": (video(["h263"], ["aac", "-ac", "1", "-ar", "8000"], "3gp", rate=8000,
                       size="176x144"), "3gp", "video"),
    "clip.mp4": (video(X264, ["aac"], "mp4", *PHONE), "mp4", "video"),
    "phone.mp4": (video(["libx265", "-preset", "ultrafast", "-x265-params", "log-level=0"],
                        ["aac"], "mp4", *PHONE), "mp4", "video"),
    "clip.webm": (video(["libvpx", "-b:v", "100k"], ["libopus"], "webm", rate=48000),
                  "webm", "video"),
    "clip.mov": (video(X264, ["aac"], "mov", *APPLE), "mov", "video"),
}


def make_all(folder: Path) -> dict[str, Path]:
    require("ffmpeg", "ffprobe")
    made = {}
    for name, (make, _format, _kind) in MAKERS.items():
        place = folder / name.replace(".", "-")
        place.mkdir()
        made[name] = make(place / name)
    return made


# Hostile recordings.


def truncated(source: Path, path: Path) -> Path:
    """The first half of a recording whose index comes first: a download cut short."""
    data = source.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    return path


def declaring(source: Path, path: Path, seconds: int) -> Path:
    """An MP4 whose header says it lasts `seconds`, whatever it holds."""
    data = bytearray(source.read_bytes())
    at = data.index(b"mvhd")
    scale = int.from_bytes(data[at + 16:at + 20], "big")
    data[at + 20:at + 24] = (scale * seconds).to_bytes(4, "big")
    path.write_bytes(bytes(data))
    return path


def zip_named_mp3(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a recording " * 100)
    return path


def huge_frames(path: Path) -> Path:
    """One tiny H.264 picture of 8200×4400 pixels, past 8K: decoding each costs much."""
    ffmpeg("-f", "lavfi", "-i", "color=s=8200x4400:d=0.04", "-frames:v", "1",
           "-c:v", *X264, str(path))
    return path


def matroska_h264(path: Path) -> Path:
    ffmpeg(*picture(), *sine(), "-c:v", *X264, "-c:a", "aac", "-f", "matroska", str(path))
    return path


def avi(path: Path) -> Path:
    ffmpeg(*picture(), "-c:v", "mpeg4", "-f", "avi", str(path))
    return path


def probe(path: Path) -> dict[str, Any]:
    out = subprocess.run(["ffprobe", "-v", "error", "-of", "json", "-show_format",
                          "-show_streams", "-show_chapters", str(path)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def exiftool(path: Path) -> dict[str, Any]:
    require("exiftool")
    # It reads what it knows of a file it cannot name (AAC, AMR) and ends with status 1.
    out = subprocess.run(["exiftool", "-j", "-a", "-u", "-G1", str(path)], check=False,  # noqa: S607
                         capture_output=True, text=True).stdout
    return json.loads(out)[0]  # type: ignore[no-any-return]
