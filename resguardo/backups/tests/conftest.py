"""Fixtures of the backup tests: libraries of their own, made from one migrated template
per run (a copied folder on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL)."""

import glob
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from resguardo.backups.tests.library import (
    ON_POSTGRES,
    Library,
    create_database,
    database_name,
    drop_database,
)


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    if ON_POSTGRES:
        _require_postgres_tools()
    name = database_name("template")
    url = create_database(name) if ON_POSTGRES else ""
    library = Library(tmp_path_factory.mktemp("template") / "data", url)
    library.resguardo("migrate", "-v0")
    yield library
    if ON_POSTGRES:
        drop_database(name)


def _require_postgres_tools() -> None:
    from resguardo.tests.browser import missing

    for tool in ("pg_dump", "pg_restore"):
        if not (shutil.which(tool) or glob.glob(f"/usr/lib/postgresql/*/bin/{tool}")):
            missing(f"{tool} is missing for the PostgreSQL backup tests "
                    "(apt-get install -y postgresql-client)")


class Libraries:
    """Makes libraries in `folder`, and drops their databases when done."""

    def __init__(self, folder: Path, template: Library, prefix: str):
        self.folder, self.template, self.prefix = folder, template, prefix
        self.databases: list[str] = []

    def _database(self, name: str, template: str = "") -> str:
        if not ON_POSTGRES:
            return ""
        full = database_name(self.prefix + name)
        self.databases.append(full)
        return create_database(full, template)

    def migrated(self, name: str) -> Library:
        """A library ready to serve: migrated, nothing in its catalogue but the taxonomy."""
        shutil.copytree(self.template.data_dir, self.folder / name)
        return Library(self.folder / name,
                       self._database(name, self.template.database_name))

    def empty(self, name: str) -> Library:
        """Where a backup is restored: no data folder yet, an empty database."""
        return Library(self.folder / name, self._database(name))

    def drop(self) -> None:
        for name in self.databases:
            drop_database(name)


@contextmanager
def _libraries(folder: Path, template: Library, prefix: str) -> Iterator[Libraries]:
    libraries = Libraries(folder, template, prefix)
    try:
        yield libraries
    finally:
        libraries.drop()


@pytest.fixture
def libraries(tmp_path: Path, template: Library) -> Iterator[Libraries]:
    with _libraries(tmp_path, template, "") as made:
        yield made


@dataclass
class Backup:
    source: Library
    archive: Path
    output: str  # what `resguardo backup` printed
    acks: list[dict[str, Any]]  # the submissions, each with a stored file


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory: pytest.TempPathFactory, template: Library) -> Iterator[Backup]:
    """The seed library, three resources and two proposals with stored files, backed up
    once, into DATA_DIR/backups."""
    with _libraries(tmp_path_factory.mktemp("kept"), template, "kept_") as made:
        source = made.migrated("source")
        source.resguardo("seed")
        acks = source.submit(3, 48 * 1024) + source.submit(2, 16 * 1024, kind="proposal")
        done = source.resguardo("backup")
        [archive] = (source.data_dir / "backups").iterdir()
        yield Backup(source, archive, done.stdout, acks)
