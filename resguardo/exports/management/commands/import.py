import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from resguardo.exports.csv.columns import COLUMNS
from resguardo.exports.csv.load import import_csv
from resguardo.lib.commands import TranslatedCommand


def _help() -> str:
    return _("Import a catalogue CSV (the coalition's columns: %(columns)s; several values "
             "in a cell separated by “;”). Every line is checked first; if one is wrong, "
             "nothing is imported.") % {"columns": ", ".join(COLUMNS)}


class Command(TranslatedCommand):
    help = lazy(_help, str)()

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("catalogue", type=Path, help=_("The CSV file (UTF-8)."))
        parser.add_argument("--files", type=Path, metavar="DIR",
                            help=_("The folder holding the files the File column names."))
        parser.add_argument("--dry-run", action="store_true",
                            help=_("Check and say what would change, without writing."))
        parser.add_argument("--skip-invalid", action="store_true",
                            help=_("Import the good lines and report the others."))

    def handle(self, *args: object, **options: Any) -> None:
        files = options["files"]
        if files is not None and not files.is_dir():
            raise CommandError(_("There is no folder %(path)s.") % {"path": files})
        try:
            data = options["catalogue"].read_bytes()
            summary = import_csv(data, files=files, dry_run=options["dry_run"],
                                 skip_invalid=options["skip_invalid"],
                                 progress=options.get("stderr") or sys.stderr)
        except (OSError, RuntimeError) as error:
            raise CommandError(str(error)) from None
        for line in summary.lines():
            self.stdout.write(line)
        if summary.refused:
            raise CommandError(_("Nothing was imported."))
