"""The editors' list of background jobs: what each is, its state, and why a failed one
failed (in place of django-tasks-db's own list, which speaks only English)."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from resguardo.jobs.labels import LABELS, reason

STATES = {TaskResultStatus.READY: pgettext_lazy("job", "waiting"),
          TaskResultStatus.RUNNING: pgettext_lazy("job", "running"),
          TaskResultStatus.SUCCESSFUL: pgettext_lazy("job", "done"),
          TaskResultStatus.FAILED: pgettext_lazy("job", "failed")}


if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class JobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["what", "state", "enqueued_at", "started_at", "finished_at", "why"]
    list_filter = ["status"]
    ordering = ["-enqueued_at"]
    fields = readonly_fields = ("what", "state", "enqueued_at", "started_at", "finished_at",
                                "why")

    @admin.display(description=_("job"))
    def what(self, job: DBTaskResult) -> str:
        label = LABELS.get(job.task_path)
        return label(job.args_kwargs.get("args") or []) if label else job.task_path

    @admin.display(description=_("state"), ordering="status")
    def state(self, job: DBTaskResult) -> str:
        return str(STATES.get(job.status, job.status))

    @admin.display(description=_("why it failed"))
    def why(self, job: DBTaskResult) -> str:
        return reason(job.traceback) or "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
