"""The light versions of a recording, made with ffmpeg in the sandbox's limits: what a
reader on a 2G link can afford.

- Light audio: speech-grade Opus, mono, 16 kbit/s in Ogg (a 30-minute training is 3.6 MB
  instead of 29 MB as a 128 kbit/s MP3); 60 ms frames, which cost the least overhead at
  low rates.
- Small video: H.264 (baseline profile, which every phone decodes) at most 240 pixels on
  its short side, 12 frames a second, with its sound as mono AAC at 32 kbit/s, in MP4
  with the index first, so it plays while it downloads.

Both carry no metadata of the original (the stored copy has none already: this is so
ffmpeg adds none either), and are written in `folder` only: the caller stores them.
"""

from dataclasses import dataclass
from pathlib import Path

from resguardo.ingest.sandbox import Bounds, run_tool

# The container each stored format is read as (ffmpeg demuxer names): the input is never
# guessed, so a stored file cannot lead ffmpeg to another demuxer (a playlist, say).
DEMUXERS = {
    "mp3": "mp3", "aac": "aac", "m4a": "mov", "mp4": "mov", "mov": "mov", "3gp": "mov",
    "ogg": "ogg", "opus": "ogg", "flac": "flac", "wav": "wav", "amr": "amr",
    "webm": "matroska",
}
AUDIO_BITS = 16_000
VIDEO_SHORT_SIDE = 240
VIDEO_FPS = 12
VIDEO_AUDIO_BITS = 32_000
_CLEAN_OUTPUT = ["-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact",
                 "-flags:v", "+bitexact", "-flags:a", "+bitexact"]


@dataclass(frozen=True)
class Made:
    path: Path
    format: str  # a file extension: "opus", "mp4"
    bit_rate: int | None = None
    width: int | None = None
    height: int | None = None


def _input(source: Path, format: str) -> list[str]:
    return ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
            "-protocol_whitelist", "file", "-f", DEMUXERS[format], "-i", str(source)]


def light_audio(source: Path, format: str, folder: Path, *, bounds: Bounds) -> Made:
    """The first audio stream of `source` (stored as `format`) as speech-grade Opus."""
    target = folder / "light.opus"
    run_tool([*_input(source, format), "-map", "0:a:0", "-vn", "-sn", "-dn", "-ac", "1",
              "-c:a", "libopus", "-b:a", str(AUDIO_BITS), "-application", "voip",
              "-frame_duration", "60", *_CLEAN_OUTPUT, "-f", "ogg", "-y", str(target)],
             folder, bounds=bounds)
    return Made(target, "opus", bit_rate=AUDIO_BITS)


def small_video(source: Path, format: str, folder: Path, *, with_sound: bool,
                bounds: Bounds) -> Made:
    """The first video stream of `source`, at most 240 pixels on its short side (never
    enlarged), 12 frames a second, with its first audio stream if `with_sound`."""
    target = folder / "small.mp4"
    short = VIDEO_SHORT_SIDE
    scale = (f"scale='if(gte(iw,ih),-2,min({short},iw))':'if(gte(iw,ih),min({short},ih),-2)',"
             f"fps={VIDEO_FPS},format=yuv420p")
    sound = (["-map", "0:a:0", "-c:a", "aac", "-ac", "1", "-b:a", str(VIDEO_AUDIO_BITS)]
             if with_sound else ["-an"])
    run_tool([*_input(source, format), "-map", "0:v:0", "-sn", "-dn", "-vf", scale,
              "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "baseline",
              "-crf", "32", "-maxrate", "200k", "-bufsize", "400k", *sound,
              "-movflags", "+faststart", *_CLEAN_OUTPUT, "-f", "mp4", "-y", str(target)],
             folder, bounds=bounds)
    probe = run_tool(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                      "stream=width,height", "-of", "csv=p=0:s=x", "-f", "mov", str(target)],
                     folder, bounds=bounds).strip()
    width, _x, height = probe.partition("x")
    return Made(target, "mp4", width=int(width) if width.isdigit() else None,
                height=int(height) if height.isdigit() else None)
