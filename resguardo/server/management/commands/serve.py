import os
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resguardo.lib import scratch
from resguardo.lib.commands import TranslatedCommand
from resguardo.lib.env import env_int, env_str
from resguardo.search.services import mark_changed
from resguardo.server import gunicorn_app as server


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Serve Resguardo with gunicorn (a production WSGI server). No access log is kept, "
        "and no log holds a client's address.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env_str("HOST", "127.0.0.1"),
                            help=_("The address to listen on (HOST)."))
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000, minimum=1),
                            help=_("The port to listen on (PORT)."))
        parser.add_argument("--workers", type=int,
                            default=env_int("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1,
                                            minimum=1),
                            help=_("How many processes answer requests (WEB_CONCURRENCY)."))
        parser.add_argument("--wait", type=float, default=settings.INGEST_TIMEOUT + 30,
                            metavar="SECONDS",
                            help=_("How long to wait for a server still stopping on the "
                                   "same data folder before giving up."))

    def handle(self, *args: object, **options: Any) -> None:
        data_dir = Path(settings.DATA_DIR)
        try:
            # Before anything opens the database: see resguardo/server/gunicorn_app.py.
            lock = server.hold_data_folder(data_dir, wait=0)
        except server.AlreadyServing:
            self.stderr.write(_("Waiting for the server still running on %(folder)s to "
                                "stop…") % {"folder": data_dir})
            try:
                lock = server.hold_data_folder(data_dir, wait=options["wait"])
            except server.AlreadyServing:
                raise CommandError(_(
                    "Another Resguardo server is running on the data folder %(folder)s. "
                    "Stop it first, or give this one another DATA_DIR.")
                    % {"folder": data_dir}) from None
        # Held until this process, the workers it forks and the background worker it
        # starts have all ended.
        # What stopped processes left in the scratch folders: uploads as they were sent.
        scratch.clear(now=time.time())
        host = options["host"]
        bind = f"[{host}]:{options['port']}" if ":" in host else f"{host}:{options['port']}"
        self.stdout.write(_("Resguardo is at %(address)s") % {"address": f"http://{bind}/"})
        sys.stdout.flush()
        # The pages speak each reader's language, never the terminal's.
        translation.deactivate()
        # Pages kept by an earlier release (its templates, stylesheet, translations) must
        # not outlive it: a new version of the catalogue forgets them.
        mark_changed()
        server.serve(bind=bind, workers=options["workers"], lock=lock)
