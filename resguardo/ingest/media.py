"""Recordings: what a sound or video file is, from its content, and its cleaned copy.

A cheap look at the first bytes routes a file here (`is_recording`); then Debian's
`ffprobe` says what the container and its streams are, and `ffmpeg` copies the streams we
keep into a new file of the same container without re-encoding: the first sound stream and,
for a video, the first picture stream that is not a cover. Tags, chapters, covers, other
streams (subtitles, data tracks such as GPS logs) are left behind. Every run of either tool
is `sandbox.run_tool`'s: limited in time, memory, output and network like any reader.

The tools only ever open our own copy (`file:` in the workspace, `-protocol_whitelist
file`) with the demuxers of the formats we accept (`-format_whitelist`): a playlist (HLS,
concat) that points at other files or addresses is never followed, and the MOV demuxer's
external data references stay off (its `enable_drefs` default). The cleaned copy is
probed again, and refused if any tag remains but the few harmless ones the muxers write
(`HARMLESS`); its facts (duration, channels, bit rate, size in pixels) are read from it.
"""

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resguardo.ingest import sandbox
from resguardo.ingest.base import Refused, accepted

# The first bytes of the containers we take, and of playlists (refused with a reason).
_ISO_AT_4 = b"ftyp"
_SIGNATURES = (b"ID3", b"OggS", b"fLaC", b"#!AMR", b"\x1a\x45\xdf\xa3")
_PLAYLISTS = (b"#EXTM3U", b"ffconcat", b"[playlist]", b"<?xml version=\"1.0\"?>\n<smil")

# ffmpeg's demuxers for the formats we accept (names as `ffmpeg -formats` gives them).
DEMUXERS = "mp3,aac,ogg,flac,wav,amr,mov,matroska"

# What a recording may hold, per format: its container as ffprobe names it, the muxer that
# writes the cleaned copy, and the codecs of its sound and picture.
_ISO_VIDEO = {"h264", "hevc", "mpeg4"}


@dataclass(frozen=True)
class Kind:
    muxer: str
    audio: frozenset[str]
    video: frozenset[str] = frozenset()
    flags: tuple[str, ...] = ()


_FASTSTART = ("-movflags", "+faststart")  # the index first: a player starts before the end
KINDS: dict[str, Kind] = {
    "mp3": Kind("mp3", frozenset({"mp3"}), flags=("-id3v2_version", "0", "-write_xing", "1")),
    "aac": Kind("adts", frozenset({"aac"})),
    "m4a": Kind("ipod", frozenset({"aac"}), flags=_FASTSTART),
    "ogg": Kind("ogg", frozenset({"vorbis"})),
    "opus": Kind("opus", frozenset({"opus"})),
    "flac": Kind("flac", frozenset({"flac"})),
    "wav": Kind("wav", frozenset({"pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_u8",
                                  "pcm_f32le", "pcm_alaw", "pcm_mulaw"})),
    "amr": Kind("amr", frozenset({"amr_nb", "amr_wb"})),
    "3gp": Kind("3gp", frozenset({"amr_nb", "amr_wb", "aac"}),
                frozenset({"h263", "mpeg4", "h264"}), _FASTSTART),
    "mp4": Kind("mp4", frozenset({"aac", "mp3"}), frozenset(_ISO_VIDEO), _FASTSTART),
    "mov": Kind("mov", frozenset({"aac", "alac", "pcm_s16le", "pcm_s16be", "pcm_s24le"}),
                frozenset(_ISO_VIDEO), _FASTSTART),
    "webm": Kind("webm", frozenset({"vorbis", "opus"}), frozenset({"vp8", "vp9", "av1"})),
}

# Tags the muxers write themselves, which say nothing of who made the recording, or where:
# the ISO brands, a stream's language and handler (ffmpeg's own names), Matroska's stream
# durations and its muxer's name without a version (the copy is written bit-exact).
HARMLESS = {"major_brand": None, "minor_version": None, "compatible_brands": None,
            "language": None, "duration": None,
            "handler_name": {"SoundHandler", "VideoHandler"},
            "vendor_id": {"[0][0][0][0]", "FFMP"}, "encoder": {"Lavf"}}

# Beyond these, the light versions' work (decoding every picture) is refused: 8K, as the
# largest phones record.
MAX_PIXELS = 7680 * 4320
# A recording holds at least this many bytes per second of what it declares (Opus and AMR,
# the leanest codecs we take, need several times more): fewer is a header that lies.
MIN_BYTES_PER_SECOND = 64
# The cleaned copy may be this much shorter than the original says (rounding, a last
# frame) before we call the original truncated.
SHORTER_BY = 0.1


def is_recording(path: Path) -> bool:
    """Whether the file begins like a recording (or a playlist): `read()` decides."""
    with path.open("rb") as file:
        head = file.read(64)
    return (head.startswith(_SIGNATURES + _PLAYLISTS) or head[4:8] == _ISO_AT_4
            or (head.startswith(b"RIFF") and head[8:12] == b"WAVE")
            or _mpeg_audio(head))


def _mpeg_audio(head: bytes) -> bool:
    """An MPEG audio layer III frame (MP3) or an ADTS header (AAC): the sync bits, then a
    valid layer, bit rate and sample rate; ffprobe confirms. (A UTF-16 text's byte order
    mark, FF FE, would pass for a layer I frame: layer I is not taken.)"""
    if len(head) < 4 or head[0] != 0xFF:
        return False
    if head[1] & 0xF6 == 0xF0:  # ADTS: 12 sync bits, layer 00
        return True
    return (head[1] & 0xE6 == 0xE2 and head[1] & 0x18 != 0x08  # sync, layer III, a version
            and head[2] & 0xF0 != 0xF0 and head[2] & 0x0C != 0x0C)


@dataclass
class Recording:
    """A recording read and cleaned: what `services.read()` makes its `Ingested` from."""

    format: str
    facts: dict[str, Any]  # {"kind", "duration", "channels", "bit_rate", "codec", …}
    title: str = ""
    author: str = ""
    date: str = ""
    removed: list[str] = field(default_factory=list)


class _Clock:
    """The ingest time limit, shared by every tool a recording runs."""

    def __init__(self) -> None:
        self.bounds = sandbox.Bounds.from_settings()
        self.ends = time.monotonic() + self.bounds.seconds

    def left(self) -> sandbox.Bounds:
        seconds = math.ceil(self.ends - time.monotonic())
        if seconds <= 0:
            raise Refused(_("Reading this file took too long, so it was stopped."), "timeout")
        return sandbox.Bounds(seconds, self.bounds.memory, self.bounds.output)


def read(source: Path, target: Path, folder: Path) -> Recording:
    """Probe `source`, write its cleaned copy to `target` (both in `folder`), probe that
    copy; raise Refused for what we do not take or cannot clean."""
    clock = _Clock()
    with source.open("rb") as file:
        if file.read(64).startswith(_PLAYLISTS):
            raise _playlist()
    probe = _probe(source, folder, clock)
    format, kind = _format(probe)
    streams = _chosen(probe, kind)
    _check_size(probe, source.stat().st_size, streams)
    _clean(source, target, folder, clock, kind, streams)
    cleaned = _probe(target, folder, clock)
    _check_cleaned(cleaned, _declared_duration(probe))
    # Ogg keeps its tags on the stream, the others on the file.
    tags = {**next((_tags(s) for s in _real(probe, "audio")), {}), **_tags(probe["format"])}
    return Recording(format=format, facts=facts(cleaned), title=tags.get("title", "")[:500],
                     author=_first(tags, "artist", "album_artist", "author", "composer"),
                     date=_first(tags, "date", "creation_time", "year")[:40],
                     removed=removed(probe, streams))


def _run(argv: list[str], folder: Path, clock: _Clock) -> str:
    try:
        return sandbox.run_tool(argv, folder, bounds=clock.left())
    except FileNotFoundError as absent:  # an install without Debian's ffmpeg package
        raise Refused(_("This library cannot take recordings yet: its server lacks ffmpeg. "
                        "Tell its editors."), "unavailable") from absent
    except sandbox.ToolFailed as failed:
        if "max pixel count" in str(failed):  # the decoders' own guard (-max_pixels)
            raise _too_many_pixels() from failed
        raise Refused(_("This recording could not be read. It may be damaged or cut short "
                        "(%(detail)s).") % {"detail": _last_line(str(failed))},
                      "damaged") from failed


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][-200:] if lines else "?"


def _probe(path: Path, folder: Path, clock: _Clock) -> dict[str, Any]:
    out = _run(["ffprobe", "-v", "error", "-protocol_whitelist", "file", "-format_whitelist",
                DEMUXERS, "-max_pixels", str(MAX_PIXELS), "-of", "json", "-show_format",
                "-show_streams", "-show_chapters", f"file:{path.name}"], folder, clock)
    try:
        probe = json.loads(out)
    except ValueError:
        probe = None
    if not isinstance(probe, dict) or not isinstance(probe.get("format"), dict):
        raise Refused(_("This recording could not be read. It may be damaged."), "damaged")
    probe.setdefault("streams", [])
    probe.setdefault("chapters", [])
    return probe


def _format(probe: dict[str, Any]) -> tuple[str, Kind]:
    container = str(probe["format"].get("format_name", ""))
    audio = next((s.get("codec_name") for s in _real(probe, "audio")), None)
    video = next((s.get("codec_name") for s in _real(probe, "video")), None)
    format = _container_format(container, probe, video is not None)
    kind = KINDS.get(format or "")
    if kind is None or (audio, video) == (None, None) or (
            audio is not None and audio not in kind.audio) or (
            video is not None and video not in kind.video):
        raise _not_accepted(container, [audio, video])
    return format, kind  # type: ignore[return-value]


def _container_format(container: str, probe: dict[str, Any], video: bool) -> str | None:
    if container.startswith("mov,"):
        brand = str(_tags(probe["format"]).get("major_brand", "")).strip()
        if brand == "qt":
            return "mov"
        if brand.startswith("3g"):
            return "3gp"
        return "mp4" if video else "m4a"
    if container.startswith("matroska"):
        return "webm"
    if container == "ogg":
        audio = _real(probe, "audio")
        return "opus" if audio and audio[0].get("codec_name") == "opus" else "ogg"
    return {"mp3": "mp3", "aac": "aac", "flac": "flac", "wav": "wav",
            "amr": "amr"}.get(container)


def _real(probe: dict[str, Any], codec_type: str) -> list[dict[str, Any]]:
    """The streams of a type that are not a cover picture."""
    return [s for s in probe["streams"] if s.get("codec_type") == codec_type
            and not (s.get("disposition") or {}).get("attached_pic")]


def _chosen(probe: dict[str, Any], kind: Kind) -> list[dict[str, Any]]:
    return _real(probe, "video")[:1] + _real(probe, "audio")[:1] if kind.video else \
        _real(probe, "audio")[:1]


def _declared_duration(probe: dict[str, Any]) -> float:
    try:
        return float(probe["format"].get("duration") or 0)
    except ValueError:
        return 0.0


def _check_size(probe: dict[str, Any], size: int, streams: list[dict[str, Any]]) -> None:
    seconds = _declared_duration(probe)
    _check_length(seconds)
    if seconds * MIN_BYTES_PER_SECOND > size:
        raise _cut_short()
    for stream in streams:
        if int(stream.get("width") or 0) * int(stream.get("height") or 0) > MAX_PIXELS:
            raise _too_many_pixels()


def _too_many_pixels() -> Refused:
    return Refused(_("This video's pictures are larger than the library takes (at most "
                     "8K, 7680×4320 pixels)."), "pixels")


def _check_length(seconds: float) -> None:
    if seconds > settings.MEDIA_MAX_MINUTES * 60:
        raise Refused(ngettext(
            "This recording is longer than the %(minutes)d minute the library takes.",
            "This recording is longer than the %(minutes)d minutes the library takes.",
            settings.MEDIA_MAX_MINUTES) % {"minutes": settings.MEDIA_MAX_MINUTES},
            "too-long")


def _cut_short() -> Refused:
    return Refused(_("This recording says it lasts longer than what it holds: it may be cut "
                     "short or damaged."), "truncated")


def _clean(source: Path, target: Path, folder: Path, clock: _Clock, kind: Kind,
           streams: list[dict[str, Any]]) -> None:
    maps = [arg for s in streams for arg in ("-map", f"0:{s['index']}")]
    _run(["ffmpeg", "-v", "error", "-nostdin", "-xerror", "-protocol_whitelist", "file",
          "-format_whitelist", DEMUXERS, "-i", f"file:{source.name}", *maps, "-c", "copy",
          "-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact",
          "-flags", "+bitexact", *kind.flags, "-f", kind.muxer, "-y",
          f"file:{target.name}"], folder, clock)


def _check_cleaned(probe: dict[str, Any], declared: float) -> None:
    left = [f"{key}={value}" for part in [probe["format"], *probe["streams"]]
            for key, value in _tags(part).items() if not _harmless(key, value)]
    if left or probe["chapters"]:
        raise Refused(_("This recording could not be cleaned: %(what)s would remain in the "
                        "copy.") % {"what": ", ".join(left) or _("chapters")}, "uncleaned")
    duration = _declared_duration(probe)  # a stream (a browser's WebM) may declare none
    _check_length(duration)
    if duration <= 0 or declared > duration * (1 + SHORTER_BY) + 1:
        raise _cut_short()


def _harmless(key: str, value: str) -> bool:
    if key not in HARMLESS:
        return False
    allowed = HARMLESS[key]
    return allowed is None or value in allowed


def _tags(part: dict[str, Any]) -> dict[str, str]:
    tags = part.get("tags") or {}
    return {str(k).lower(): str(v) for k, v in tags.items()} if isinstance(tags, dict) else {}


def _first(tags: dict[str, str], *keys: str) -> str:
    return next((tags[key].strip() for key in keys if tags.get(key, "").strip()), "")[:500]


def facts(probe: dict[str, Any]) -> dict[str, Any]:
    """What a reader learns before downloading: {"kind", "duration" (seconds), "channels",
    "bit_rate" (bit/s), "codec", and for a video "width", "height", "video_codec"}."""
    audio, video = _real(probe, "audio")[:1], _real(probe, "video")[:1]
    found: dict[str, Any] = {
        "kind": "video" if video else "audio",
        "duration": round(_declared_duration(probe), 3),
        "channels": int(audio[0].get("channels") or 0) if audio else 0,
        "bit_rate": int(probe["format"].get("bit_rate") or 0),
        "codec": audio[0].get("codec_name", "") if audio else ""}
    if video:
        found |= {"width": int(video[0].get("width") or 0),
                  "height": int(video[0].get("height") or 0),
                  "video_codec": video[0].get("codec_name", "")}
    return found


# Tags by what they tell of a person, in the editor's words; any other is named as it is.
_PLACE = {"location", "location-eng", "com.apple.quicktime.location.iso6709", "©xyz",
          "gps", "xyz"}
_DEVICE = {"model", "make", "com.apple.quicktime.model", "com.apple.quicktime.make",
           "android/manufacturer", "android/model", "device"}
_SOFTWARE = {"encoder", "encoded_by", "software", "com.apple.quicktime.software",
             "handler_name", "vendor_id", "writing_app", "muxing_app"}
_DATES = {"creation_time", "date", "year", "com.apple.quicktime.creationdate",
          "date_recorded", "date_released"}
SHOWN = 80  # characters of a tag's value shown to the editor


def removed(probe: dict[str, Any], kept: list[dict[str, Any]]) -> list[str]:
    """What the original declared that the cleaned copy no longer holds, for the editor."""
    out: list[str] = []
    covers = [s for s in probe["streams"] if (s.get("disposition") or {}).get("attached_pic")]
    for part in [probe["format"], *probe["streams"]]:
        for key, value in _tags(part).items() if part not in covers else ():
            if not _harmless(key, value):
                out.append(_named(key, value))
    if covers:
        out.append(str(ngettext("cover picture", "%(count)d cover pictures", len(covers))
                       % {"count": len(covers)}))
    others = len(probe["streams"]) - len(covers) - len(kept)
    if others > 0:
        out.append(str(ngettext("%(count)d other stream (a sound, subtitles or data)",
                                "%(count)d other streams (sounds, subtitles or data)",
                                others) % {"count": others}))
    out.extend(_chapters(probe["chapters"]))
    return list(dict.fromkeys(item for item in out if item))


def _named(key: str, value: str) -> str:
    if key in _PLACE or key.startswith("location"):
        return str(_("GPS location"))
    if key in _DEVICE:
        return str(_("device: %(value)s") % {"value": value[:SHOWN]})
    if key in _SOFTWARE:
        return str(_("encoder"))
    if key in _DATES:
        return str(_("creation date"))
    return f"{key}: {value[:SHOWN]}"


def _chapters(chapters: list[dict[str, Any]]) -> list[str]:
    if not chapters:
        return []
    named = sum(1 for chapter in chapters if _tags(chapter).get("title"))
    if named:
        return [str(ngettext("%(count)d named chapter", "%(count)d named chapters", named)
                    % {"count": named})]
    return [str(ngettext("%(count)d chapter", "%(count)d chapters", len(chapters))
                % {"count": len(chapters)})]


def _playlist() -> Refused:
    return Refused(_("This is a playlist, which points at other files: send the recording "
                     "itself. Accepted formats are: %(list)s.") % {"list": accepted()},
                   "playlist")


def _not_accepted(container: str, codecs: list[Any]) -> Refused:
    found = ", ".join(filter(None, [container, *codecs])) or "?"
    return Refused(_("We do not take this kind of recording (%(found)s); accepted formats "
                     "are: %(list)s.") % {"found": found, "list": accepted()}, "format")
