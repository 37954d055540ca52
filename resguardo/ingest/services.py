"""Taking a file in: size limit, checksum, duplicates, the sandboxed reading and cleaning,
and storing the cleaned copy under its checksum. Nothing is stored for a refused file, and
no temporary file outlives the call.

Ingestion returns facts (`Ingested`) and never reads or writes a resource: whether the
bytes are already in the library is a question the caller answers (`duplicate_of`), and
the catalogue fills its records from the facts (`catalogue/services.py`).
"""

import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from resguardo.ingest import media, sandbox
from resguardo.ingest.base import FORMATS, Refused, damaged
from resguardo.lib import scratch

CHUNK = 1024 * 1024


@dataclass
class Ingested:
    """A file read, cleaned and stored: what an editor's record is filled from."""

    name: str  # storage name of the cleaned copy: resources/ab/<sha256>.<ext>
    format: str
    size: int  # of the cleaned copy
    sha256: str  # of the cleaned copy
    source_sha256: str  # of the file as it came
    text: str
    pages: int | None
    title: str = ""
    author: str = ""
    date: str = ""
    language: str = ""
    has_text_layer: bool = True
    removed: list[str] = field(default_factory=list)  # identifying metadata taken out
    cleaned: Path | None = None  # the cleaned copy in a workspace, until it is stored
    media: dict[str, object] | None = None  # a recording's `media.facts()`; None: a document

    @property
    def facts(self) -> dict[str, object]:
        found: dict[str, object] = {"title": self.title, "author": self.author, "date": self.date,
                                     "language": self.language, "format": self.format,
                                     "pages": self.pages, "removed": self.removed}
        return found | {"media": self.media} if self.media is not None else found


# Given the checksum of a file as it came, the title of what already holds those bytes.
DuplicateOf = Callable[[str], str | None]


class Duplicate(Refused):
    def __init__(self, title: str) -> None:
        super().__init__(_("This file is already in the library: “%(title)s”.")
                         % {"title": title}, "duplicate")
        self.title = title


def upload_limit() -> int:
    return int(settings.UPLOAD_LIMIT_MB) * 1024 * 1024


def _too_large() -> Refused:
    return Refused(_("This file is larger than the %(limit)s the library accepts.")
                   % {"limit": filesizeformat(upload_limit())}, "too-large")


def _copy_in(upload: IO[bytes], target: Path) -> str:
    """Copy the upload into our own folder, counting and hashing; refuse past the limit."""
    digest, size, limit = hashlib.sha256(), 0, upload_limit()
    with target.open("wb") as out:
        while chunk := upload.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise _too_large()
            digest.update(chunk)
            out.write(chunk)
    if size == 0:
        raise Refused(_("This file is empty."), "empty")
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def workspace() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(dir=scratch.folder(), prefix="ingest-")


def read(upload: IO[bytes], folder: Path, *, duplicate_of: DuplicateOf | None = None,
         language: str | None = None) -> Ingested:
    """Read and clean an uploaded file inside `folder` (a workspace() of the caller's),
    without storing anything: `store()` does that. Raises Refused; Duplicate when
    `duplicate_of` names what already holds these bytes (asked before the costly reading).
    Without it, duplicates are taken in."""
    if getattr(upload, "too_large", False):  # stopped at the limit by web/uploads.py
        raise _too_large()
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "upload"  # our name: a name from the user is never a path
    digest = _copy_in(upload, source)
    if duplicate_of is not None and (title := duplicate_of(digest)) is not None:
        raise Duplicate(title)
    cleaned = folder / "cleaned"
    if media.is_recording(source):
        return _recording(source, cleaned, folder, digest)
    answer = sandbox.run(source, cleaned, folder, language=language)
    if not cleaned.exists():  # never store what was not cleaned
        raise damaged()
    sha = sha256_of(cleaned)
    return Ingested(
        name=f"resources/{sha[:2]}/{sha}.{FORMATS[answer.format][1]}", format=answer.format,
        size=cleaned.stat().st_size, sha256=sha, source_sha256=digest, text=answer.text,
        pages=answer.pages, title=answer.title, author=answer.author, date=answer.date,
        language=answer.language, has_text_layer=answer.has_text_layer,
        removed=list(answer.removed), cleaned=cleaned)


def _recording(source: Path, cleaned: Path, folder: Path, digest: str) -> Ingested:
    """A recording: probed and remuxed by ffprobe and ffmpeg (`media.py`), not read in
    the Python sandbox. Its text is empty: its transcript is added later, by a person."""
    try:
        recording = media.read(source, cleaned, folder)
    except Refused:
        cleaned.unlink(missing_ok=True)  # the workspace goes too; this spares a big file now
        raise
    sha = sha256_of(cleaned)
    return Ingested(
        name=f"resources/{sha[:2]}/{sha}.{FORMATS[recording.format][1]}",
        format=recording.format, size=cleaned.stat().st_size, sha256=sha,
        source_sha256=digest, text="", pages=None, title=recording.title,
        author=recording.author, date=recording.date, removed=recording.removed,
        cleaned=cleaned, media=recording.facts)


def store(ingested: Ingested) -> None:
    """Put the cleaned copy in storage under its checksum; `ingested.name` becomes the name
    it is stored under (see `store_file`)."""
    assert ingested.cleaned is not None, "store() needs what read() cleaned"
    ingested.name = store_file(ingested.cleaned, ingested.name, ingested.size, move=True)


def store_file(path: Path, name: str, size: int, *, move: bool = False) -> str:
    """Put the file at `path` in storage under `name`, its checksum (once: the same bytes
    are one file whoever sent them), and return the name it is stored under. A file under
    that name of another size is not those bytes: a process killed while writing it left
    it half written (storage writes in place). Then the bytes go in beside it, under the
    name the storage gives: the caller makes the records that named the half-written file
    (an import commits its rows first) name this one. With `move`, a file in a workspace
    of ours may be moved there rather than copied (`_Movable`)."""
    if _whole(name, size):
        return name
    with path.open("rb") as handle:
        saved = default_storage.save(name, _Movable(handle) if move else File(handle))
    if saved != name and _whole(name, size):  # another process stored them meanwhile
        default_storage.delete(saved)
        return name
    return saved


class _Movable(File):  # type: ignore[type-arg]
    """A file in our own workspace, which a storage on the same disk may move into place
    instead of copying it (Django's FileSystemStorage does: a rename, so the stored file
    appears whole at once, and a 100 MB recording is not written a second time). The
    workspace loses it: nothing reads it after it is stored."""

    def temporary_file_path(self) -> str:
        return str(self.name)


def _whole(name: str, size: int) -> bool:
    return default_storage.exists(name) and default_storage.size(name) == size
