"""Each `resguardo` command lives with what it is about, and answers by its old name:
`setup` and `serve` in server/, `seed` beside the seed library; `search_index` and `reindex`
in catalogue/, whose resources they index and read again; `worker` in jobs/."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

from resguardo import cli

# command -> the app that holds it
OURS = {
    "backup": "resguardo.backups", "restore": "resguardo.backups",
    "create_editor": "resguardo.accounts", "enrol": "resguardo.accounts",
    "export": "resguardo.exports", "import": "resguardo.exports",
    "forget": "resguardo.contributions",
    "reindex": "resguardo.catalogue", "search_index": "resguardo.catalogue",
    "seed": "resguardo.seeds",
    "serve": "resguardo.server", "setup": "resguardo.server",
    "worker": "resguardo.jobs",
}
RESGUARDO = Path(sys.executable).parent / "resguardo"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def test_every_command_of_ours_is_in_the_app_it_is_about() -> None:
    ours = {name: app for name, app in get_commands().items() if app.startswith("resguardo")}
    assert ours == OURS


@pytest.mark.parametrize("name", sorted(OURS))
def test_each_command_answers_help_by_its_name(
        name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "argv", ["resguardo", name, "--help"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 0
    assert f"usage: resguardo {name}" in capsys.readouterr().out


def test_the_installed_command_lists_them_under_their_apps(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    listed = subprocess.run(
        [str(RESGUARDO), "help"], capture_output=True, text=True, timeout=120, check=True,
        env={**environ, "DATA_DIR": str(tmp_path), "SECRET_KEY": "tests-only"}).stdout
    assert "[server]\n    serve\n    setup\n" in listed
    assert "[seeds]\n    seed\n" in listed
    assert "[catalogue]\n    reindex\n    search_index\n" in listed
