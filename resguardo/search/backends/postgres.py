"""PostgreSQL full-text search: a weighted tsvector per resource built with the text
search configuration of its language, a GIN index, and ts_rank. PostgreSQL gets the words
folded (case and accents) and without stop words (see search.text), so no extension is
needed for accent-insensitivity and both backends leave out the same words; the lexemes
it makes are then named by their language, as SQLite's tokens are."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from pyroaring import AbstractBitMap, BitMap

from resguardo.search import text
from resguardo.search.backends.base import Document, parse_ids
from resguardo.search.query import Query, Reading, readings

TABLE = "search_document"
# Knowledge pages (and their translations), and webinars and trainings, each in a table of
# their own: their ids are not resources' ids, and a search over resources stays as fast as
# without them. kind -> (table, key column)
TABLES = {"resources": (TABLE, "resource_id"),
          "pages": ("search_page_document", "document_id"),
          "events": ("search_event_document", "document_id")}


def create(table: str, key: str) -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {table} ({key} bigint PRIMARY KEY, "
        "title tsvector NOT NULL, vector tsvector NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS {table}_vector ON {table} USING gin (vector)",
        f"CREATE INDEX IF NOT EXISTS {table}_title ON {table} USING gin (title)",
    ]


CREATE = create(TABLE, "resource_id")
# Ranking reads every match's vector. Stored compressed (pglz finds the language codes of
# its lexemes worth compressing), each read pays for decompressing: ranking 3,000 matches
# took 36 ms instead of 22. Stored as it is, it costs a tenth more room.
def storage(table: str) -> list[str]:
    return [f"ALTER TABLE {table} ALTER COLUMN vector SET STORAGE EXTERNAL"]


STORAGE = storage(TABLE)
DROP = [f"DROP TABLE IF EXISTS {TABLE}"]
# Folded text of at most this many characters per field goes into a tsvector, which
# PostgreSQL limits to 1 MB; longer documents are searchable in their first part.
MAX_FIELD_CHARS = 600_000
# Phrases are matched on word pairs ("es_proteccion colect"): an exact GIN lookup,
# where a phrase query on the main vector must re-read every candidate's positions (640 ms
# for a phrase in 97% of 100,000 documents). The pairs are Snowball stems from PyStemmer,
# the same the SQLite index holds, so stop words between two words do not count on either.
# At most this many distinct pairs per document (the 1 MB tsvector limit); a phrase past
# them in a longer document is not found on PostgreSQL.
MAX_PAIRS = 30_000
def pairs_column(table: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS pairs tsvector NOT NULL DEFAULT ''",
        f"CREATE INDEX IF NOT EXISTS {table}_pairs ON {table} USING gin (pairs)",
    ]


PAIRS = pairs_column(TABLE)


def _named(tsvector: str) -> str:
    """SQL naming every lexeme of a tsvector by its language: through its text form, where
    each lexeme stands between quotes (the words PostgreSQL gets hold no quote)."""
    return f"regexp_replace(({tsvector})::text, '''([^'']+)''', %(names)s, 'g')::tsvector"


def insert(table: str, key: str) -> str:
    return (
        f"INSERT INTO {table} ({key}, title, vector, pairs) VALUES (%(id)s, "
        + _named("to_tsvector(%(config)s::regconfig, %(title)s)")
        + " || array_to_tsvector(%(stop)s::text[]), "
        + _named("setweight(to_tsvector(%(config)s::regconfig, %(title)s), 'A') || "
                 "setweight(to_tsvector(%(config)s::regconfig, %(meta)s), 'B') || "
                 "to_tsvector(%(config)s::regconfig, %(body)s)")
        + ", array_to_tsvector(%(pairs)s::text[])) "
        f"ON CONFLICT ({key}) DO UPDATE SET title = EXCLUDED.title, "
        "vector = EXCLUDED.vector, pairs = EXCLUDED.pairs"
    )


@lru_cache(maxsize=1)
def _configurations() -> frozenset[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        return frozenset(row[0] for row in cursor.fetchall())


def algorithm(name: str) -> str:
    """The language a document or query in this language is read in here: its own when
    PostgreSQL has a configuration for it, else none ("simple": words only folded)."""
    return name if name and name in _configurations() else ""


def configuration(language: str) -> str:
    return language or "simple"


def _prepared(value: str, language: str) -> str:
    return " ".join(text.prepare(text.words(value[:MAX_FIELD_CHARS]), language))


@contextmanager
def _indexed_cursor() -> Iterator[CursorWrapper]:
    """A cursor whose queries use the GIN index. For a word in most documents the planner
    prefers a sequential scan, which reads (and decompresses) every tsvector: 1.5 s at
    100,000 resources, against 40 ms for the index, which needs no vector for a word."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield cursor


def pairs(document: Document, language: str) -> list[str]:
    found: dict[str, None] = {}
    prefix = text.prefix(language)
    for field in (document.title, document.meta, document.body):
        stems = text.stems(text.words(field[:MAX_FIELD_CHARS]), language)
        found.update(dict.fromkeys(
            f"{prefix}{a} {b}" for a, b in zip(stems, stems[1:], strict=False)))
        if len(found) >= MAX_PAIRS:
            break
    return list(found)[:MAX_PAIRS]


@lru_cache(maxsize=256)
def _lexemes(wanted: tuple[tuple[str, str], ...]) -> dict[tuple[str, str], list[str]]:
    """PostgreSQL's lexemes of each (configuration, word), in one round trip; kept, as one
    search asks for the same words to match, to match in titles and to rank."""
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT c, w, tsvector_to_array(to_tsvector(c::regconfig, w)) "
                       "FROM unnest(%s::text[], %s::text[]) AS x(c, w)",
                       [[c for c, _ in wanted], [w for _, w in wanted]])
        return {(c, w): lexemes for c, w, lexemes in cursor.fetchall()}


def _quoted(lexeme: str) -> str:
    # Lexemes are letters, digits, "_" and a space, so quoting them is a full escape.
    return f"'{lexeme}'"


class _Compiled:
    """A query's readings as tsquery strings, with PostgreSQL's own stems of its words, so
    every part of the SQL is a bound parameter."""

    def __init__(self, query: Query, algorithms: list[str]):
        self.readings = readings(query, [algorithm(a) for a in algorithms])
        self.lexemes = _lexemes(tuple(sorted({
            (configuration(r.algorithm), w) for r in self.readings
            for clause in (*r.positive, *r.negative) for w in clause})))

    def word(self, reading: Reading, word: str) -> str:
        prefix = text.prefix(reading.algorithm)
        # A word PostgreSQL makes nothing of matches nothing: no lexeme is "_" after a name.
        found = self.lexemes.get((configuration(reading.algorithm), word)) or ["_"]
        return "(" + " & ".join(_quoted(prefix + lexeme) for lexeme in found) + ")"

    def clause(self, reading: Reading, words: tuple[str, ...]) -> str:
        """On the vector or the title, with positions: a phrase by PostgreSQL's <->."""
        return " <-> ".join(self.word(reading, w) for w in words)

    def positive(self, reading: Reading) -> str:
        if reading.stop_only:
            return " & ".join(_quoted(t) for t in reading.stop_only)
        return " & ".join(f"({self.clause(reading, words)})" for words in reading.positive)

    def ranking(self) -> str:
        """Every reading's words, for ts_rank and for matching titles."""
        return " | ".join(f"({self.positive(r)})" for r in self.readings)

    def predicates(self, reading: Reading, clauses: tuple[tuple[str, ...], ...],
                   join: str) -> list[tuple[str, str]]:
        """(column, tsquery) pairs: words on the vector, phrases on the word pairs."""
        words = [self.word(reading, c[0]) for c in clauses if len(c) == 1]
        phrases = [" & ".join(_quoted(p) for p in _pairs(reading, c))
                   for c in clauses if len(c) > 1]
        found = [("vector", f" {join} ".join(words))] if words else []
        if phrases:
            found.append(("pairs", f" {join} ".join(f"({p})" for p in phrases)))
        return found

    def where(self, table: str, key: str) -> tuple[str, list[str]]:
        """Words against the main vector, phrases against the pairs, and exclusions as a set
        found through the same indexes (a NOT on each row would read every candidate's
        vector). A reading of one predicate (most are) joins the others in one tsquery."""
        single: dict[str, list[str]] = {}
        several: list[list[tuple[str, str]]] = []
        for r in self.readings:
            found = ([("title", self.positive(r))] if r.stop_only
                     else self.predicates(r, r.positive, "&"))
            if len(found) == 1:
                single.setdefault(found[0][0], []).append(found[0][1])
            else:
                several.append(found)
        alternatives = [[(column, " | ".join(f"({q})" for q in queries))]
                        for column, queries in single.items()] + several
        where, params = _or(alternatives)
        excluded = [p for r in self.readings for p in self.predicates(r, r.negative, "|")]
        if excluded:
            subquery, excluded_params = _or([[p] for p in excluded])
            where += f" AND {key} NOT IN (SELECT {key} FROM {table} WHERE {subquery})"
            params += excluded_params
        return where, params


def _pairs(reading: Reading, words: tuple[str, ...]) -> list[str]:
    stems = reading.stems(words)
    prefix = text.prefix(reading.algorithm)
    return [f"{prefix}{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


def _or(alternatives: list[list[tuple[str, str]]]) -> tuple[str, list[str]]:
    parts = [" AND ".join(f"{column} @@ %s::tsquery" for column, _ in each)
             for each in alternatives]
    return ("(" + " OR ".join(f"({p})" for p in parts) + ")",
            [q for each in alternatives for _, q in each])


class PostgresBackend:
    # ts_rank reads each ranked document's tsvector out of its TOAST table: 20 to 45 ms per
    # 1,000 documents of ~5 KB at 100,000 resources (measured with a loaded machine), so
    # ranking stops much sooner than on SQLite.
    rank_limit = 1000

    def __init__(self, kind: str = "resources"):
        self.table, self.key = TABLES[kind]

    def index(self, documents: Iterable[Document]) -> None:
        rows: list[dict[str, Any]] = []
        for d in documents:
            language = algorithm(d.algorithm)
            rows.append({
                "id": d.id, "config": configuration(language),
                "names": f"'{text.prefix(language)}\\1'",
                "title": _prepared(d.title, language), "meta": _prepared(d.meta, language),
                "body": _prepared(d.body, language),
                "stop": text.stop_tokens(text.words(d.title), language),
                "pairs": pairs(d, language),
            })
        with connection.cursor() as cursor:
            cursor.executemany(insert(self.table, self.key), rows)

    def remove(self, ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE {self.key} = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    def match(self, query: Query, algorithms: list[str], *, title_only: bool = False
              ) -> BitMap:
        if not query:
            return BitMap()
        compiled = _Compiled(query, algorithms)
        if title_only:
            where, params = "title @@ %s::tsquery", [compiled.ranking()]
        else:
            where, params = compiled.where(self.table, self.key)
        with _indexed_cursor() as cursor:
            cursor.execute(f"SELECT string_agg({self.key}::text, ',') FROM {self.table} "
                           f"WHERE {where}", params)
            return parse_ids(cursor.fetchone()[0])

    def ranked(self, query: Query, algorithms: list[str], *,
               within: AbstractBitMap | None = None) -> list[int]:
        if not query:
            return []
        compiled = _Compiled(query, algorithms)
        where, params = compiled.where(self.table, self.key)
        if within is not None:
            where += f" AND {self.key} = ANY(%s)"
            params = [*params, list(within)]  # type: ignore[list-item]
        with _indexed_cursor() as cursor:
            cursor.execute(
                f"SELECT {self.key} FROM {self.table} WHERE {where} "
                f"ORDER BY ts_rank(vector, %s::tsquery) DESC, {self.key} DESC",
                [*params, compiled.ranking()],
            )
            return [row[0] for row in cursor.fetchall()]
