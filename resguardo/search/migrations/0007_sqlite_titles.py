"""On SQLite, each index gets a table of its titles alone (search.backends.sqlite.titles):
a search in titles no longer reads every match's positions in the whole index. Filled
from the titles the index holds already; PostgreSQL has its own title column."""

from django.db import migrations


def create_titles(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.search.backends import sqlite

    if schema_editor.connection.vendor != "sqlite":
        return
    for table in sqlite.TABLES.values():
        for statement in sqlite.create(table):
            schema_editor.execute(statement)
        titles = sqlite.titles(table)
        schema_editor.execute(f"DELETE FROM {titles}")
        schema_editor.execute(f"INSERT INTO {titles} (rowid, title) "
                              f"SELECT rowid, title FROM {table}")


def drop_titles(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.search.backends import sqlite

    if schema_editor.connection.vendor != "sqlite":
        return
    for table in sqlite.TABLES.values():
        schema_editor.execute(f"DROP TABLE IF EXISTS {sqlite.titles(table)}")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_pages_and_events_indexes_and_words")]
    operations = [migrations.RunPython(create_titles, drop_titles)]
