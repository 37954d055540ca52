"""SQLite: the online backup API copies the database while the library keeps working.

The copy is made in one step, which is one read transaction: a consistent snapshot of
everything committed when it began. In WAL mode a reader never blocks writers, so
submissions go on while it runs. The copy is then made a single self-contained file (no
WAL beside it) and checked.
"""

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from resguardo.backups.archive import BackupError
from resguardo.backups.databases import Snapshot, file_columns, quoted

NAME = "resguardo.sqlite3"
# The files SQLite keeps beside a database while it is open.
SIDECARS = ("-wal", "-shm", "-journal")


class SQLite:
    vendor = "sqlite"
    member = f"database/{NAME}"

    def __init__(self, database: dict[str, Any]):
        self.path = Path(str(database["NAME"]))

    def describe(self) -> str:
        return _("the SQLite database %(path)s") % {"path": self.path}

    def files(self) -> list[Path]:
        return [self.path, *(Path(f"{self.path}{suffix}") for suffix in SIDECARS)]

    def snapshot(self, folder: Path) -> Snapshot:
        if not self.path.is_file():
            raise BackupError(_("There is no database at %(path)s.") % {"path": self.path})
        copy = folder / NAME
        try:
            with closing(sqlite3.connect(self.path, timeout=20)) as source, closing(
                    sqlite3.connect(copy)) as target:
                source.backup(target)  # pages=-1: all in one step, one read transaction
                target.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as error:
            raise BackupError(_("The database could not be copied: %(error)s")
                              % {"error": error}) from None
        _check(copy, "quick_check")
        return Snapshot(copy, _references(copy), {"sqlite_version": sqlite3.sqlite_version})

    def problems(self, facts: dict[str, str]) -> list[str]:
        if not self.path.exists() or not _tables(self.path):
            return []
        return [capfirst(_("%(database)s holds a library already.")
                         % {"database": self.describe()})]

    def check_copy(self, path: Path) -> None:
        _check(path, "integrity_check")

    def install(self, path: Path) -> None:
        # The database there is empty (problems() said so); what SQLite kept beside it
        # must not be taken for part of the restored one.
        for suffix in SIDECARS:
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path, 0o600)
        os.replace(path, self.path)


def _tables(path: Path) -> int:
    """How many tables the database holds, read without changing anything beside it (an
    immutable reader makes no -shm; pages still in the WAL count as something there)."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        return 1
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)) as db:
            return int(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    except sqlite3.DatabaseError:
        return 1  # not a database we can read: not an empty one either


def _check(path: Path, pragma: str) -> None:
    try:
        with closing(sqlite3.connect(path)) as db:
            found = [str(row[0]) for row in db.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as error:
        found = [str(error)]
    if found != ["ok"]:
        raise BackupError(_("The database copy is damaged: %(problems)s")
                          % {"problems": "; ".join(found[:5])})


def _references(path: Path) -> set[str]:
    names: set[str] = set()
    with closing(sqlite3.connect(path)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master "
                                               "WHERE type = 'table'")}
        for table, column in file_columns():
            if table in tables:  # a model whose migration has not run has no files yet
                names.update(row[0] for row in db.execute(
                    f"SELECT DISTINCT {quoted(column)} FROM {quoted(table)} "  # noqa: S608
                    f"WHERE {quoted(column)} <> ''") if row[0])
    return names
