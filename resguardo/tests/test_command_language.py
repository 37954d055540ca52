"""The `resguardo` command speaks the terminal's language, as other command-line programs
do: LANG=es_ES.UTF-8 gets Spanish help and messages, a language the interface lacks gets
English."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from resguardo.cli import environment_language

RESGUARDO = Path(sys.executable).parent / "resguardo"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def resguardo(tmp_path: Path, *args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    plain = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run(
        [str(RESGUARDO), *args], capture_output=True, text=True, timeout=120,
        env={**plain, "DATA_DIR": str(tmp_path), "SECRET_KEY": "tests-only", **environ})


@pytest.mark.parametrize(("environ", "language"), [
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LANG": "pt_BR.UTF-8"}, "pt"),
    ({"LC_ALL": "fr_CA.UTF-8", "LANG": "es_ES.UTF-8"}, "fr"),
    ({"LANG": "es_MX.UTF-8", "LC_MESSAGES": "pt_PT.UTF-8"}, "pt"),
    ({"LANGUAGE": "de:fr:es", "LANG": "de_DE.UTF-8"}, "fr"),
    ({"LANGUAGE": "es", "LANG": "C.UTF-8"}, None),  # gettext too ignores LANGUAGE under C
    ({"LANG": "de_DE.UTF-8"}, None),
    ({}, None),
])
def test_the_language_comes_from_the_environment_as_gettext_reads_it(
        environ: dict[str, str], language: str | None) -> None:
    assert environment_language(environ) == language


def test_a_spanish_terminal_gets_spanish_help_and_messages(tmp_path: Path) -> None:
    refused = resguardo(tmp_path, "export", "static", LANG="es_ES.UTF-8")
    assert refused.returncode == 1
    assert "Indique el archivo que se escribe: export static OUT." in refused.stderr
    shown = resguardo(tmp_path, "help", "search_index", LANG="es_ES.UTF-8")
    assert "Reconstruye el índice de búsqueda" in shown.stdout, shown.stderr
    options = resguardo(tmp_path, "backup", "--help", LANG="es_ES.UTF-8").stdout
    assert "Reemplazar OUT si ya existe." in options


def test_a_terminal_in_another_language_gets_english(tmp_path: Path) -> None:
    refused = resguardo(tmp_path, "export", "static", LANG="de_DE.UTF-8")
    assert "Give the file to write: export static OUT." in refused.stderr
