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


def variants(clause: Clause, algorithms: list[str]) -> list[tuple[str, ...]]:
    """The folded token sequences a clause stands for, one per stemming language."""
    seen: dict[tuple[str, ...], None] = {tuple(text.fold(w) for w in clause.words): None}
    for algorithm in algorithms:
        seen[tuple(text.stems(list(clause.words), algorithm))] = None
    return list(seen)
