"""An install upgraded from an index written the old way (tokens not named by their
language, stop words kept) is rebuilt by migration 0005 and searches as a new one."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from resguardo.catalogue import facets
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db
migration = importlib.import_module("resguardo.search.migrations.0005_tokens_by_language")


def titles(client, q: str) -> list[str]:
    facets._current = None
    response = client.get(reverse("catalogue:catalogue"), {"q": q})
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def _write_the_old_way() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("UPDATE search_fts SET title = 'la proteccion colect', meta = '', "
                           "body = ''")
        else:
            old = "to_tsvector('simple', 'la proteccion colectiva')"
            cursor.execute(f"UPDATE search_document SET title = {old}, vector = {old}, "
                           "pairs = ''")


def test_the_upgrade_rebuilds_an_index_written_before(client):
    make_resource("La protección colectiva", languages=["es"])
    _write_the_old_way()
    assert titles(client, "protecciones") == []
    # The migration only runs statements through its schema editor, and reads the models
    # as they were when it was written (today's may have columns an old database lacks).
    editor = SimpleNamespace(connection=connection,
                             execute=lambda sql: connection.cursor().execute(sql))
    then = MigrationExecutor(connection).loader.project_state(
        [("search", "0004_phrase_pairs"), ("catalogue", "0004_ingested_file")]).apps
    migration.rebuild(then, editor)
    assert titles(client, "protecciones") == ["La protección colectiva"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage")
def test_postgresql_stores_vectors_uncompressed_for_ranking():
    with connection.cursor() as cursor:
        cursor.execute("SELECT attstorage FROM pg_attribute WHERE attname = 'vector' "
                       "AND attrelid = 'search_document'::regclass")
        assert cursor.fetchone()[0] == "e"
