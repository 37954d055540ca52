"""The knowledge pages already written go into their search index (search 0006 made it),
through the historical models: each page and translation in its own language."""

from django.db import migrations


def index_pages(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.pages.indexing import KIND, documents
    from resguardo.search.migrations._rebuild import index_kind

    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        return
    pages = (apps.get_model("pages", "Page").objects.filter(is_published=True)
             .select_related("language").prefetch_related("translations__language"))
    index_kind(apps, schema_editor, KIND, [d for page in pages for d in documents(page)])


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_page_translations"),
                    ("search", "0006_pages_and_events_indexes_and_words")]
    operations = [migrations.RunPython(index_pages, migrations.RunPython.noop)]
