"""Taking a file in: size limit, checksum, duplicates, the sandboxed reading and cleaning,
and storing the cleaned copy under its checksum. Nothing is stored for a refused file, and
no temporary file outlives the call.
"""

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue.models import Language, Resource
from resguardo.ingest import sandbox
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

    @property
    def facts(self) -> dict[str, object]:
        return {"title": self.title, "author": self.author, "date": self.date,
                "language": self.language, "format": self.format, "pages": self.pages,
                "removed": self.removed}


class Duplicate(Refused):
    def __init__(self, existing: Resource) -> None:
        super().__init__(_("This file is already in the library: “%(title)s”.")
                         % {"title": existing.title}, "duplicate")
        self.existing = existing


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _already_here(digest: str, exclude: Resource | None) -> Resource | None:
    found = Resource.objects.filter(source_sha256=digest) | Resource.objects.filter(
        file_sha256=digest)
    if exclude is not None and exclude.pk:
        found = found.exclude(pk=exclude.pk)
    return found.order_by("pk").first()


def workspace() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(dir=scratch.folder(), prefix="ingest-")


def read(upload: IO[bytes], folder: Path, *, for_resource: Resource | None = None,
         language: str | None = None, refuse_duplicates: bool = True) -> Ingested:
    """Read and clean an uploaded file inside `folder` (a workspace() of the caller's),
    without storing anything: `store()` does that. Raises Refused (Duplicate names the
    resource that already has these bytes; `for_resource`'s own copy is not one). A
    contributor's proposal takes duplicates in (`refuse_duplicates=False`): naming another
    resource to them could reveal one not published, and editors see duplicates anyway."""
    if getattr(upload, "too_large", False):  # stopped at the limit by web/uploads.py
        raise _too_large()
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "upload"  # our name: a name from the user is never a path
    digest = _copy_in(upload, source)
    if refuse_duplicates and (existing := _already_here(digest, for_resource)):
        raise Duplicate(existing)
    cleaned = folder / "cleaned"
    answer = sandbox.run(source, cleaned, folder, language=language)
    if not cleaned.exists():  # never store what was not cleaned
        raise damaged()
    sha = _sha256(cleaned)
    return Ingested(
        name=f"resources/{sha[:2]}/{sha}.{FORMATS[answer.format][1]}", format=answer.format,
        size=cleaned.stat().st_size, sha256=sha, source_sha256=digest, text=answer.text,
        pages=answer.pages, title=answer.title, author=answer.author, date=answer.date,
        language=answer.language, has_text_layer=answer.has_text_layer,
        removed=list(answer.removed), cleaned=cleaned)


def store(ingested: Ingested) -> None:
    """Put the cleaned copy in storage under its checksum (once: the same bytes are one
    file whoever sent them). A file under that name of another size is not those bytes:
    a process killed while writing it left it half written (storage writes in place).
    Then the bytes go in beside it, under the name the storage gives, and every record
    that named the half-written file (an import commits its rows first) names this one."""
    assert ingested.cleaned is not None, "store() needs what read() cleaned"
    if _whole(ingested):
        return
    with ingested.cleaned.open("rb") as handle:
        saved = default_storage.save(ingested.name, File(handle))
    if saved == ingested.name:
        return
    if _whole(ingested):  # another request stored the same bytes meanwhile
        default_storage.delete(saved)
    else:
        Resource.objects.filter(file=ingested.name).update(file=saved)
        ingested.name = saved


def _whole(ingested: Ingested) -> bool:
    return (default_storage.exists(ingested.name)
            and default_storage.size(ingested.name) == ingested.size)


def ingest(upload: IO[bytes], *, for_resource: Resource | None = None,
           language: str | None = None) -> Ingested:
    """Read, clean and store an uploaded file; no temporary file outlives the call."""
    with workspace() as folder:
        ingested = read(upload, Path(folder), for_resource=for_resource, language=language)
        store(ingested)
    ingested.cleaned = None
    return ingested


def apply(resource: Resource, ingested: Ingested) -> None:
    """Fill the record from what was read. The file's own title, author and date are kept
    as facts offered to the editor, never copied over what the editor wrote; the language
    is set only when the record has none."""
    resource.file.name = ingested.name
    resource.file_format = ingested.format
    resource.file_size = ingested.size
    resource.file_sha256 = ingested.sha256
    resource.source_sha256 = ingested.source_sha256
    resource.page_count = ingested.pages
    resource.full_text = ingested.text
    resource.has_text_layer = ingested.has_text_layer
    resource.file_facts = ingested.facts
    resource.extracted_at = timezone.now()
    if not resource.year and ingested.date[:4].isdigit():
        resource.year = int(ingested.date[:4])


def set_language_if_missing(resource: Resource, ingested: Ingested) -> None:
    """After the resource is saved (languages are a many-to-many)."""
    if ingested.language and not resource.languages.exists():
        language = Language.objects.filter(code=ingested.language).first()
        if language:
            resource.languages.add(language)


def reread(resource: Resource) -> Ingested:
    """Read the resource's stored copy again (after the extractors improved), keeping the
    checksum of the file as it was first uploaded."""
    with default_storage.open(str(resource.file.name), "rb") as stored:
        ingested = ingest(stored, for_resource=resource)
    ingested.source_sha256 = resource.source_sha256 or ingested.source_sha256
    return ingested
