import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resguardo.exports.csv.write import export_csv
from resguardo.exports.offline.build import export_static
from resguardo.lib.commands import TranslatedCommand

# format -> the function that writes it
FORMATS: dict[str, Callable[..., Any]] = {"static": export_static, "csv": export_csv}
# Formats that can go to stdout when no OUT is given (a zip on a terminal helps no one).
STREAMED = {"csv"}


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Export the library. `export static OUT.zip` writes a static copy that opens from a "
        "USB stick or any static web host; `export csv [OUT.csv]` writes the catalogue in "
        "the columns `import` reads.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=sorted(FORMATS))
        parser.add_argument("out", type=Path, nargs="?",
                            help=_("The file to write (for csv, stdout if left out)."))
        parser.add_argument("--with-files", action="store_true",
                            help=_("static: include the stored files (PDFs, audio, video) "
                                   "too."))
        parser.add_argument("--originals", action="store_true",
                            help=_("static, with --with-files: include recordings as they "
                                   "were sent, not only their light versions."))
        parser.add_argument("--force", action="store_true",
                            help=_("Replace OUT if it exists already."))
        parser.add_argument("--language", action="append", default=[], metavar="CODE",
                            choices=[code for code, _name in settings.LANGUAGES],
                            help=_("static: copy only this interface language (repeat it "
                                   "for several); every language if left out."))

    def handle(self, *args: object, **options: Any) -> None:
        out, stdout = options["out"], options.get("stdout") or sys.stdout
        if out is None and options["format"] not in STREAMED:
            raise CommandError(_("Give the file to write: export %(format)s OUT.")
                               % {"format": options["format"]})
        more = {"originals": options["originals"]} if options["format"] == "static" else {}
        try:
            report = FORMATS[options["format"]](
                out or stdout, with_files=options["with_files"], overwrite=options["force"],
                languages=options["language"], progress=options.get("stderr") or sys.stderr,
                **more)
        except FileExistsError as error:
            raise CommandError(_("%(error)s Use --force to replace it.")
                               % {"error": error}) from None
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        # With the data on stdout, what the export says goes to stderr.
        for line in report.lines():
            (self.stdout if out else self.stderr).write(line)
