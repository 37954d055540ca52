"""SQLite FTS5. The table stores folded Snowball stems named by their language, without
stop words (see search.text), so stemming follows each document's language and accents
never matter; bm25() weighs the title above the summary and publishers, and those above
the body."""

import json
from collections.abc import Iterable

from django.db import connection
from pyroaring import AbstractBitMap, BitMap

from resguardo.search import text
from resguardo.search.backends.base import Document, parse_ids
from resguardo.search.query import Query, Reading, readings

TABLE = "search_fts"
# Knowledge pages (and their translations), and webinars and trainings, each in a table of
# their own: their ids are not resources' ids, and a search over resources stays as fast as
# without them.
TABLES = {"resources": TABLE, "pages": "search_fts_pages", "events": "search_fts_events"}
WEIGHTS = (10.0, 4.0, 1.0)


# "_" joins a token's language to its stem ("es_comun"); words never contain one.
TOKENIZE = "tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\""


def titles(table: str) -> str:
    """The table of the titles alone, for a search in titles: in the main table that reads
    every match's positions (7 ms for a word in 97% of 100,000 resources, 14 for a phrase);
    here only the titles' words are read."""
    return f"{table}_titles"


def create(table: str) -> list[str]:
    return [f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(title, meta, body, {TOKENIZE})",
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {titles(table)} USING fts5(title, {TOKENIZE})"]


def drop(table: str) -> list[str]:
    return [f"DROP TABLE IF EXISTS {table}", f"DROP TABLE IF EXISTS {titles(table)}"]


CREATE = create(TABLE)
DROP = drop(TABLE)


def algorithm(name: str) -> str:
    """The stemmer a document or query in this language gets here ("" for none)."""
    return name if text.stemmer(name) is not None else ""


def _quoted(tokens: tuple[str, ...]) -> str:
    # Tokens are runs of letters, digits and "_", so wrapping them in quotes is a full escape.
    return '"' + " ".join(tokens) + '"'


def _reading(reading: Reading, *, title_only: bool) -> str:
    if reading.stop_only:  # indexed in titles only
        positive = [_quoted((t,)) for t in reading.stop_only]
    else:
        positive = [_quoted(reading.tokens(words)) for words in reading.positive]
    expression = "(" + " AND ".join(positive) + ")"
    if reading.negative and not title_only:
        negative = [_quoted(reading.tokens(words)) for words in reading.negative]
        expression = f"({expression} NOT ({' OR '.join(negative)}))"
    return expression


def compile_match(query: Query, algorithms: list[str], *, title_only: bool = False) -> str:
    each = [_reading(r, title_only=title_only)
            for r in readings(query, [algorithm(a) for a in algorithms])
            if r.positive or r.stop_only]
    if not each:
        return ""
    expression = "(" + " OR ".join(each) + ")"
    return "{title} : " + expression if title_only else expression


class SQLiteBackend:
    # bm25() costs 2 to 15 ms per 1,000 matches at 100,000 resources of ~5 KB (the more
    # often the words are in each, the more): past 2,000 a search ranks what its filters
    # leave, or its title matches (browse._order).
    rank_limit = 2000

    def __init__(self, kind: str = "resources"):
        self.table = TABLES[kind]

    def index(self, documents: Iterable[Document]) -> None:
        rows = []
        for d in documents:
            language = algorithm(d.algorithm)
            # A title keeps its stop words too, apart, for queries made only of them.
            title = [text.analyse(d.title, language),
                     *text.stop_tokens(text.words(d.title), language)]
            rows.append((d.id, " ".join(title), text.analyse(d.meta, language),
                         text.analyse(d.body, language)))
        self.remove(r[0] for r in rows)
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {self.table} (rowid, title, meta, body) "
                               "VALUES (%s, %s, %s, %s)", rows)
            cursor.executemany(f"INSERT INTO {titles(self.table)} (rowid, title) "
                               "VALUES (%s, %s)", [(r[0], r[1]) for r in rows])

    def remove(self, ids: Iterable[int]) -> None:
        gone = [(i,) for i in ids]
        with connection.cursor() as cursor:
            for table in (self.table, titles(self.table)):
                cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", gone)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            for table in (self.table, titles(self.table)):
                cursor.execute(f"DELETE FROM {table}")

    def match(self, query: Query, algorithms: list[str], *, title_only: bool = False
              ) -> BitMap:
        expression = compile_match(query, algorithms, title_only=title_only)
        if not expression:
            return BitMap()
        table = titles(self.table) if title_only else self.table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH %s",
                           [expression])
            return parse_ids(cursor.fetchone()[0])

    def ranked(self, query: Query, algorithms: list[str], *,
               within: AbstractBitMap | None = None) -> list[int]:
        expression = compile_match(query, algorithms)
        if not expression:
            return []
        weights = ", ".join(str(w) for w in WEIGHTS)
        # "+rowid": a test on each match (bm25 is then computed for those kept only); a
        # plain rowid IN would be handed to FTS5, which looks each id up (60 times slower).
        among, params = "", [expression]
        if within is not None:
            among = " AND +rowid IN (SELECT value FROM json_each(%s))"
            params.append(json.dumps(list(within)))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s{among} "
                f"ORDER BY bm25({self.table}, {weights}), rowid DESC",
                params,
            )
            return [row[0] for row in cursor.fetchall()]
