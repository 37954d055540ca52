from django.db import migrations


def _run(schema_editor, statements_for):  # type: ignore[no-untyped-def]
    from resguardo.search.backends import postgres, sqlite

    statements = {"sqlite": sqlite.CREATE, "postgresql": postgres.CREATE}
    if statements_for == "drop":
        statements = {"sqlite": sqlite.DROP, "postgresql": postgres.DROP}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, "create")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, "drop")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
