"""resguardo backup: one archive of the whole library, safe to run while it serves."""

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resguardo.backups.archive import BackupError
from resguardo.backups.backup import back_up, default_path
from resguardo.lib import scratch
from resguardo.lib.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Back up the library into one archive: a consistent snapshot of the database, every "
        "stored file and the secret key, with a manifest of checksums. Safe to run while "
        "the library serves.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, nargs="?",
                            help=_("The archive to write (by default DATA_DIR/backups/"
                                   "resguardo-YYYYmmdd-HHMMSS.tar, the time in UTC)."))
        parser.add_argument("--force", action="store_true",
                            help=_("Replace OUT if it exists already."))
        parser.add_argument("--keep", type=int, default=0, metavar="N",
                            help=_("Afterwards, remove all but the N newest archives named "
                                   "resguardo-YYYYmmdd-HHMMSS.tar in the archive's folder."))

    def handle(self, *args: object, **options: Any) -> None:
        if options["keep"] < 0:
            raise CommandError(_("--keep takes a number of archives, 1 or more."))
        out = options["out"]
        if out is None:
            folder = Path(settings.DATA_DIR) / "backups"
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            out = default_path(folder)
        try:
            report = back_up(
                out, database=connections["default"].settings_dict,
                media_root=Path(settings.MEDIA_ROOT), secret_key=settings.SECRET_KEY,
                workspace=scratch.folder(), overwrite=options["force"],
                keep=options["keep"], progress=options.get("stderr") or sys.stderr)
        except FileExistsError as error:
            raise CommandError(_("%(error)s Use --force to replace it.")
                               % {"error": error}) from None
        except (BackupError, OSError) as error:
            raise CommandError(_("%(error)s No backup was written.")
                               % {"error": error}) from None
        for line in report.lines():
            self.stdout.write(line)
