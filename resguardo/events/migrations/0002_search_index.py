"""The published webinars and trainings go into their search index (search 0006 made it),
through the historical models."""

import uuid

from django.db import migrations
from django.db.models import F


def index_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.events.indexing import KIND, document
    from resguardo.search.backends.postgres import PostgresBackend
    from resguardo.search.backends.sqlite import SQLiteBackend
    from resguardo.search.vocabulary import words

    backends = {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}
    if schema_editor.connection.vendor not in backends:
        return
    events = (apps.get_model("events", "Event").objects.filter(status="published")
              .select_related("language"))
    found = [document(event) for event in events]
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
    dependencies = [("events", "0001_initial"),
                    ("search", "0006_pages_and_events_indexes_and_words")]
    operations = [migrations.RunPython(index_events, migrations.RunPython.noop)]
