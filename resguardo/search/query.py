"""Parsing what a person typed into a search box.

Nothing typed here ever reaches a query language as syntax: the parser keeps only words
(letters and digits), quoted phrases and a leading minus, and each backend builds its
own query from those words, quoted or bound as parameters.
"""

import re
from dataclasses import dataclass, field

from resguardo.search import text

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 12
MAX_PHRASE_WORDS = 8
_PART = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Clause:
    words: tuple[str, ...]  # lower-cased, unfolded: each backend stems them its own way
    negated: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class Query:
    raw: str
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    def __bool__(self) -> bool:
        return bool(self.positive)


def parse(raw: str) -> Query:
    cleaned = text.clean(raw or "")[:MAX_QUERY_CHARS]
    clauses: list[Clause] = []
    for match in _PART.finditer(cleaned):
        minus = bool(match.group(1) or match.group(3))
        words = text.words(match.group(2) if match.group(2) is not None else match.group(4))
        # A hyphenated word such as "well-being" is a phrase of its parts.
        if words:
            clauses.append(Clause(tuple(words[:MAX_PHRASE_WORDS]), negated=minus))
        if len(clauses) >= MAX_CLAUSES:
            break
    if clauses and not any(not c.negated for c in clauses):
        # Only exclusions: there is nothing to exclude from, so search for the words.
        clauses = [Clause(c.words) for c in clauses]
    return Query(raw=cleaned.strip(), clauses=tuple(clauses))


@dataclass(frozen=True)
class Reading:
    """A query as one language reads it, for the documents indexed in that language: each
    clause's words folded and without the language's stop words (a clause of stop words
    only is left out, and so is an exclusion of one: a word that is not indexed cannot be
    excluded). When every word searched for is a stop word, the reading looks for those
    words in titles (`stop_only`), so a title such as "Who we are" can still be found."""

    algorithm: str
    positive: tuple[tuple[str, ...], ...]
    negative: tuple[tuple[str, ...], ...]
    stop_only: tuple[str, ...] = ()

    def stems(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(text.stem(list(words), self.algorithm))

    def tokens(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(text.named(list(self.stems(words)), self.algorithm))


def _prepared(clauses: tuple[Clause, ...], algorithm: str) -> tuple[tuple[str, ...], ...]:
    return tuple(p for c in clauses if (p := tuple(text.prepare(list(c.words), algorithm))))


def read(query: Query, algorithm: str) -> Reading:
    positive = _prepared(query.positive, algorithm)
    stop_only: tuple[str, ...] = ()
    if not positive:
        searched = [w for c in query.positive for w in c.words]
        stop_only = tuple(text.stop_tokens(searched, algorithm))
    return Reading(algorithm, positive, _prepared(query.negative, algorithm), stop_only)


def readings(query: Query, algorithms: list[str]) -> list[Reading]:
    """The query read in each language (and unstemmed, for documents in a language without
    a stemmer). Each reading is matched only against its own language's documents."""
    if not query:
        return []
    return [read(query, a) for a in dict.fromkeys([*sorted(algorithms), ""])]
