"""PostgreSQL: pg_dump in its custom format, inside a snapshot we export and keep open.

One transaction (REPEATABLE READ, read only) exports its snapshot; the stored files the
database refers to are read in it, and pg_dump is given the same snapshot, so the list of
files and the dump agree exactly while the library keeps taking submissions. pg_dump must
be of the server's major version or newer: Debian installs one per version under
/usr/lib/postgresql/<major>/bin, and the one on PATH is looked at too. Restoring runs
pg_restore in a single transaction: the database gets everything or nothing.
"""

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.utils import ConnectionHandler
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from resguardo.backups.archive import BackupError
from resguardo.backups.databases import Snapshot, file_columns, quoted

SEARCH = ("/usr/lib/postgresql/*/bin",)  # Debian's and Ubuntu's versioned client tools
# Django's OPTIONS that libpq reads from the environment, for pg_dump and pg_restore.
LIBPQ_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT",
                 "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE",
                 "service": "PGSERVICE"}
_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)")


@dataclass(frozen=True)
class Tool:
    path: str
    major: int


def find_tool(name: str, major: int, *, path: str | None = None,
              search: tuple[str, ...] = SEARCH) -> Tool:
    """`name` (pg_dump, pg_restore) of this major version, else the nearest newer one;
    BackupError saying what to install when there is none. `path` is the PATH to look in
    (the process's by default)."""
    found: dict[str, Tool] = {}
    # The versioned tools first: the one on PATH may be a wrapper choosing by itself.
    candidates = [hit for folder in search
                  for hit in sorted(glob.glob(os.path.join(folder, name)))]
    candidates.append(shutil.which(name, path=path) or "")
    for candidate in candidates:
        if candidate and (version := _major(candidate)) is not None:
            found.setdefault(os.path.realpath(candidate), Tool(candidate, version))
    usable = sorted((tool for tool in found.values() if tool.major >= major),
                    key=lambda tool: tool.major)
    if usable:
        return usable[0]
    install = {"name": name, "major": major}
    if not found:
        raise BackupError(_("%(name)s is missing: PostgreSQL's client tools of the server's "
                            "version are needed (on Debian: apt-get install "
                            "postgresql-client-%(major)s).") % install)
    older = ", ".join(str(tool.major) for tool in found.values())
    raise BackupError(_("%(name)s %(older)s is older than the PostgreSQL server (%(major)s) "
                        "and cannot work with it: install postgresql-client-%(major)s.")
                      % {**install, "older": older})


def _major(tool: str) -> int | None:
    try:
        done = subprocess.run([tool, "--version"], capture_output=True, text=True,
                              timeout=30, check=False)
    except OSError:
        return None
    found = _VERSION.search(done.stdout)
    return int(found.group(1)) if found else None


class PostgreSQL:
    vendor = "postgresql"
    member = "database/resguardo.pgdump"

    def __init__(self, database: dict[str, Any]):
        self.database = database
        self.name = str(database.get("NAME") or "")

    def describe(self) -> str:
        host = self.database.get("HOST") or "localhost"
        return _("the PostgreSQL database %(name)s on %(host)s") % {
            "name": self.name, "host": host}

    def files(self) -> list[Path]:
        return []

    def _connect(self) -> Any:
        """A new psycopg connection in autocommit mode, apart from Django's own."""
        wrapper = ConnectionHandler({"default": dict(self.database)})["default"]
        try:
            connection = wrapper.get_new_connection(wrapper.get_connection_params())
        except Exception as error:  # psycopg's OperationalError and kin
            raise BackupError(_("Cannot connect to %(database)s: %(error)s") % {
                "database": self.describe(), "error": str(error).strip()}) from None
        connection.autocommit = True
        return connection

    def _environment(self) -> dict[str, str]:
        """Where pg_dump and pg_restore connect: libpq's variables, so that no password
        appears in a process listing."""
        options = self.database.get("OPTIONS") or {}
        wanted = {"PGHOST": self.database.get("HOST"), "PGPORT": self.database.get("PORT"),
                  "PGUSER": self.database.get("USER"),
                  "PGPASSWORD": self.database.get("PASSWORD"), "PGDATABASE": self.name,
                  **{variable: options.get(option)
                     for option, variable in LIBPQ_OPTIONS.items()}}
        return {**os.environ, **{k: str(v) for k, v in wanted.items() if v}}

    def _run(self, command: list[str], what: str) -> None:
        done = subprocess.run(command, env=self._environment(), capture_output=True,
                              text=True, check=False)
        if done.returncode != 0:
            raise BackupError(_("%(what)s failed: %(error)s") % {
                "what": what, "error": done.stderr.strip()[-2000:]})

    def snapshot(self, folder: Path) -> Snapshot:
        copy = folder / "resguardo.pgdump"
        with self._connect() as connection:
            major = connection.info.server_version // 10000
            pg_dump = find_tool("pg_dump", major)
            connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
            references = _references(connection)
            # The snapshot lives as long as this transaction: until pg_dump is done.
            self._run([pg_dump.path, "--format=custom", f"--snapshot={snapshot}",
                       f"--file={copy}"], "pg_dump")
            connection.execute("COMMIT")
            facts = {"server_version": connection.info.parameter_status("server_version"),
                     "pg_dump_major": str(pg_dump.major)}
        return Snapshot(copy, references, {k: str(v) for k, v in facts.items()})

    def problems(self, facts: dict[str, str]) -> list[str]:
        with self._connect() as connection:
            major = connection.info.server_version // 10000
            tables = connection.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
            ).fetchone()[0]
        found = []
        if tables:
            found.append(capfirst(_("%(database)s is not empty: restore into a new, empty "
                                    "database (createdb).") % {"database": self.describe()}))
        try:
            self.pg_restore = find_tool("pg_restore",
                                        max(major, int(facts.get("pg_dump_major", 0))))
        except BackupError as error:
            found.append(str(error))
        return found

    def check_copy(self, path: Path) -> None:
        # Reading the table of contents shows the dump is whole and of a version we read.
        self._run([self.pg_restore.path, "--list", str(path)], "pg_restore --list")

    def install(self, path: Path) -> None:
        self._run([self.pg_restore.path, "--single-transaction", "--exit-on-error",
                   "--no-owner", "--no-privileges", f"--dbname={self.name}", str(path)],
                  "pg_restore")


def _references(connection: Any) -> set[str]:
    names: set[str] = set()
    for table, column in file_columns():
        if connection.execute("SELECT to_regclass(%s)", [quoted(table)]).fetchone()[0]:
            rows = connection.execute(
                f"SELECT DISTINCT {quoted(column)} FROM {quoted(table)} "  # noqa: S608
                f"WHERE {quoted(column)} <> ''")
            names.update(row[0] for row in rows if row[0])
    return names
