"""A small library made by hand, for the tests that call backing up and restoring in this
process: a SQLite database with the one table that names stored files, and those files.
It runs the same on either suite's database, since it never touches Django's."""

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from resguardo.backups.backup import Report, back_up
from resguardo.backups.restore import Target

SQLITE = "django.db.backends.sqlite3"
KEY = "a secret key of the small library"


def stored_name(data: bytes, ext: str = "txt") -> str:
    sha = hashlib.sha256(data).hexdigest()
    return f"resources/{sha[:2]}/{sha}.{ext}"


def make(folder: Path, contents: list[bytes]) -> Path:
    """A data folder whose database refers to a stored file for each of `contents`."""
    (folder / "files").mkdir(parents=True)
    with closing(sqlite3.connect(folder / "resguardo.sqlite3")) as db, db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE catalogue_resource (id INTEGER PRIMARY KEY, title TEXT, "
                   "file TEXT NOT NULL DEFAULT '')")
        db.execute("INSERT INTO catalogue_resource (title) VALUES ('Without a file')")
        for n, data in enumerate(contents):
            name = stored_name(data)
            path = folder / "files" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            db.execute("INSERT INTO catalogue_resource (title, file) VALUES (?, ?)",
                       (f"Guide {n}", name))
    return folder


def backup(folder: Path, out: Path, **options: object) -> Report:
    return back_up(out, database={"ENGINE": SQLITE, "NAME": folder / "resguardo.sqlite3"},
                   media_root=folder / "files", secret_key=KEY, workspace=folder / "tmp",
                   **options)  # type: ignore[arg-type]


def target(folder: Path) -> Target:
    return Target(folder, folder / "files",
                  {"ENGINE": SQLITE, "NAME": folder / "resguardo.sqlite3"})


def rows(folder: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(folder / "resguardo.sqlite3")) as db:
        return db.execute("SELECT * FROM catalogue_resource ORDER BY id").fetchall()
