"""resguardo reindex: read every stored file again and refresh its text, facts and index.

Resumable: an interrupted run leaves a note of when it started in the data folder, and the
next run skips what was already read since then (`--restart` begins again). Failures do not
stop the run; they are listed at the end and the command exits with status 1.
"""

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from resguardo.catalogue.models import Resource
from resguardo.catalogue.services import reread_file
from resguardo.ingest.base import Refused
from resguardo.lib.commands import TranslatedCommand
from resguardo.lib.progress import Bar
from resguardo.search.services import rebuild_kinds


def _state_file() -> Path:
    return Path(settings.DATA_DIR) / "reindex.json"


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Read every stored file again: text, pages, language; then the search index.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--restart", action="store_true",
                            help=_("Begin again instead of resuming an interrupted run."))

    def handle(self, *args: Any, **options: Any) -> None:
        state = _state_file()
        started = timezone.now()
        if state.exists() and not options["restart"]:
            started = datetime.fromisoformat(json.loads(state.read_text())["started"])
            self.stdout.write(_("Resuming the run started %(when)s.")
                              % {"when": started.isoformat(timespec="seconds")})
        state.write_text(json.dumps({"started": started.isoformat()}))
        todo = (Resource.objects.exclude(file="").exclude(extracted_at__gte=started)
                .order_by("pk"))
        failures: list[tuple[Resource, str]] = []
        done = 0
        stream = options.get("stderr") or sys.stderr  # call_command(stderr=...) in tests
        with Bar(_("Reading files"), todo.count(), stream=stream) as bar:
            for resource in todo.iterator(100):
                try:
                    reread_file(resource)
                except (Refused, OSError) as error:
                    reason = str(error.reason) if isinstance(error, Refused) else str(error)
                    failures.append((resource, reason))
                else:
                    done += 1
                bar.advance()
        state.unlink(missing_ok=True)
        # Each file read again indexed its resource; the knowledge pages are indexed anew.
        rebuild_kinds(but="resources")
        self.stdout.write(ngettext("%(count)d file read again.", "%(count)d files read again.",
                                   done) % {"count": done})
        if failures:
            self.stdout.write(ngettext("%(count)d file could not be read again:",
                                       "%(count)d files could not be read again:",
                                       len(failures)) % {"count": len(failures)})
        for resource, reason in failures:
            self.stdout.write("  " + pgettext("label: value", "%(label)s: %(value)s")
                              % {"label": resource.slug, "value": reason})
        if failures:
            raise CommandError(_("Some files could not be read again (listed above)."))
