from django.db import migrations


def create(apps, schema_editor):
    from resguardo.search.backends import postgres, sqlite

    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(sqlite.CREATE)
    elif schema_editor.connection.vendor == "postgresql":
        for statement in postgres.CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    from resguardo.search.backends import postgres, sqlite

    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(sqlite.DROP)
    elif schema_editor.connection.vendor == "postgresql":
        for statement in postgres.DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
