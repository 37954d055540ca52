"""Background jobs are never lost to a killed worker: a job whose worker is no longer heard
of goes back to the queue and is done by the next worker, from the start (issue 15)."""

import datetime
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from resguardo.catalogue import light
from resguardo.jobs.models import Worker
from resguardo.jobs.worker import beat, recover
from resguardo.tests import served

if not shutil.which("ffmpeg") and os.environ.get("CI") != "true":
    pytest.skip("ffmpeg is not installed", allow_module_level=True)


def _claimed_by(worker_id: str) -> DBTaskResult:
    result = light.make_light_versions.enqueue(1, "0" * 64)
    job = DBTaskResult.objects.get(pk=result.id)
    job.claim(worker_id)
    return job


@pytest.mark.django_db
def test_a_job_whose_worker_is_silent_goes_back_to_the_queue(settings) -> None:
    settings.WORKER_STALE_SECONDS = 30
    now = timezone.now()
    beat("alive", now=now)
    beat("silent", now=now - datetime.timedelta(seconds=31))
    kept, given_back = _claimed_by("alive"), _claimed_by("silent")
    never_heard_of = _claimed_by("gone")
    assert recover(now=now) == 2
    kept.refresh_from_db(), given_back.refresh_from_db(), never_heard_of.refresh_from_db()
    assert kept.status == TaskResultStatus.RUNNING
    assert given_back.status == never_heard_of.status == TaskResultStatus.READY
    assert given_back.started_at is None
    beat("ancient", now=now - datetime.timedelta(days=2))
    recover(now=now)
    assert not Worker.objects.filter(worker_id="ancient").exists()


def prepare(folder: str) -> None:
    """Run inside `resguardo shell` against the served database: a published resource with
    an 8-minute recording attached, as ingestion attaches one (its job enqueued)."""
    from resguardo.catalogue.tests.recordings import make_recording, with_recording

    path = Path(folder) / "long.mp3"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                    "anoisesrc=duration=480:color=pink:amplitude=0.2", "-c:a", "libmp3lame",
                    "-b:a", "64k", "-y", str(path)], check=True)
    assert make_recording  # the short ones are made the same way
    with_recording(path)


def _wait_for(db: served.Database, status: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if [row[0] for row in db.rows("SELECT status FROM django_tasks_database_dbtaskresult")] \
                == [status]:
            return
        time.sleep(0.2)
    found = db.rows("SELECT status, traceback FROM django_tasks_database_dbtaskresult")
    raise AssertionError(f"the job is not {status}: {found}")


def _transcoders(data: Path) -> list[int]:
    """The ffmpeg processes working in `data` (its scratch folder)."""
    found = subprocess.run(["pgrep", "-f", f"ffmpeg .*{data}"], capture_output=True,
                           text=True).stdout
    return [int(pid) for pid in found.split()]


def test_a_worker_killed_mid_job_leaves_nothing_half_made_and_the_next_one_does_it() -> None:
    with served.short_folder() as data, served.database(data) as db:
        env = served.environment(data, db, WORKER_STALE_SECONDS="1")
        subprocess.run([served.RESGUARDO, "shell", "-c",
                        f"from resguardo.jobs.tests.test_worker import prepare; "
                        f"prepare({str(data)!r})"], env=env, check=True)
        first = subprocess.Popen([served.RESGUARDO, "worker"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        try:
            _wait_for(db, TaskResultStatus.RUNNING, 60)
            deadline = time.monotonic() + 30
            while not _transcoders(data) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _transcoders(data), "ffmpeg never started"
            time.sleep(0.5)
        finally:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
        time.sleep(0.5)
        assert _transcoders(data) == []  # the transcoder died with its worker
        assert db.rows("SELECT COUNT(*) FROM catalogue_lightversion") == [(0,)]
        files = {p.relative_to(data) for p in (data / "files").rglob("*") if p.is_file()}

        second = subprocess.run([served.RESGUARDO, "worker", "--batch"], env=env,
                                capture_output=True, timeout=600)
        assert second.returncode == 0, second.stdout[-2000:]
        _wait_for(db, TaskResultStatus.SUCCESSFUL, 5)
        (workers,) = db.rows("SELECT worker_ids FROM django_tasks_database_dbtaskresult")[0]
        assert len(str(workers).split(",")) == 2  # taken by the killed one, then the next
        (name, size), = db.rows("SELECT file, size FROM catalogue_lightversion")
        assert (data / "files" / name).stat().st_size == size
        now = {p.relative_to(data) for p in (data / "files").rglob("*") if p.is_file()}
        assert now - files == {Path("files") / name}  # nothing else written
