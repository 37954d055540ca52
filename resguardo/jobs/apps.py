from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class JobsConfig(AppConfig):
    name = "resguardo.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # django-tasks-db names its model in English only: editors read ours.
        from django_tasks_db.models import DBTaskResult

        DBTaskResult._meta.verbose_name = _("background job")
        DBTaskResult._meta.verbose_name_plural = _("background jobs")


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db's app, named in the editors' language."""

    verbose_name = _("Background jobs")  # type: ignore[assignment]  # lazy, as Django's own
