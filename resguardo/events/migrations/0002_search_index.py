"""The published webinars and trainings go into their search index (search 0006 made it),
through the historical models."""

from django.db import migrations


def index_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.events.indexing import KIND, document
    from resguardo.search.migrations._rebuild import index_kind

    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        return
    events = (apps.get_model("events", "Event").objects.filter(status="published")
              .select_related("language"))
    index_kind(apps, schema_editor, KIND, [document(event) for event in events])


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"),
                    ("search", "0006_pages_and_events_indexes_and_words")]
    operations = [migrations.RunPython(index_events, migrations.RunPython.noop)]
