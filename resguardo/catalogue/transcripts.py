"""A recording's transcript, given as plain text, SubRip (SRT) or WebVTT subtitles: read into
the resource's text version (light markup `reading.py` understands: one paragraph a line,
a blank line between) and, for subtitles, clean WebVTT captions for the player.

The format is decided from the content, never the file's name. Cues are parsed by
`webvtt-py` (its tag stripping and timestamp reading are linear in the input); the
captions are written anew from the parsed cues, so nothing of the given file but its
timings and words reaches a reader's browser: no style, region, note, cue setting or tag.
"""

import html
import re
from dataclasses import dataclass
from typing import IO

import webvtt
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from webvtt.errors import MalformedCaptionError, MalformedFileError

from resguardo.ingest.base import Refused

# A 3-hour recording's subtitles are about 200 KB: 5 MB is room for any real one, and keeps
# a hostile file from holding a request's worker for long.
MAX_BYTES = 5 * 1024 * 1024
# A paragraph of the text version ends at a change of speaker, after a pause this long…
PAUSE_MS = 3_000
# …or, at the end of a sentence, once it is this long (a screenful on a phone).
PARAGRAPH_CHARS = 600

# As webvtt-py reads them (fields may be short: "0:01.5"), the whole line.
_VTT_TIME = r"(?:\d{1,10}:)?[0-5]?\d:[0-5]?\d\.\d{1,3}"
_VTT_TIMINGS = re.compile(rf"\s*{_VTT_TIME}\s*-->\s*{_VTT_TIME}(?:[ \t].*)?")
_SRT_TIME = r"\d{1,3}:\d{1,2}:\d{1,2}[,.]\d{1,3}"
_SRT_TIMINGS = re.compile(rf"\s*{_SRT_TIME}\s*-->\s*{_SRT_TIME}(?:\s.*)?")
# Control characters other than tab and line ends: never in a text, always in a binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ASS_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # {\an8} and the like, left in SRT by converters
_DIALOGUE_DASH = re.compile(r"^[-–—]\s+")
_SENTENCE_END = re.compile(r"[.!?…»”\"')\]]$")


@dataclass(frozen=True)
class Transcript:
    text: str  # for Resource.full_text
    captions: str = ""  # WebVTT, for Resource.captions; empty for a plain text


@dataclass
class _Cue:
    start: int  # milliseconds
    end: int
    speaker: str
    lines: list[str]


def read(upload: IO[bytes]) -> Transcript:
    """The transcript in `upload`, or Refused with a reason for the person who gave it."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Refused(_("This transcript is larger than %(size)s, the most we take.")
                      % {"size": filesizeformat(MAX_BYTES)}, "too-large")
    text = _decode(data)
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and lines[0].startswith("WEBVTT"):
        return _timed(_vtt(lines))
    if _is_srt(lines):
        return _timed(_srt(lines))
    return _plain(text)


def _decode(data: bytes) -> str:
    if b"\x00" in data:  # UTF-16, or not a text at all
        raise Refused(_("This file is not a transcript: give plain text, SRT or WebVTT "
                        "subtitles, saved as UTF-8."), "format")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(_("This transcript is not saved as UTF-8. Save it again as UTF-8 (text "
                        "editors offer it when saving) and give it again."), "encoding"
                      ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if _CONTROL.search(text):
        raise Refused(_("This file is not a transcript: give plain text, SRT or WebVTT "
                        "subtitles, saved as UTF-8."), "format")
    return text


def _is_srt(lines: list[str]) -> bool:
    """SubRip's first cue: a number, then its timings (or the timings alone, as some
    converters write it)."""
    first = lines[0].strip() if lines else ""
    second = lines[1] if len(lines) > 1 else ""
    return "-->" in first or (first.isdigit() and "-->" in second)


def _broken_timing(line: int, example: str) -> Refused:
    return Refused(_("These subtitles could not be read: the timing on line %(line)s is "
                     "not one we understand (it should read like %(example)s).")
                   % {"line": line, "example": example}, "timing")


def _check_timings(lines: list[str], pattern: re.Pattern[str], example: str) -> None:
    """Every line that has the arrow of a timing is one a parser reads: a cue whose timing
    is broken would otherwise be dropped (or run into the cue before) without a word."""
    for number, line in enumerate(lines, start=1):
        if "-->" in line and not pattern.fullmatch(line):
            raise _broken_timing(number, example)


def _vtt(lines: list[str]) -> list[_Cue]:
    _check_timings(lines, _VTT_TIMINGS, "00:01:02.500 --> 00:01:05.000")
    try:
        parsed = webvtt.WebVTT.from_buffer(lines, format="vtt")
    except (MalformedFileError, MalformedCaptionError):
        raise Refused(_("These subtitles could not be read: the file says it is WebVTT, "
                        "but its cues are not written as WebVTT's are."), "damaged") from None
    return [_cue(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.text,
                 c.voice or "") for c in parsed.captions]


def _srt(lines: list[str]) -> list[_Cue]:
    _check_timings(lines, _SRT_TIMINGS, "00:01:02,500 --> 00:01:05,000")
    if not lines[0].strip().isdigit():  # timings without numbers: number them for the parser
        lines = [f"{n}\n{line}" if "-->" in line else line
                 for n, line in enumerate(lines, start=1)]
        lines = "\n".join(lines).split("\n")
    try:
        parsed = webvtt.WebVTT.from_buffer(lines, format="srt")
    except (MalformedFileError, MalformedCaptionError):
        raise _broken_timing(1, "00:01:02,500 --> 00:01:05,000") from None
    return [_cue(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.text, "")
            for c in parsed.captions]


def _cue(start: int, end: int, text: str, speaker: str) -> _Cue:
    """A cue from its text without tags (webvtt-py's `Caption.text`)."""
    lines = []
    for line in text.split("\n"):
        words = " ".join(html.unescape(_ASS_OVERRIDE.sub("", line)).split())
        if words:
            lines.append(words)
    return _Cue(start, end, " ".join(html.unescape(speaker).split()), lines)


def _timed(cues: list[_Cue]) -> Transcript:
    cues = sorted((c for c in cues if c.lines), key=lambda c: c.start)  # WebVTT's order
    for cue in cues:
        if cue.end < cue.start:
            raise Refused(_("These subtitles could not be read: a cue at %(time)s ends before "
                            "it starts.") % {"time": _time(cue.start)}, "timing")
    text = _paragraphs(cues)
    if not text:
        raise _empty()
    return Transcript(text, _webvtt(cues))


def _paragraphs(cues: list[_Cue]) -> str:
    """The cues' words as paragraphs, without the repeats of rolling captions (each cue
    showing again the line before it)."""
    paragraphs: list[list[str]] = []
    speaker, last_line, last_end, length = None, "", 0, 0
    for cue in cues:
        for line in cue.lines:
            if line == last_line:
                continue
            last_line = line
            turn = _DIALOGUE_DASH.match(line)  # "- Who?" starts another speaker's turn
            words = line[turn.end():] if turn else line
            full = length >= PARAGRAPH_CHARS and (
                _SENTENCE_END.search(paragraphs[-1][-1]) or length >= 4 * PARAGRAPH_CHARS)
            if (not paragraphs or turn or full or cue.speaker != speaker
                    or cue.start - last_end >= PAUSE_MS):
                paragraphs.append([f"{cue.speaker}: {words}" if cue.speaker else words])
                length = 0
            else:
                paragraphs[-1].append(words)
            length += len(words) + 1
            speaker = cue.speaker
        last_end = cue.end
    return "\n\n".join(" ".join(words) for words in paragraphs).strip()


def _time(milliseconds: int) -> str:
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, rest = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{rest:03d}"


def _escaped(text: str) -> str:
    # "&", "<" and ">" are all WebVTT cue text reads as markup; ">" escaped also keeps an
    # arrow ("-->") out of the text.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _webvtt(cues: list[_Cue]) -> str:
    blocks = ["WEBVTT"]
    for cue in cues:
        lines = [_escaped(line) for line in cue.lines]
        if cue.speaker:
            lines[0] = f"{_escaped(cue.speaker)}: {lines[0]}"
        blocks.append("\n".join([f"{_time(cue.start)} --> {_time(cue.end)}", *lines]))
    return "\n\n".join(blocks) + "\n"


def _plain(text: str) -> Transcript:
    lines = [line.rstrip() for line in text.split("\n")]
    found = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not found:
        raise _empty()
    return Transcript(found)


def _empty() -> Refused:
    return Refused(_("This transcript has no text."), "empty")
