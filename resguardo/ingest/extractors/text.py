"""Plain text and Markdown: the decoded text as it is (Markdown stays Markdown, the markup the
reading view understands)."""

import re
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resguardo.ingest import sniff
from resguardo.ingest.base import Extraction, Limits, Refused

_ATX_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def read_text(path: Path, limits: Limits) -> tuple[str, list[str]]:
    """The file's text, cut at `limits.max_text` characters (with a note saying so)."""
    # UTF-8 takes at most 4 bytes a character, UTF-16 4 too: more bytes than this is cut
    # anyway. Asked for no more than the file holds: read(n) reserves n bytes at once.
    wanted = min(path.stat().st_size, limits.max_text * 4 + 4)
    with path.open("rb") as file:
        data = file.read(wanted)
        cut = bool(file.read(1))
    text = sniff.decode(data) if not cut else _decode_cut(data)
    if text is None:
        raise Refused(_("The file is not text we can read: it must be UTF-8 (or UTF-16 with a "
                        "byte order mark)."), code="format")
    notes = []
    if cut or len(text) > limits.max_text:
        text = text[: limits.max_text]
        notes.append(cut_note(limits.max_text))
    return text, notes


def cut_note(chars: int) -> str:
    """The note an extraction carries when its text was cut (EPUB's too)."""
    return ngettext("The text was cut at %(chars)s character.",
                    "The text was cut at %(chars)s characters.", chars) % {"chars": chars}


def _decode_cut(data: bytes) -> str | None:
    for trim in range(4):  # the cut may fall inside a character
        if (text := sniff.decode(data[: len(data) - trim])) is not None:
            return text
    return None


def extract_text(path: Path, limits: Limits) -> Extraction:
    text, notes = read_text(path, limits)
    return Extraction("text", text, notes=notes)


def extract_markdown(path: Path, limits: Limits) -> Extraction:
    text, notes = read_text(path, limits)
    found = _ATX_TITLE.search(text[:100_000])
    title = " ".join(found.group(1).split())[:300] if found else ""
    return Extraction("markdown", text, title=title, notes=notes)
