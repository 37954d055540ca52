"""PostgreSQL full-text search: a weighted tsvector per resource built with the text
search configuration of its language, a GIN index, and ts_rank. Text is folded (case and
accents) before PostgreSQL sees it, so no extension is needed for accent-insensitivity."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from pyroaring import BitMap

from resguardo.search import text
from resguardo.search.backends.base import Document, parse_ids
from resguardo.search.query import Clause, Query, variants

TABLE = "search_document"
CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (resource_id bigint PRIMARY KEY, "
    "title tsvector NOT NULL, vector tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_title ON {TABLE} USING gin (title)",
]
DROP = [f"DROP TABLE IF EXISTS {TABLE}"]
# Folded text of at most this many characters per field goes into a tsvector, which
# PostgreSQL limits to 1 MB; longer documents are searchable in their first part.
MAX_FIELD_CHARS = 600_000
# Phrases are matched on word pairs ("collect protect"): an exact GIN lookup, where a
# phrase query on the main vector must re-read every candidate's positions (640 ms for
# a phrase in 97% of 100,000 documents). The pairs are Snowball stems from PyStemmer, the
# same the SQLite index holds. At most this many distinct pairs per document (the 1 MB
# tsvector limit); a phrase past them in a longer document is not found on PostgreSQL.
MAX_PAIRS = 30_000
PAIRS = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS pairs tsvector NOT NULL DEFAULT ''",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_pairs ON {TABLE} USING gin (pairs)",
]


@lru_cache(maxsize=1)
def _configurations() -> frozenset[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        return frozenset(row[0] for row in cursor.fetchall())


def configuration(algorithm: str) -> str:
    return algorithm if algorithm in _configurations() else "simple"


def _folded(value: str) -> str:
    return " ".join(text.fold(w) for w in text.words(value[:MAX_FIELD_CHARS]))


@contextmanager
def _indexed_cursor() -> Iterator[CursorWrapper]:
    """A cursor whose queries use the GIN index. For a word in most documents the planner
    prefers a sequential scan, which reads (and decompresses) every tsvector: 1.5 s at
    100,000 resources, against 40 ms for the index, which needs no vector for a word."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield cursor


def pairs(document: Document) -> list[str]:
    found: dict[str, None] = {}
    for field in (document.title, document.meta, document.body):
        stems = text.stems(text.words(field[:MAX_FIELD_CHARS]), document.algorithm)
        found.update(dict.fromkeys(f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)))
        if len(found) >= MAX_PAIRS:
            break
    return list(found)[:MAX_PAIRS]


def _words_tsquery(clause: Clause, configs: list[str]) -> tuple[str, list[str]]:
    words = " ".join(text.fold(w) for w in clause.words)
    sql = " || ".join("phraseto_tsquery(%s::regconfig, %s)" for _ in configs)
    return f"({sql})", [p for config in configs for p in (config, words)]


def _pairs_tsquery(clause: Clause, algorithms: list[str]) -> str:
    # Stems are runs of letters and digits, so quoting them is a full escape.
    each = [" & ".join(f"'{a} {b}'" for a, b in zip(v, v[1:], strict=False))
            for v in variants(clause, algorithms) if all(v)]
    return " | ".join(f"({e})" for e in each) or "''"


def compile_tsquery(query: Query, algorithms: list[str], *, title_only: bool = False
                    ) -> tuple[str, list[str]]:
    """A tsquery expression over the main vector (or the title), for ranking."""
    configs = sorted({configuration(a) for a in algorithms} | {"simple"})
    parts: list[str] = []
    params: list[str] = []
    for clause in query.positive if title_only else query.clauses:
        sql, clause_params = _words_tsquery(clause, configs)
        parts.append(f"(!! {sql})" if clause.negated else sql)
        params += clause_params
    return " && ".join(parts), params


def _predicates(clauses: tuple[Clause, ...], algorithms: list[str]
                ) -> tuple[list[str], list[str]]:
    configs = sorted({configuration(a) for a in algorithms} | {"simple"})
    parts: list[str] = []
    params: list[str] = []
    for clause in clauses:
        if clause.is_phrase:
            parts.append("pairs @@ %s::tsquery")
            params.append(_pairs_tsquery(clause, algorithms))
        else:
            tsquery, clause_params = _words_tsquery(clause, configs)
            parts.append(f"vector @@ {tsquery}")
            params += clause_params
    return parts, params


def compile_where(query: Query, algorithms: list[str]) -> tuple[str, list[str]]:
    """A WHERE condition: words against the main vector, phrases against the pairs, and
    exclusions as a set found through the same indexes (a NOT on each row would have to
    read every candidate's vector)."""
    parts, params = _predicates(query.positive, algorithms)
    where = " AND ".join(f"({p})" for p in parts)
    if query.negative:
        excluded, excluded_params = _predicates(query.negative, algorithms)
        where += (f" AND resource_id NOT IN (SELECT resource_id FROM {TABLE} "
                  f"WHERE {' OR '.join(f'({e})' for e in excluded)})")
        params += excluded_params
    return where, params


class PostgresBackend:
    # ts_rank reads each match's tsvector: about 6 ms per 1,000 matches at 100,000
    # resources, so full ranking stops sooner than on SQLite.
    rank_limit = 5000

    def index(self, documents: Iterable[Document]) -> None:
        rows = []
        for d in documents:
            config = configuration(d.algorithm)
            rows.append((d.id, config, _folded(d.title), config, _folded(d.title),
                         config, _folded(d.meta), config, _folded(d.body), pairs(d)))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (resource_id, title, vector, pairs) VALUES (%s, "
                "to_tsvector(%s::regconfig, %s), "
                "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
                "to_tsvector(%s::regconfig, %s), array_to_tsvector(%s::text[])) "
                "ON CONFLICT (resource_id) DO UPDATE SET title = EXCLUDED.title, "
                "vector = EXCLUDED.vector, pairs = EXCLUDED.pairs",
                rows,
            )

    def remove(self, ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE resource_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def match(self, query: Query, algorithms: list[str], *, title_only: bool = False
              ) -> BitMap:
        if not query:
            return BitMap()
        if title_only:
            tsquery, params = compile_tsquery(query, algorithms, title_only=True)
            where = f"title @@ ({tsquery})"
        else:
            where, params = compile_where(query, algorithms)
        with _indexed_cursor() as cursor:
            cursor.execute(f"SELECT string_agg(resource_id::text, ',') FROM {TABLE} "
                           f"WHERE {where}", params)
            return parse_ids(cursor.fetchone()[0])

    def ranked(self, query: Query, algorithms: list[str]) -> list[int]:
        if not query:
            return []
        where, params = compile_where(query, algorithms)
        tsquery, rank_params = compile_tsquery(Query(query.raw, query.positive), algorithms)
        with _indexed_cursor() as cursor:
            cursor.execute(
                f"WITH q AS (SELECT ({tsquery}) AS q) SELECT resource_id FROM {TABLE}, q "
                f"WHERE {where} ORDER BY ts_rank(vector, q.q) DESC, resource_id DESC",
                rank_params + params,
            )
            return [row[0] for row in cursor.fetchall()]
