"""resguardo restore ARCHIVE: bring a backup back into an empty data folder."""

import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resguardo.backups.archive import BackupError
from resguardo.backups.databases import sqlite
from resguardo.backups.restore import Target, restore
from resguardo.lib.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Restore a backup made by `resguardo backup` into an empty data folder (and, on "
        "PostgreSQL, an empty database), checking every checksum before and after writing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--data-dir", type=Path,
                            help=_("Restore into this folder instead of DATA_DIR: the "
                                   "SQLite database, files/ and secret_key go in it."))

    def handle(self, *args: object, **options: Any) -> None:
        target = _target(options["data_dir"])
        try:
            report = restore(options["archive"], target,
                             progress=options.get("stderr") or sys.stderr)
        except BackupError as error:
            raise CommandError(_("%(error)s Nothing was restored.")
                               % {"error": error}) from None
        for line in report.lines():
            self.stdout.write(line)
        key = os.environ.get("SECRET_KEY")
        if key and key != target.secret_key.read_text().strip():
            self.stderr.write(_("SECRET_KEY is set and is not the backup's key: set it to the "
                                "key in %(path)s, or sessions and signed links will break.")
                              % {"path": target.secret_key})


def _target(data_dir: Path | None) -> Target:
    database = dict(connections["default"].settings_dict)
    if data_dir is None:
        return Target(Path(settings.DATA_DIR), Path(settings.MEDIA_ROOT), database)
    data_dir = data_dir.expanduser().resolve()
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["NAME"] = data_dir / sqlite.NAME
    return Target(data_dir, data_dir / "files", database)
