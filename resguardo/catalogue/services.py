"""The resource workflows, written once: creating and changing a resource, taking in and
attaching a file, reading it again, publishing, withdrawing, and linking the versions of a
work. The admin, a contributor's proposal, the CSV import, `resguardo reindex` and the
seed library all come here and say only what they want done. Ingestion returns facts and
never touches a resource; search takes documents (`indexing.py`): both are done to a
resource here.

A resource is written in this order, each step needing the one before:

1. its fields, and those the file read fills (text, pages, checksums; `_apply`, which
   never copies the file's own title, author or date over the editor's);
2. a published resource is given its publication date (one published again keeps it);
3. the record saved, then its many-to-many fields, which need its id;
4. the language the file was read in, only if none was given (after the languages the
   caller set: setting them would take it away again);
5. the search index, in the same transaction: this moves the catalogue's version, so the
   facets are rebuilt and kept pages forgotten at once.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from resguardo.catalogue import indexing, light
from resguardo.catalogue.models import Language, Resource
from resguardo.catalogue.transcripts import Transcript
from resguardo.ingest import services as ingestion
from resguardo.ingest.services import DuplicateOf, Ingested

Fields = Mapping[str, Any]  # model field names; many-to-many ones take a list of objects

MANY_TO_MANY = {field.name for field in Resource._meta.many_to_many}


def create_resource(*, fields: Fields, ingested: Ingested | None = None,
                    index: bool = True) -> Resource:
    """A new resource from `fields`, with the file `ingested` if one was read for it.
    `index=False` leaves the search index to the caller's `index_resources` (an import
    indexes its rows together)."""
    resource = Resource(**{name: value for name, value in fields.items()
                           if name not in MANY_TO_MANY})
    return update_resource(resource=resource, fields=fields, ingested=ingested, index=index)


def update_resource(*, resource: Resource, fields: Fields | None = None,
                    ingested: Ingested | None = None, index: bool = True) -> Resource:
    """Set `fields` on `resource` and save it, with the file `ingested` if one was read
    for it. `resource` may be one not saved yet, as an admin form gives it. `index=False`
    as for `create_resource`."""
    fields = fields or {}
    new = resource.pk is None
    with transaction.atomic(savepoint=False):
        for name, value in fields.items():
            if name not in MANY_TO_MANY:
                setattr(resource, name, value)
        if ingested is not None:
            _apply(resource, ingested)
        if resource.is_published:
            resource.publish()  # dated the first time
        resource.save()
        for name, value in fields.items():
            if name in MANY_TO_MANY:
                getattr(resource, name).set(value)
        if ingested is not None:
            _set_language_if_missing(resource, ingested)
            light.request(resource)  # a recording's light versions, in this transaction
        # A new resource that is not published was never in the index: leaving the index
        # alone keeps the catalogue's version, so a contributor's proposal (which anyone
        # may send) does not make every kept page stale.
        if index and (resource.is_published or not new):
            indexing.index([resource])
    return resource


def attach_file(*, resource: Resource, ingested: Ingested) -> Resource:
    """Attach the file ingestion read (and stored) to `resource`: its text, pages, facts
    and, if it has none, its language; then its entry in the search index."""
    return update_resource(resource=resource, ingested=ingested)


def read_file(upload: IO[bytes], folder: Path, *, for_resource: Resource | None = None,
              language: str | None = None) -> Ingested:
    """Read and clean a file inside `folder` (an `ingest.services.workspace()`) without
    storing it, refusing one the library already holds (`for_resource`'s own copy is not
    a duplicate of itself). A contributor's proposal reads with ingestion's own `read`,
    which takes duplicates in: naming another resource to a contributor could reveal one
    not published, and editors see duplicates anyway."""
    return ingestion.read(upload, folder, duplicate_of=_duplicate_of(for_resource),
                          language=language)


def store_file(ingested: Ingested) -> None:
    """Store the cleaned copy. If storage had to put it beside a half-written file of the
    same name (left by a killed process), every record that named that file names the
    whole one."""
    named = ingested.name
    ingestion.store(ingested)
    if ingested.name != named:
        Resource.objects.filter(file=named).update(file=ingested.name)


def ingest_file(upload: IO[bytes], *, for_resource: Resource | None = None) -> Ingested:
    """Read, clean and store a file for a record about to be saved with it
    (`update_resource(ingested=...)`); no temporary file outlives the call."""
    with ingestion.workspace() as folder:
        ingested = read_file(upload, Path(folder), for_resource=for_resource)
        store_file(ingested)
    ingested.cleaned = None
    return ingested


def reread_file(resource: Resource) -> Resource:
    """Read the resource's stored copy again (after the extractors improved) and attach
    what was read, keeping the checksum of the file as it was first uploaded."""
    with default_storage.open(str(resource.file.name), "rb") as stored:
        ingested = ingest_file(stored, for_resource=resource)
    ingested.source_sha256 = resource.source_sha256 or ingested.source_sha256
    return attach_file(resource=resource, ingested=ingested)


def set_transcript(*, resource: Resource, transcript: Transcript, index: bool = True
                   ) -> Resource:
    """Make `transcript` (read with `transcripts.read`, which refuses before anything is
    written) the resource's text version, and its subtitles' timings its captions: read,
    downloaded as .txt and found in search as a document's text is. `index=False` as for
    `create_resource` (a proposal's draft stays out of the index)."""
    return update_resource(resource=resource, index=index, fields={
        "full_text": transcript.text, "captions": transcript.captions})


def remove_transcript(*, resource: Resource) -> Resource:
    """Take the resource's text version and captions away (search forgets their words)."""
    return update_resource(resource=resource, fields={"full_text": "", "captions": ""})


def index_resources(*, resources: Iterable[Resource]) -> None:
    """Bring the search index up to date with resources written with `index=False`: the
    published ones are found, the others not."""
    indexing.index(resources)


def publish(*, resources: Iterable[Resource]) -> list[Resource]:
    """Publish each resource, in the catalogue and search at once (a first publication is
    dated; one published again keeps its date)."""
    return _set_status(resources, Resource.Status.PUBLISHED)


def withdraw(*, resources: Iterable[Resource]) -> list[Resource]:
    """Take each resource out of the catalogue and search."""
    return _set_status(resources, Resource.Status.WITHDRAWN)


def _set_status(resources: Iterable[Resource], status: str) -> list[Resource]:
    resources = list(resources)
    with transaction.atomic(savepoint=False):
        for resource in resources:
            update_resource(resource=resource, fields={"status": status}, index=False)
        index_resources(resources=resources)  # the catalogue's version moves once for all
    return resources


def link_versions(*, resources: Sequence[Resource]) -> None:
    """Make the resources versions of one work in several languages, the first one's: the
    versions already linked to each come along. The search index does not change: a
    version is found on its own, and only its own page (never a kept one) lists the
    others."""
    with transaction.atomic(savepoint=False):
        for resource in resources[1:]:
            resource.join_work_of(resources[0])
            resource.save()


def _duplicate_of(resource: Resource | None) -> DuplicateOf:
    def title(digest: str) -> str | None:
        found = Resource.objects.filter(source_sha256=digest) | Resource.objects.filter(
            file_sha256=digest)
        if resource is not None and resource.pk:
            found = found.exclude(pk=resource.pk)
        existing = found.order_by("pk").only("title").first()
        return existing.title if existing else None
    return title


def _apply(resource: Resource, ingested: Ingested) -> None:
    """Fill the record from what was read. The file's own title, author and date are kept
    as facts offered to the editor, never copied over what the editor wrote; the language
    is set only when the record has none. A recording's text is its transcript, kept when
    the recording is read again or replaced by another; a document's text is its own (a
    document's text never passes for a transcript, nor a transcript for a document's)."""
    transcript = bool(resource.recording) or not resource.file_sha256
    resource.file.name = ingested.name
    resource.file_format = ingested.format
    resource.file_size = ingested.size
    resource.file_sha256 = ingested.sha256
    resource.source_sha256 = ingested.source_sha256
    resource.page_count = ingested.pages
    if ingested.media is None or not transcript:
        resource.full_text = ingested.text
    if ingested.media is None:
        resource.captions = ""
    resource.has_text_layer = ingested.has_text_layer
    resource.file_facts = ingested.facts
    resource.extracted_at = timezone.now()
    if not resource.year and ingested.date[:4].isdigit():
        resource.year = int(ingested.date[:4])
    seconds = (ingested.media or {}).get("duration")
    if resource.duration is None and isinstance(seconds, int | float) and seconds > 0:
        resource.duration = timedelta(seconds=seconds)


def _set_language_if_missing(resource: Resource, ingested: Ingested) -> None:
    """After the resource is saved (languages are a many-to-many)."""
    if ingested.language and not resource.languages.exists():
        language = Language.objects.filter(code=ingested.language).first()
        if language:
            resource.languages.add(language)
