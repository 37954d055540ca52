import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from pyroaring import AbstractBitMap, BitMap

from resguardo.search.query import Query


def parse_ids(joined: str | None) -> BitMap:
    """Ids a database joined with commas. One joined string instead of a row per match
    keeps a search for a word in nearly every document cheap to read; read as a JSON list
    (in C) it costs half of splitting it and converting each id (10 ms instead of 25 for
    97,000 ids, measured)."""
    return BitMap(json.loads(f"[{joined}]")) if joined else BitMap()


@dataclass(frozen=True)
class Document:
    """What the index keeps of a resource: three fields ranked in this order."""

    id: int
    algorithm: str  # Snowball / PostgreSQL configuration name of its main language
    title: str
    meta: str  # summary and publisher names
    body: str  # description and full text


class SearchBackend(Protocol):
    # Above this many matches a full relevance ranking costs too much; see browse._order.
    rank_limit: int

    def __init__(self, kind: str = "resources") -> None: ...

    def index(self, documents: Iterable[Document]) -> None: ...

    def remove(self, ids: Iterable[int]) -> None: ...

    def clear(self) -> None: ...

    def match(self, query: Query, algorithms: list[str], *, title_only: bool = False
              ) -> BitMap:
        """Ids of every document matching the query."""
        ...

    def ranked(self, query: Query, algorithms: list[str], *,
               within: AbstractBitMap | None = None) -> list[int]:
        """Ids of every matching document (of those `within`, if given), most relevant
        first. A ranking costs time in proportion to the documents it ranks."""
        ...
