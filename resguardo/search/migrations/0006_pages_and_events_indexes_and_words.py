"""Knowledge pages, and webinars and trainings, get an index each (the pages and events
apps fill them), and the index keeps
the words of titles, summaries and publishers for spelling suggestions: those of the
resources already indexed are gathered here, through the historical models."""

from django.db import migrations, models


KINDS = ["pages", "events"]


def create_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.search.backends import postgres, sqlite

    vendor = schema_editor.connection.vendor
    for kind in KINDS:
        if vendor == "sqlite":
            statements = sqlite.create(sqlite.TABLES[kind])
        elif vendor == "postgresql":
            table, key = postgres.TABLES[kind]
            statements = [*postgres.create(table, key), *postgres.storage(table),
                          *postgres.pairs_column(table)]
        else:
            return
        for statement in statements:
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.search.backends import postgres, sqlite

    vendor = schema_editor.connection.vendor
    for kind in KINDS:
        if vendor == "sqlite":
            for statement in sqlite.drop(sqlite.TABLES[kind]):
                schema_editor.execute(statement)
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TABLE IF EXISTS {postgres.TABLES[kind][0]}")


def gather_words(apps, schema_editor):  # type: ignore[no-untyped-def]
    from resguardo.search.backends.base import Document
    from resguardo.search.vocabulary import words

    word = apps.get_model("search", "Word")
    resources = (apps.get_model("catalogue", "Resource").objects.filter(status="published")
                 .only("title", "summary").order_by("pk")
                 .prefetch_related("languages", "publishers"))
    last = 0
    while batch := list(resources.filter(pk__gt=last)[:500]):
        documents = [Document(
            id=r.pk, algorithm=next((lang.stemmer for lang in r.languages.all()), ""),
            title=r.title, meta=" ".join([r.summary, *(p.name for p in r.publishers.all())]),
            body="") for r in batch]
        word.objects.bulk_create([word(kind="resources", key=k, spelled=s)
                                  for k, s in words(documents).items()], ignore_conflicts=True)
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("search", "0005_tokens_by_language"), ("catalogue", "0004_ingested_file")]
    operations = [
        migrations.CreateModel(
            name="Word",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=20)),
                ("key", models.CharField(max_length=60)),
                ("spelled", models.CharField(max_length=60)),
            ],
            options={
                "indexes": [models.Index(fields=["key"], name="search_word_key")],
                "constraints": [models.UniqueConstraint(fields=("kind", "key"),
                                                        name="search_word_one_per_kind")],
            },
        ),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(gather_words, migrations.RunPython.noop),
    ]
