"""Rebuilding the search index from inside a migration, through the migration's own
(historical) models: today's Resource may have columns that a database being migrated
from an older release does not have yet, so an old migration must never query it. The
backends write the index as today's code does; a later migration that changes the format
rebuilds it again. (Django's migration loader skips modules whose name starts with `_`.)"""

import uuid

from django.db.models import F

from resguardo.search.backends.base import Document
from resguardo.search.backends.postgres import PostgresBackend
from resguardo.search.backends.sqlite import SQLiteBackend

BATCH = 500
PUBLISHED = "published"  # Resource.Status.PUBLISHED, as stored


def _document(resource) -> Document:  # type: ignore[no-untyped-def]
    languages = list(resource.languages.all())
    publishers = " ".join(p.name for p in resource.publishers.all())
    return Document(id=resource.pk, algorithm=languages[0].stemmer if languages else "",
                    title=resource.title, meta=f"{resource.summary}\n{publishers}",
                    body=f"{resource.description}\n{resource.full_text}")


def rebuild(apps, schema_editor) -> int:  # type: ignore[no-untyped-def]
    """Index every published resource again and move the catalogue's version; returns how
    many were indexed."""
    backend = {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}[
        schema_editor.connection.vendor]()
    resources = (apps.get_model("catalogue", "Resource").objects.filter(status=PUBLISHED)
                 .order_by("pk").prefetch_related("languages", "publishers"))
    backend.clear()
    count, last = 0, 0
    while batch := list(resources.filter(pk__gt=last)[:BATCH]):
        backend.index(_document(r) for r in batch)
        count, last = count + len(batch), batch[-1].pk
    _mark_changed(apps)
    return count


def _mark_changed(apps) -> None:  # type: ignore[no-untyped-def]
    state = apps.get_model("search", "IndexState")  # what search.services.mark_changed does
    if not state.objects.filter(pk=1).update(generation=F("generation") + 1,
                                             token=uuid.uuid4()):
        state.objects.create(pk=1, generation=1)


def index_kind(apps, schema_editor, kind, documents) -> None:  # type: ignore[no-untyped-def]
    """Add documents of another kind than resources (knowledge pages, events) to their
    index and their words to the vocabulary, as search.services.update_index does, through
    the historical models; then move the catalogue's version."""
    from resguardo.search.vocabulary import words

    if not documents:
        return
    {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}[
        schema_editor.connection.vendor](kind).index(documents)
    word = apps.get_model("search", "Word")
    word.objects.bulk_create([word(kind=kind, key=k, spelled=s)
                              for k, s in words(documents).items()], ignore_conflicts=True)
    _mark_changed(apps)
