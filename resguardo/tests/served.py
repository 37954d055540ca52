"""A real `resguardo serve` (gunicorn, its workers, their fork servers) on a data folder of
its own, for the tests that only a real server can answer: what its log says, what
survives a `kill -9` of its master, a worker or all of them.

Its database is of the suite's kind: a SQLite file in the data folder, or a PostgreSQL
database made for the test on the suite's server and dropped afterwards.
"""

import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings

RESGUARDO = str(Path(sys.executable).with_name("resguardo"))


@dataclass
class Database:
    url: str
    engine: str
    dsn: dict[str, Any] = field(default_factory=dict)

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        """Rows of `sql` (placeholders written `%s`), read by a client of our own."""
        if self.engine == "sqlite":
            connection = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            try:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
            finally:
                connection.close()
        import psycopg

        with psycopg.connect(**self.dsn) as connection:
            return connection.execute(sql, params).fetchall()  # type: ignore[arg-type]


@contextmanager
def database(data: Path) -> Iterator[Database]:
    """A new, empty database of the suite's kind, migrated."""
    default = settings.DATABASES["default"]
    if "postgresql" not in default["ENGINE"]:
        found = Database(f"sqlite:///{data / 'resguardo.sqlite3'}", "sqlite")
        migrate(data, found)
        yield found
        return
    import psycopg

    name = f"served_{secrets.token_hex(4)}"
    server = {"host": default["HOST"] or "127.0.0.1", "port": default["PORT"] or 5432,
              "user": default["USER"] or "postgres", "password": default["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = server["user"] + (f":{server['password']}" if server["password"] else "")
    found = Database(f"postgres://{user}@{server['host']}:{server['port']}/{name}",
                     "postgresql", {"dbname": name, **server})
    try:
        migrate(data, found)
        yield found
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def short_folder() -> Iterator[Path]:
    """A folder with a short path: the fork server's socket, made inside the data folder,
    needs its address to fit in 107 bytes, which pytest's own folders' paths leave no
    room for."""
    folder = Path(tempfile.mkdtemp(prefix="rg-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def environment(data: Path, db: Database, **more: str) -> dict[str, str]:
    return {**os.environ, "DATA_DIR": str(data), "SECRET_KEY": "served-test",
            "DATABASE_URL": db.url, "DEBUG": "false", "SECURE_COOKIES": "false",
            "HUMAN_MIN_SECONDS": "0", "PROPOSALS_PER_HOUR": "1000000",
            "LOG_LEVEL": "CRITICAL", **more}


def migrate(data: Path, db: Database) -> None:
    subprocess.run([RESGUARDO, "migrate", "--verbosity", "0"], env=environment(data, db),
                   check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(data: Path, db: Database, port: int, *, workers: int = 2,
          output: IO[bytes] | int = subprocess.DEVNULL, args: Sequence[str] = (),
          **env: str) -> subprocess.Popen[bytes]:
    """Start a server in a session of its own and wait until it answers on `port`."""
    server = subprocess.Popen(
        [RESGUARDO, "serve", "--port", str(port), "--workers", str(workers), *args],
        env=environment(data, db, **env), stdout=output, stderr=subprocess.STDOUT,
        start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped at once ({server.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    stop(server)
    raise AssertionError("the server did not start")


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent, process group) of a process, or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    state, parent, group = text.rsplit(")", 1)[1].split()[:3]
    return state, int(parent), int(group)


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def group(server: subprocess.Popen[bytes]) -> list[int]:
    """The live processes of the server's session (a zombie is not live)."""
    return [pid for pid in _all_pids() if (found := _stat(pid)) and found[2] == server.pid
            and found[0] != "Z"]


def children(parent: int) -> list[int]:
    """The live processes `parent` started: a master's workers."""
    return [pid for pid in _all_pids() if (found := _stat(pid)) and found[1] == parent
            and found[0] != "Z"]


def gone_within(server: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not group(server):
            return True
        time.sleep(0.05)
    return False


def stop(server: subprocess.Popen[bytes]) -> None:
    """Kill the whole group (nothing of a test's server may outlive the test)."""
    for pid in group(server):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
    if server.poll() is None:
        server.kill()
    server.wait()
    gone_within(server, 10)
