"""A command's help is shown in the language active when its parser is made
(lib.commands)."""

from django.utils import translation
from django.utils.translation import gettext_lazy

from resguardo.lib.commands import TranslatedCommand


class _Command(TranslatedCommand):
    help = gettext_lazy("Yes")  # a string every catalogue has


def test_a_lazy_help_becomes_text_in_the_language_active_when_the_parser_is_made():
    with translation.override("es"):
        spanish = _Command().create_parser("resguardo", "x").description
    with translation.override("en"):
        english = _Command().create_parser("resguardo", "x").description
    assert (english, spanish) == ("Yes", "Sí")
    assert type(spanish) is str  # argparse formats it: no lazy object


def test_a_command_without_help_has_no_description():
    class Bare(TranslatedCommand):
        help = ""

    assert Bare().create_parser("resguardo", "x").description is None
