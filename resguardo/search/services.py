"""The one search interface the rest of Resguardo uses; the backend follows the database.

Search knows documents (`backends.base.Document`), not the models they are made from: the
catalogue hands them in (`catalogue/indexing.py`), and the knowledge pages theirs, as
another kind of document in an index of its own (`pages/indexing.py`). It also owns the
catalogue's version token (`index_version`, `mark_changed`): every change to what readers
see moves it, and every kept result, facet index and kept page is keyed by it."""

import functools
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from django.db import connection, transaction
from django.db.models import F

from resguardo.search import vocabulary
from resguardo.search.backends.base import Document, SearchBackend
from resguardo.search.backends.postgres import PostgresBackend
from resguardo.search.backends.sqlite import SQLiteBackend
from resguardo.search.models import IndexState

T = TypeVar("T")
BACKENDS: dict[str, type[SearchBackend]] = {
    "sqlite": SQLiteBackend,
    "postgresql": PostgresBackend,
}
# kind -> what indexes every document of that kind again and says how many. Search imports
# none of the apps that make documents, so each adds its own when it starts (AppConfig.ready).
REBUILDERS: dict[str, Callable[[], int]] = {}


def backend(kind: str = "resources") -> SearchBackend:
    """The index of one kind of document: "resources" or "pages"."""
    try:
        return BACKENDS[connection.vendor](kind)
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


def per_version(compute: Callable[[], T]) -> Callable[[], T]:
    """`compute` (of no argument) run once per version of the catalogue in each process,
    for what is read from rows every change to which moves the version; every time while
    no version was ever written (nothing then tells one state from another)."""
    kept: dict[str, T] = {}

    @functools.wraps(compute)
    def current() -> T:
        version = index_version()
        if not version:
            return compute()
        if version not in kept:
            kept.clear()
            kept[version] = compute()
        return kept[version]

    return current


def mark_changed() -> None:
    changed = {"generation": F("generation") + 1, "token": uuid.uuid4()}
    if not IndexState.objects.filter(pk=1).update(**changed):
        IndexState.objects.create(pk=1, generation=1)


def update_index(*, index: Iterable[Document] = (), remove: Iterable[int] = (),
                 kind: str = "resources") -> None:
    """Put `index` in the search index of its kind (replacing each document's earlier entry)
    and take the ids `remove` out; then move the catalogue's version. Call it in the
    transaction that changes what the documents were made from."""
    index = list(index)
    with transaction.atomic():
        search = backend(kind)
        search.remove(remove)
        search.index(index)
        vocabulary.remember(kind, index)
        mark_changed()


def rebuild_index(batches: Iterable[Sequence[Document]], *, kind: str = "resources") -> int:
    """Empty the index of this kind and fill it again, a batch of documents at a time (the
    backends hold a batch in memory); returns how many were indexed."""
    count = 0
    with transaction.atomic():
        search = backend(kind)
        search.clear()
        vocabulary.forget(kind)
        for batch in batches:
            search.index(batch)
            vocabulary.remember(kind, batch)
            count += len(batch)
        mark_changed()
    return count


def rebuild_kinds(*, but: str) -> int:
    """Rebuild the index of every kind but one (the caller's own); returns how many
    documents were indexed."""
    return sum(rebuild() for kind, rebuild in REBUILDERS.items() if kind != but)
