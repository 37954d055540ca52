"""What backing up and restoring need from a database engine, one module per engine behind
the small interface below, chosen by the ENGINE of Django's database settings."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _

from resguardo.backups.archive import BackupError


@dataclass
class Snapshot:
    path: Path  # the copy of the database, one file
    references: set[str]  # storage names of the stored files the copy refers to
    facts: dict[str, str] = field(default_factory=dict)  # versions, for the manifest


class Engine(Protocol):
    vendor: str  # as Django's connection.vendor names it, and the manifest too
    member: str  # the archive member holding the copy

    def describe(self) -> str:
        """The database, as a message names it."""

    def files(self) -> list[Path]:
        """The files the database keeps in the data folder, if any."""

    def snapshot(self, folder: Path) -> Snapshot:
        """Copy a consistent snapshot of the database into `folder`, with the stored files
        that snapshot refers to, without stopping the library."""

    def problems(self, facts: dict[str, str]) -> list[str]:
        """Why a backup with these facts cannot be restored into this database now: it is
        not empty, or a tool is missing. Empty when it can."""

    def check_copy(self, path: Path) -> None:
        """Raise BackupError unless the copy at `path` is sound."""

    def install(self, path: Path) -> None:
        """Make the copy at `path` the database, all at once or not at all."""


def engine_for(database: dict[str, Any]) -> Engine:
    """The engine for Django database settings (a DATABASES entry)."""
    from resguardo.backups.databases.postgres import PostgreSQL
    from resguardo.backups.databases.sqlite import SQLite

    engines: dict[str, type[SQLite] | type[PostgreSQL]] = {
        "django.db.backends.sqlite3": SQLite,
        "django.db.backends.postgresql": PostgreSQL,
    }
    try:
        return engines[database["ENGINE"]](database)
    except KeyError:
        raise BackupError(_("Backups know SQLite and PostgreSQL databases, not %(engine)s.")
                          % {"engine": database.get("ENGINE")}) from None


def file_columns() -> list[tuple[str, str]]:
    """(table, column) of every file field of every model: where stored files are named."""
    return sorted({(model._meta.db_table, str(field.column))
                   for model in apps.get_models()
                   for field in model._meta.concrete_fields
                   if isinstance(field, models.FileField)})


def quoted(identifier: str) -> str:
    """An SQL identifier in double quotes (both engines take them)."""
    return '"' + identifier.replace('"', '""') + '"'
