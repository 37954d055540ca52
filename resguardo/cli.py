"""The `resguardo` command: Django's management commands with Resguardo's settings.

It speaks the language the environment asks for, as other command-line programs do
(gettext's order: LANGUAGE, then LC_ALL, LC_MESSAGES, LANG), when it is one of the
interface's languages, and English otherwise. Only here: a command run by `call_command`
(the tests, `setup` calling `seed`) keeps the language already active."""

import os
import re
import sys
from collections.abc import Mapping

from django.apps import apps
from django.core.management import ManagementUtility
from django.core.management.base import BaseCommand

CATEGORIES = ("LC_ALL", "LC_MESSAGES", "LANG")


def environment_language(environ: Mapping[str, str]) -> str | None:
    """The first interface language the environment names, or None."""
    from django.utils.translation import get_supported_language_variant, to_language

    locale = next((environ[name] for name in CATEGORIES if environ.get(name)), "")
    if re.split(r"[.@]", locale)[0] in ("", "C", "POSIX"):
        return None  # gettext, too, ignores LANGUAGE under the C locale
    for name in [*environ.get("LANGUAGE", "").split(":"), locale]:
        name = re.split(r"[.@]", name)[0]
        try:
            if name:
                return get_supported_language_variant(to_language(name))
        except LookupError:
            continue
    return None


class Utility(ManagementUtility):
    def fetch_command(self, subcommand: str) -> BaseCommand:
        command = super().fetch_command(subcommand)
        # Django is set up by now (the translations need the apps), and the command's
        # parser and help are not made yet.
        language = environment_language(os.environ) if apps.ready else None
        if language:
            from django.utils import translation

            translation.activate(language)
        return command


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resguardo.settings")
    Utility(sys.argv).execute()


if __name__ == "__main__":
    main()
