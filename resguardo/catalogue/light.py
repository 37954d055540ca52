"""The light versions of a recording: asked for when its file is attached, made by the
background worker (`resguardo worker`, started by `resguardo serve`), never in a request.

The job is written in the same transaction as the resource that needs it, so a recording
acknowledged to its sender always has its job. The job names the stored file it works from
(its checksum): a job for a file since replaced does nothing. What it makes is written in
a scratch folder, then stored whole under its own checksum, then recorded: a worker
killed at any point leaves no record of a half-made file, and the job is done again (see
`jobs.worker`). What a resource's page says of it comes from `state()`.
"""

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from resguardo.catalogue.models import LightVersion, Resource
from resguardo.ingest import services as ingestion
from resguardo.ingest import transcode
from resguardo.ingest.sandbox import Bounds
from resguardo.jobs.labels import LABELS, reason

CHUNK = 1024 * 1024
READY, PREPARING, FAILED, NONE = "ready", "preparing", "failed", ""


def wanted(resource: Resource) -> list[str]:
    """The kinds of light version a resource's file should have: none for a document."""
    kind = resource.recording.get("kind")
    if kind == "audio":
        return [LightVersion.Kind.AUDIO]
    if kind == "video":
        return ([LightVersion.Kind.VIDEO, LightVersion.Kind.AUDIO]
                if resource.recording.get("codec") or resource.recording.get("channels")
                else [LightVersion.Kind.VIDEO])
    return []


def request(resource: Resource) -> None:
    """Ask the worker for the light versions a saved resource's file lacks (within the
    caller's transaction), unless a job for that file is waiting or running."""
    if not resource.file_sha256 or state(resource) in (NONE, READY):
        return
    if _jobs(resource).filter(status__in=[TaskResultStatus.READY,
                                          TaskResultStatus.RUNNING]).exists():
        return  # one is on its way (a failed or finished one is tried again: reading the
        #         file again asks anew)
    make_light_versions.enqueue(resource.pk, resource.file_sha256)


def state(resource: Resource, made: list[LightVersion] | None = None) -> str:
    """READY when every light version its file should have is made (`made`: its
    `versions()`, if the caller has them); PREPARING while the job waits or runs; FAILED
    when it failed (editors see why); NONE for a document."""
    if not wanted(resource):
        return NONE
    if set(wanted(resource)) <= {v.kind for v in (versions(resource) if made is None
                                                   else made)}:
        return READY
    latest = _jobs(resource).order_by("-enqueued_at").only("status").first()
    return FAILED if latest is not None and latest.status == TaskResultStatus.FAILED \
        else PREPARING


def failure(resource: Resource) -> str:
    """The last line of the latest failed job's reason, for editors."""
    job = (_jobs(resource).filter(status=TaskResultStatus.FAILED).order_by("-enqueued_at")
           .only("traceback").first())
    return reason(job.traceback) if job else ""


def versions(resource: Resource) -> list[LightVersion]:
    """The light versions made from the resource's current file, lightest first."""
    return list(resource.light_versions.filter(made_from=resource.file_sha256)) \
        if resource.file_sha256 else []


def _label(args: list[Any]) -> str:
    title = Resource.objects.filter(pk=args[0]).values_list("title", flat=True).first() \
        if args else None
    return _("Light versions of “%(title)s”") % {"title": title or "—"}


@task()
def make_light_versions(resource_id: int, made_from: str) -> list[str]:
    """The job: make each light version the resource's file lacks; return their kinds."""
    resource = Resource.objects.filter(pk=resource_id, file_sha256=made_from).first()
    if resource is None:
        return []  # deleted, or given another file: that file has a job of its own
    bounds = Bounds(settings.JOB_TIMEOUT, settings.INGEST_MEMORY_MB * 2**20,
                    settings.INGEST_OUTPUT_MB * 2**20)
    have = {v.kind for v in versions(resource)}
    made = []
    with ingestion.workspace() as name:
        folder = Path(name)
        source = folder / "source"
        with default_storage.open(str(resource.file.name), "rb") as stored, \
                source.open("wb") as copy:
            shutil.copyfileobj(stored, copy, CHUNK)
        for kind in wanted(resource):
            if kind in have:
                continue
            if kind == LightVersion.Kind.AUDIO:
                result = transcode.light_audio(source, resource.file_format, folder,
                                               bounds=bounds)
            else:
                result = transcode.small_video(
                    source, resource.file_format, folder, bounds=bounds,
                    with_sound=LightVersion.Kind.AUDIO in wanted(resource))
            _record(resource, kind, result)
            made.append(kind)
    return made


def _record(resource: Resource, kind: str, made: transcode.Made) -> None:
    sha = ingestion.sha256_of(made.path)
    size = made.path.stat().st_size
    stored = ingestion.store_file(made.path, f"light/{sha[:2]}/{sha}.{made.format}", size,
                                  move=True)
    with transaction.atomic():
        # The file may have been replaced while this one was made: then it is not kept.
        current = (Resource.objects.select_for_update().filter(pk=resource.pk)
                   .values_list("file_sha256", flat=True).first())
        if current != resource.file_sha256:
            return
        LightVersion.objects.filter(resource=resource, kind=kind).delete()
        LightVersion.objects.create(
            resource=resource, kind=kind, file=stored, format=made.format,
            size=size, sha256=sha, made_from=resource.file_sha256,
            bit_rate=made.bit_rate, width=made.width, height=made.height)


LABELS[make_light_versions.module_path] = _label


def _jobs(resource: Resource):  # type: ignore[no-untyped-def]
    return DBTaskResult.objects.filter(
        task_path=make_light_versions.module_path,
        args_kwargs__args=[resource.pk, resource.file_sha256])
