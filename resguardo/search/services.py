"""The one search interface the rest of Resguardo uses; the backend follows the database.

Search knows documents (`backends.base.Document`), not the models they are made from: the
catalogue hands them in (`catalogue/indexing.py`). It also owns the catalogue's version
token (`index_version`, `mark_changed`): every change to what readers see moves it, and
every kept result, facet index and kept page is keyed by it."""

import uuid
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import F

from resguardo.search.backends.base import Document, SearchBackend
from resguardo.search.backends.postgres import PostgresBackend
from resguardo.search.backends.sqlite import SQLiteBackend
from resguardo.search.models import IndexState

BACKENDS: dict[str, type[SearchBackend]] = {
    "sqlite": SQLiteBackend,
    "postgresql": PostgresBackend,
}


def backend() -> SearchBackend:
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise RuntimeError(f"No search backend for the {connection.vendor} database") from None


def index_version() -> str:
    """A token that changes whenever the search index changes. Asked on every catalogue
    request, so it is one plain SQL statement rather than an ORM query (a third of the cost
    of serving a kept page)."""
    table = connection.ops.quote_name(IndexState._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return str(row[0]) if row and row[0] else ""


def mark_changed() -> None:
    changed = {"generation": F("generation") + 1, "token": uuid.uuid4()}
    if not IndexState.objects.filter(pk=1).update(**changed):
        IndexState.objects.create(pk=1, generation=1)


def update_index(*, index: Iterable[Document] = (), remove: Iterable[int] = ()) -> None:
    """Put `index` in the search index (replacing each document's earlier entry) and take
    the ids `remove` out; then move the catalogue's version. Call it in the transaction
    that changes what the documents were made from."""
    with transaction.atomic():
        search = backend()
        search.remove(remove)
        search.index(index)
        mark_changed()


def rebuild_index(batches: Iterable[Sequence[Document]]) -> int:
    """Empty the index and fill it again, a batch of documents at a time (the backends
    hold a batch in memory); returns how many were indexed."""
    count = 0
    with transaction.atomic():
        search = backend()
        search.clear()
        for batch in batches:
            search.index(batch)
            count += len(batch)
        mark_changed()
    return count
