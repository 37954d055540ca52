"""Running background jobs on any number of servers, none lost to a killed worker.

django-tasks' database backend hands each job to one worker (a row lock on PostgreSQL, an
exclusive transaction on SQLite) and marks it RUNNING; nothing brings a job back if its
worker dies mid-way. Here each worker says it is alive every few seconds (`Worker.seen_at`)
and, at the same time, gives back to the queue every RUNNING job whose worker has not been
heard of for `WORKER_STALE_SECONDS`: killed, or on a machine that is gone. The job is then
done again from the start by whichever worker takes it; jobs are written so that doing one
twice is harmless (`catalogue/light.py`).
"""

import datetime
import threading

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from resguardo.jobs.models import Worker


def beat(worker_id: str, *, now: datetime.datetime | None = None) -> None:
    """Say that `worker_id` is alive."""
    Worker.objects.update_or_create(worker_id=worker_id,
                                    defaults={"seen_at": now or timezone.now()})


def recover(*, now: datetime.datetime | None = None) -> int:
    """Give back to the queue the jobs whose worker is no longer heard of; forget the
    workers long silent. Returns how many jobs were given back."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    alive = set(Worker.objects.filter(seen_at__gte=stale).values_list("worker_id", flat=True))
    given_back = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for job in running:
            if job.worker_ids and job.worker_ids[-1] in alive:
                continue
            job.status = TaskResultStatus.READY
            job.started_at = None
            job.save(update_fields=["status", "started_at"])
            given_back += 1
    Worker.objects.filter(seen_at__lt=now - datetime.timedelta(days=1)).delete()
    return given_back


class Heart(threading.Thread):
    """Beats for `worker_id` (and recovers others' jobs) until stopped; its own database
    connection, as every thread has in Django."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="jobs-heart", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(settings.WORKER_STALE_SECONDS / 3, 0.2)
        while not self.stopped.is_set():
            close_old_connections()
            try:
                beat(self.worker_id)
                recover()
            except Exception:  # noqa: BLE001 - a database busy now is tried again next beat
                pass
            self.stopped.wait(interval)

    def stop(self) -> None:
        self.stopped.set()
