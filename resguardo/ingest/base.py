"""What every part of ingestion shares: the formats we accept, what an extraction returns,
and the refusal that carries a reason a person can read.

The text an extractor returns is light markup that `catalogue/reading.py` understands:
`#`, `##`, `###` before headings, `- ` before list items (`1. ` for numbered ones), a blank
line between paragraphs, and a form feed (`\\f`) between the pages of a PDF.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Format code -> (name people know, file extension the stored copy gets).
DOCUMENTS: dict[str, tuple[str, str]] = {
    "pdf": ("PDF", "pdf"),
    "docx": ("Word (DOCX)", "docx"),
    "odt": ("OpenDocument text (ODT)", "odt"),
    "epub": ("EPUB", "epub"),
    "html": ("HTML", "html"),
    "markdown": ("Markdown", "md"),
    "text": (_("plain text"), "txt"),  # type: ignore[dict-item]
}
# Recordings (`media.py`): each stored in the container it came in.
RECORDINGS: dict[str, tuple[str, str]] = {
    "mp3": ("MP3", "mp3"),
    "aac": ("AAC", "aac"),
    "m4a": ("AAC/M4A", "m4a"),
    "ogg": ("Ogg Vorbis", "ogg"),
    "opus": ("Opus", "opus"),
    "flac": ("FLAC", "flac"),
    "wav": ("WAV", "wav"),
    "amr": ("AMR", "amr"),
    "3gp": ("3GP", "3gp"),
    "mp4": ("MP4", "mp4"),
    "webm": ("WebM", "webm"),
    "mov": ("MOV", "mov"),
}
FORMATS = DOCUMENTS | RECORDINGS


def accepted() -> str:
    """'documents: PDF, Word (DOCX), …; recordings: MP3, …' for refusal messages."""
    return str(_("documents: %(documents)s; recordings: %(recordings)s") % {
        "documents": ", ".join(str(name) for name, _ext in DOCUMENTS.values()),
        "recordings": ", ".join(name for name, _ext in RECORDINGS.values())})


class Refused(Exception):
    """A file we will not take, with the reason in words for the person who sent it."""

    def __init__(self, reason: str | Promise, code: str) -> None:
        super().__init__(str(reason))
        self.reason = reason
        self.code = code  # stable, for tests and logs: "format", "too-large", "bomb", …


class Damaged(ValueError):
    """A structure a scrubber cannot walk safely (an image, a zip); `scrub()` turns it into
    Refused("damaged"), its words kept as the detail."""


# Refusals given in more than one place, each worded once (the translation catalogues know
# these words: change them there too, or not at all).


def damaged() -> Refused:
    """A file a parser failed on, for a reason we do not put in words."""
    return Refused(_("This file could not be read. It may be damaged."), "damaged")


def out_of_memory() -> Refused:
    return Refused(_("Reading this file needed more memory than allowed. It may be damaged, "
                     "or made to be too hard to read."), "memory")


@dataclass
class Limits:
    """How far extraction may go with one file (the sandbox enforces time and memory)."""

    max_entries: int = 10_000  # files inside an archive (DOCX, ODT, EPUB)
    max_unpacked: int = 512 * 1024 * 1024  # bytes once unpacked, all entries together
    max_ratio: int = 200  # unpacked / packed, per entry: beyond it, a decompression bomb
    max_text: int = 50 * 1024 * 1024  # characters of text returned
    max_pages: int = 5_000


@dataclass
class Extraction:
    format: str
    text: str
    pages: int | None = None
    title: str = ""
    author: str = ""
    date: str = ""  # as found: an ISO date, a year, or empty
    has_text_layer: bool = True  # False: a PDF whose pages carry no text (a scan)
    notes: list[str] = field(default_factory=list)
