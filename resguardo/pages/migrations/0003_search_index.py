"""The knowledge pages already written go into their search index (search 0006 made it),
through the historical models: each page and translation in its own language."""

import uuid

from django.db import migrations
from django.db.models import F


def index_pages(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.pages.indexing import KIND, documents
    from resguardo.search.backends.postgres import PostgresBackend
    from resguardo.search.backends.sqlite import SQLiteBackend
    from resguardo.search.vocabulary import words

    backends = {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}
    if schema_editor.connection.vendor not in backends:
        return
    pages = (apps.get_model("pages", "Page").objects.filter(is_published=True)
             .select_related("language").prefetch_related("translations__language"))
    found = [d for page in pages for d in documents(page)]
    if not found:
        return
    backends[schema_editor.connection.vendor](KIND).index(found)
    word = apps.get_model("search", "Word")
    word.objects.bulk_create([word(kind=KIND, key=k, spelled=s) for k, s in words(found).items()],
                             ignore_conflicts=True)
    state = apps.get_model("search", "IndexState")  # what search.services.mark_changed does
    if not state.objects.filter(pk=1).update(generation=F("generation") + 1,
                                             token=uuid.uuid4()):
        state.objects.create(pk=1, generation=1)


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_page_translations"),
                    ("search", "0006_pages_and_events_indexes_and_words")]
    operations = [migrations.RunPython(index_pages, migrations.RunPython.noop)]
