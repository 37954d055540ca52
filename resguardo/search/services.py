"""The one search interface the rest of Resguardo uses; the backend follows the database."""

import uuid
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F

from resguardo.catalogue.models import Resource
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


def algorithm(resource: Resource) -> str:
    """The stemmer a resource is indexed with: its first language's (languages prefetched)."""
    languages = list(resource.languages.all())
    return languages[0].stemmer if languages else ""


def document(resource: Resource) -> Document:
    publishers = " ".join(p.name for p in resource.publishers.all())
    return Document(
        id=resource.pk,
        algorithm=algorithm(resource),
        title=resource.title,
        meta=f"{resource.summary}\n{publishers}",
        body=f"{resource.description}\n{resource.full_text}",
    )


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


def update_index(resources: Iterable[Resource]) -> None:
    """Index published resources and take everything else out of the index. Call it in
    the transaction that changes the resources."""
    resources = list(resources)
    published = [r for r in resources if r.is_published]
    with transaction.atomic():
        backend().remove([r.pk for r in resources if not r.is_published])
        backend().index(document(r) for r in published)
        mark_changed()


def remove_from_index(ids: Iterable[int]) -> None:
    with transaction.atomic():
        backend().remove(ids)
        mark_changed()


def rebuild_index(batch_size: int = 500) -> int:
    queryset = (Resource.objects.published().order_by("pk")
                .prefetch_related("languages", "publishers"))
    search = backend()
    count, last = 0, 0
    with transaction.atomic():
        search.clear()
        while batch := list(queryset.filter(pk__gt=last)[:batch_size]):
            search.index(document(r) for r in batch)
            count, last = count + len(batch), batch[-1].pk
        mark_changed()
    return count
