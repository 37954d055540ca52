"""Spelling suggestions for a search that finds nothing: a close word that the index has.

The vocabulary is the words of titles, summaries and publishers (the `Word` table), not
of full texts: those are the words people look for, and a document's extracted text
brings debris ("bbreviated") that would make poor suggestions. A typed word is compared
(difflib's ratio) only with words that begin with its letter, found through the table's
index, and are within a typo or two of it by length and letter pairs.
"""

import difflib
from collections.abc import Iterable

from django.db import connection

from resguardo.search import text
from resguardo.search.backends.base import Document
from resguardo.search.models import Word
from resguardo.search.query import Query

MIN_CHARS = 3  # shorter words are too often both typos and real words to correct
MAX_CHARS = 60  # Word.key's length
CUTOFF = 0.75
MAX_WORDS = 6  # a longer search is not spelled out word by word


def words(documents: Iterable[Document]) -> dict[str, str]:
    """The words of the documents' titles and summaries worth suggesting: folded -> spelled."""
    found: dict[str, str] = {}
    for document in documents:
        stop = text.stop_words(document.algorithm)
        # As written ("Guatemala"), to be shown as it is; compared folded.
        for word in text.WORD.findall(text.clean(f"{document.title} {document.meta}")):
            key = text.fold(word)
            if MIN_CHARS <= len(key) <= MAX_CHARS and not key.isdigit() and key not in stop:
                found.setdefault(key, word)
    return found


def remember(kind: str, documents: Iterable[Document]) -> None:
    Word.objects.bulk_create([Word(kind=kind, key=k, spelled=w)
                              for k, w in words(documents).items()],
                             batch_size=500, ignore_conflicts=True)


def forget(kind: str) -> None:
    Word.objects.filter(kind=kind).delete()


def _pairs(word: str) -> set[str]:
    return {word[i:i + 2] for i in range(len(word) - 1)}


def _closest(key: str) -> list[str]:
    """Spelled words close to `key`, closest first: among the words of its first letter,
    those within one typo (two for a longer word) by their length and letter pairs (one
    typo changes at most two pairs: a set intersection, where difflib costs 20 µs a word),
    then ranked by difflib."""
    typos = 1 if len(key) <= 5 else 2
    pairs, wanted = _pairs(key), len(_pairs(key)) - 2 * typos
    # A plain cursor: the ORM's rows cost ten times the query for a few thousand words.
    table = connection.ops.quote_name(Word._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, spelled FROM {table} WHERE key >= %s AND key < %s "  # noqa: S608 (no input)
                       "AND LENGTH(key) BETWEEN %s AND %s",
                       [key[0], chr(ord(key[0]) + 1), len(key) - typos, len(key) + typos])
        rows = cursor.fetchall()
    spelled = {k: s for k, s in rows if len(pairs & _pairs(k)) >= wanted}
    return [spelled[k] for k in difflib.get_close_matches(key, spelled, n=3, cutoff=CUTOFF)]


def suggestions(query: Query) -> list[str]:
    """Up to three searches like `query` with each word the index does not have replaced by
    the closest one it has; none if every word is known or none has a close one."""
    words = [w for clause in query.positive for w in clause.words]
    if not words or len(words) > MAX_WORDS:
        return []
    keys = [text.fold(w) for w in words]
    known = set(Word.objects.filter(key__in=keys).values_list("key", flat=True))
    options: list[list[str]] = []
    for word, key in zip(words, keys, strict=True):
        unknown = key not in known and len(key) >= MIN_CHARS and not key.isdigit()
        options.append((_closest(key) if unknown else []) or [word])
    if all(o == [w] for o, w in zip(options, words, strict=True)):
        return []
    # The closest spelling of every word first, then each word's next ones in turn.
    found = [" ".join(o[0] for o in options)]
    for i, option in enumerate(options):
        for other in option[1:]:
            found.append(" ".join(other if j == i else o[0] for j, o in enumerate(options)))
    return list(dict.fromkeys(found))[:3]
