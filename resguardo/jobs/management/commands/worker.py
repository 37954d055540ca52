from typing import Any

from django.core.management.base import CommandParser
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker as QueueWorker

from resguardo.jobs.worker import Heart, beat, recover
from resguardo.lib.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Run the background jobs (the light versions of recordings). `resguardo serve` "
        "starts one; run more, on any server of the same database, to share the work.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true",
                            help=_("Do the jobs waiting now, then stop."))
        parser.add_argument("--interval", type=float, default=1.0, metavar="SECONDS",
                            help=_("How often to look for a new job when there is none."))

    def handle(self, *args: object, **options: Any) -> None:
        worker_id = get_random_string(32)
        beat(worker_id)
        recover()
        heart = Heart(worker_id)
        heart.start()
        queue = QueueWorker(queue_names=["*"], interval=options["interval"],
                            batch=options["batch"], backend_name=DEFAULT_TASK_BACKEND_ALIAS,
                            startup_delay=False, max_tasks=None, worker_id=worker_id,
                            excluded_queue_names=[])
        queue.configure_signals()
        try:
            queue.run()
        finally:
            heart.stop()
