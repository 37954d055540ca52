"""Libraries of their own for the backup tests: each a data folder (and, when the suite
runs on PostgreSQL, a database of its own on the same server, never the test database),
driven through the `resguardo` command in separate processes as a deployer drives it,
with ways to read back every row and every stored file."""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[3]
SUITE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = urlsplit(SUITE_URL).scheme in ("postgres", "postgresql")
Rows = list[tuple[Any, ...]]


@dataclass
class Library:
    data_dir: Path
    database_url: str = ""  # empty: SQLite, in the data folder

    @property
    def database_name(self) -> str:
        return urlsplit(self.database_url).path.lstrip("/")

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATA_DIR", "SECRET_KEY", "DATABASE_URL", "MEDIA_ROOT")}
        env["DATA_DIR"] = str(self.data_dir)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def resguardo(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "resguardo.cli", *args], cwd=ROOT,
                              env=self.env(), capture_output=True, text=True, timeout=600,
                              check=False)
        if ok:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def submit(self, count: int, size: int, kind: str = "resource") -> list[dict[str, Any]]:
        done = subprocess.run(
            [sys.executable, "-m", "resguardo.backups.tests.writer", "--kind", kind,
             "--count", str(count), "--size", str(size)], cwd=ROOT, env=self.env(),
            capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    # Reading back

    @contextmanager
    def connect(self) -> Iterator[Any]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as connection:
                yield connection
        else:
            path = self.data_dir / "resguardo.sqlite3"
            with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
                yield db

    @contextmanager
    def long_read(self) -> Iterator[None]:
        """A reader in the middle of a long read (a slow export, say). On SQLite, while it
        reads, what is committed cannot be folded back from the WAL into the database
        file: a copy of that file alone would miss it, a snapshot must not."""
        if self.database_url:
            yield
            return
        with closing(sqlite3.connect(self.data_dir / "resguardo.sqlite3")) as db:
            db.execute("BEGIN")
            db.execute("SELECT count(*) FROM catalogue_resource").fetchone()
            yield

    def tables(self) -> dict[str, Rows]:
        """Every table's rows, in a stable order (and PostgreSQL's sequences)."""
        with self.connect() as db:
            if self.database_url:
                names = [r[0] for r in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            else:
                names = [r[0] for r in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]
            found = {name: sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
                     for name in names}
            if self.database_url:
                found["(sequences)"] = sorted(db.execute(
                    "SELECT sequencename, last_value FROM pg_sequences "
                    "WHERE schemaname = 'public'").fetchall())
        return found

    def rows(self, table: str) -> dict[Any, tuple[Any, ...]]:
        with self.connect() as db:
            return {row[0]: tuple(row) for row in db.execute(f'SELECT * FROM "{table}"')}

    def indexed(self) -> set[int]:
        """The resources the search index holds."""
        query = ("SELECT resource_id FROM search_document" if self.database_url
                 else "SELECT rowid FROM search_fts")
        with self.connect() as db:
            return {row[0] for row in db.execute(query)}

    def published(self) -> set[int]:
        with self.connect() as db:
            return {row[0] for row in db.execute(
                "SELECT id FROM catalogue_resource WHERE status = 'published'")}

    def referenced_files(self) -> set[str]:
        with self.connect() as db:
            return {row[0] for row in db.execute(
                "SELECT file FROM catalogue_resource WHERE file <> ''")}

    def files(self) -> dict[str, Path]:
        media = self.data_dir / "files"
        return {p.relative_to(media).as_posix(): p for p in media.rglob("*") if p.is_file()}

    def secret_key(self) -> str:
        return (self.data_dir / "secret_key").read_text().strip()

    def listing(self) -> list[str]:
        """Everything in the data folder, to show a refused restore changed nothing."""
        if not self.data_dir.exists():
            return []
        return sorted(str(p.relative_to(self.data_dir)) for p in self.data_dir.rglob("*"))


@dataclass
class Submissions:
    """A writer process submitting until stopped; each acknowledgement is noted with the
    moment this process read it (so it was committed before that moment)."""

    library: Library
    kind: str = "proposal"
    acks: list[tuple[float, dict[str, Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "resguardo.backups.tests.writer", "--kind", self.kind,
             "--size", "32768"],
            cwd=ROOT, env=self.library.env(), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.acks.append((time.monotonic(), json.loads(line)))

    def count(self, since: float = 0.0, until: float = float("inf")) -> int:
        return sum(1 for when, _ack in list(self.acks) if since <= when < until)

    def stop(self) -> list[tuple[float, dict[str, Any]]]:
        self.process.terminate()
        self.reader.join(timeout=60)  # it reads to the end of the output: the last ack
        assert self.process.stderr is not None
        errors = self.process.stderr.read()
        assert self.process.wait(timeout=60) == 0, errors
        return self.acks


def wait_until(condition: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# PostgreSQL databases of the tests' own, named after the suite's database

def database_url(name: str) -> str:
    parts = urlsplit(SUITE_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(purpose: str) -> str:
    return f"{urlsplit(SUITE_URL).path.lstrip('/')}_bk_{purpose}"


@contextmanager
def _server() -> Iterator[Any]:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        yield connection


def create_database(name: str, template: str = "") -> str:
    from psycopg import sql

    drop_database(name)
    with _server() as server:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        server.execute(statement)
    return database_url(name)


def drop_database(name: str) -> None:
    from psycopg import sql

    with _server() as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                       .format(sql.Identifier(name)))
