from django.db import migrations


def add_pairs(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.search.backends import postgres

    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in postgres.PAIRS:
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {postgres.TABLE})")
        indexed = cursor.fetchone()[0]
    if indexed:  # fill the pairs of documents indexed before this migration
        from resguardo.search.migrations._rebuild import rebuild

        rebuild(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_indexstate_token")]
    operations = [migrations.RunPython(add_pairs, migrations.RunPython.noop)]
