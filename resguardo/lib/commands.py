"""The base of Resguardo's management commands: their help is translated."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.functional import Promise


class TranslatedCommand(BaseCommand):
    """`help` may be a lazy translation (gettext_lazy): argparse needs text, which is made
    when the parser is, in the language then active (the terminal's: see cli.py)."""

    help: str | Promise  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help) if self.help else None
        return parser
