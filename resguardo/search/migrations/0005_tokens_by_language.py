"""The index now holds tokens named by their language and no stop words (search.text):
an index written before is rebuilt. SQLite's table is made again first, for its new
tokenizer; PostgreSQL's vectors are stored uncompressed. An empty index (a new install)
is only created."""

from django.db import migrations


def _indexed(schema_editor, table):  # type: ignore[no-untyped-def]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
        return bool(cursor.fetchone()[0])


def rebuild(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.search.backends import postgres, sqlite

    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        indexed = _indexed(schema_editor, sqlite.TABLE)
        for statement in [*sqlite.DROP, *sqlite.CREATE]:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        indexed = _indexed(schema_editor, postgres.TABLE)
        for statement in postgres.STORAGE:
            schema_editor.execute(statement)
    else:
        return
    if indexed:
        from resguardo.search.migrations._rebuild import rebuild

        rebuild(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_phrase_pairs"), ("catalogue", "0004_ingested_file")]
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
