"""Running `resguardo import` and `resguardo export csv` the way a person would."""

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command


@dataclass
class Run:
    ok: bool
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def write(folder: Path, text: str, name: str = "catalogue.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def run_import(path: Path, *args: str) -> Run:
    out, err = StringIO(), StringIO()
    try:
        call_command("import", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return Run(False, out.getvalue(), err.getvalue() + str(error))
    return Run(True, out.getvalue(), err.getvalue())


def export(*args: str) -> str:
    out = StringIO()
    call_command("export", "csv", *args, stdout=out, stderr=StringIO())
    return out.getvalue()
