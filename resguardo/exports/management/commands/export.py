import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from resguardo.exports.static.build import export_static

# format -> the function that writes it (a CSV export joins here)
FORMATS = {"static": export_static}


class Command(BaseCommand):
    help = ("Export the public library. `export static OUT.zip` writes a static copy that "
            "opens from a USB stick or any static web host.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=sorted(FORMATS))
        parser.add_argument("out", type=Path, help="The zip file to write.")
        parser.add_argument("--with-files", action="store_true",
                            help="Include the stored files (PDFs, audio, video) too.")
        parser.add_argument("--force", action="store_true",
                            help="Replace OUT if it exists already.")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            choices=[code for code, _name in settings.LANGUAGES],
                            help="The language of the pages' interface.")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            report = FORMATS[options["format"]](
                options["out"], with_files=options["with_files"], overwrite=options["force"],
                language=options["language"], progress=options.get("stderr") or sys.stderr)
        except FileExistsError as error:
            raise CommandError(f"{error} Use --force to replace it.") from None
        except OSError as error:
            raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
