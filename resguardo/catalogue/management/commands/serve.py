import os
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from gunicorn.app.base import BaseApplication

from resguardo.lib.commands import TranslatedCommand
from resguardo.lib.env import env_int, env_str
from resguardo.search.services import mark_changed


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from resguardo.wsgi import application

        return application


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Serve Resguardo with gunicorn (a production WSGI server). No access log is kept.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env_str("HOST", "127.0.0.1"),
                            help=_("The address to listen on (HOST)."))
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000, minimum=1),
                            help=_("The port to listen on (PORT)."))
        parser.add_argument("--workers", type=int,
                            default=env_int("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1,
                                            minimum=1),
                            help=_("How many processes answer requests (WEB_CONCURRENCY)."))

    def handle(self, *args: object, **options: Any) -> None:
        host = options["host"]
        bind = f"[{host}]:{options['port']}" if ":" in host else f"{host}:{options['port']}"
        self.stdout.write(_("Resguardo is at %(address)s") % {"address": f"http://{bind}/"})
        # The pages speak each reader's language, never the terminal's.
        translation.deactivate()
        # Pages kept by an earlier release (its templates, stylesheet, translations) must
        # not outlive it: a new version of the catalogue forgets them.
        mark_changed()
        _Server({
            "bind": bind,
            "workers": options["workers"],
            "accesslog": None,  # never log client addresses or user agents
            # A worker reading an upload waits for the sandbox (INGEST_TIMEOUT): never kill
            # it first.
            "timeout": settings.INGEST_TIMEOUT + 30,
            "control_socket_disable": True,  # nothing written outside the data folder
        }).run()
