"""The workers that run background jobs, as each last said it was alive.

django-tasks' database backend marks a job RUNNING when a worker takes it, and nothing
brings it back if that worker dies (`kill -9`, a machine lost): `jobs.worker` does, for a
job whose worker has not been heard of for `WORKER_STALE_SECONDS`, on any server."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Worker(models.Model):
    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    seen_at = models.DateTimeField(_("last heard of"), db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return self.worker_id
