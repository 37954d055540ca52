"""Facet counts that do not scan every match.

Each worker keeps, per facet value, the set of resources that have it as a Roaring
bitmap. Filtering is AND-ing bitmaps and a count is the size of an intersection, so
counting every facet over 100,000 matches costs microseconds instead of a GROUP BY per
facet. The bitmaps are rebuilt when the search index's generation moves, which every
change to the published catalogue does (catalogue.indexing.index). The index also
keeps each facet's values as named in each language readers asked in (browse._values),
which editors' changes to terms and their translations move the version for too.
"""

import hashlib
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import reduce
from itertools import combinations, islice
from typing import TypeVar

from django.core.cache import cache
from django.db import models
from django_countries.fields import CountryField
from pyroaring import AbstractBitMap, FrozenBitMap

from resguardo.catalogue.models import Language, Resource
from resguardo.search import text
from resguardo.search.services import index_version

T = TypeVar("T")
REMEMBERED = 64  # search results kept per worker; a ranked one is at most ~160 KB
SHARED_SECONDS = 3600

# name in URLs -> field of Resource (a foreign key, many-to-many or plain column)
FIELDS = {
    "type": "resource_type",
    "theme": "themes",
    "strategy": "strategies",
    # What works / what is needed: the group of any of a resource's strategies.
    "group": "strategies__group",
    "language": "languages",
    "region": "regions",
    "audience": "audiences",
    "year": "year",
    "publisher": "publishers",
    "country": "countries",
    "rating": "rating",
}
# Facets whose value means "this or more": rating=4 is every resource rated 4 or 5, so each
# value's bitmap holds those of the values above it, and a count is still one intersection.
AT_LEAST = {"rating"}


def bitmap(ids: Iterable[int]) -> FrozenBitMap:
    return FrozenBitMap(ids)


EMPTY = FrozenBitMap()


def members(bits: AbstractBitMap, order: Sequence[int], positions: Sequence[int] | None = None,
            *, wanted: int | None = None) -> Iterator[int]:
    """The ids of `order` that are in `bits`, in that order. `positions` (where each id
    stands in `order`, indexed by id) and `wanted` (how many the caller will read) let a few
    ids be sorted instead of found by walking a long order."""
    count = len(bits)
    # Walking finds `wanted` ids in about wanted × len(order) / count steps (and stops once
    # it holds them all); sorting costs a few steps per id (measured: 2 to 4 at 100,000
    # resources, the lookups being scattered), so it wins only for a few ids.
    if positions is not None and 8 * count * count < min(wanted or count, count) * len(order):
        return iter(sorted(bits, key=positions.__getitem__))
    return islice((i for i in order if i in bits), count)


def positions_in(order: Sequence[int]) -> "array[int]":
    """Where each id stands in `order`, indexed by id (ids are small: they count rows)."""
    at = array("i", bytes(4 * (max(order, default=-1) + 1)))
    for place, i in enumerate(order):
        at[i] = place
    return at


@dataclass
class FacetIndex:
    version: str
    published: FrozenBitMap = EMPTY
    values: dict[str, dict[object, FrozenBitMap]] = field(default_factory=dict)
    newest: list[int] = field(default_factory=list)
    by_title: list[int] = field(default_factory=list)
    newest_at: "array[int]" = field(default_factory=lambda: array("i"))
    by_title_at: "array[int]" = field(default_factory=lambda: array("i"))
    stemmers: list[str] = field(default_factory=list)
    # Recent search matches, valid for exactly this version of the catalogue.
    remembered: OrderedDict[object, object] = field(default_factory=OrderedDict)
    # (facet, language) -> its values as browse names them in that language.
    named: dict[tuple[str, str], list[tuple[str, str, object]]] = field(default_factory=dict)

    def with_value(self, facet: str, value: object) -> FrozenBitMap:
        return self.values.get(facet, {}).get(value, EMPTY)

    def in_language(self, code: str) -> FrozenBitMap:
        """Published resources in a language of that primary subtag: "pt-br" finds those in
        pt and in pt-BR."""
        primary = code.split("-")[0].casefold()
        return FrozenBitMap.union(EMPTY, *(
            bits for value, bits in self.values.get("language", {}).items()
            if str(value).split("-")[0].casefold() == primary))

    def positions(self, order: Sequence[int]) -> "array[int] | None":
        """Where each id stands in `order`, if it is one of the orders the index keeps."""
        if order is self.newest:
            return self.newest_at
        return self.by_title_at if order is self.by_title else None

    def remember(self, key: object, compute: Callable[[], T]) -> T:
        """A search result for this version of the index: from this worker's memory, else
        from the cache the workers share, else computed (and kept in both)."""
        if key in self.remembered:
            self.remembered.move_to_end(key)
            return self.remembered[key]  # type: ignore[return-value]
        # Without a version (an index never written) nothing identifies the state to share.
        shared_key = "search:" + hashlib.sha256(f"{self.version}{key!r}".encode()).hexdigest()
        value = cache.get(shared_key) if self.version else None
        if value is None:
            value = compute()
            if self.version:
                cache.set(shared_key, value, SHARED_SECONDS)
        self.remembered[key] = value
        while len(self.remembered) > REMEMBERED:
            self.remembered.popitem(last=False)
        return value  # type: ignore[no-any-return]


def _pairs(column: str) -> Iterable[tuple[int, object]]:
    """(resource id, value) for a field, or for a column of its terms ("strategies__group":
    a join on the through table, read once per build)."""
    column, _, attribute = column.partition("__")
    field_ = Resource._meta.get_field(column)
    if isinstance(field_, models.ManyToManyField):
        through = field_.remote_field.through
        target = field_.m2m_reverse_field_name()
        assert through is not None
        value = f"{target}__{attribute}" if attribute else f"{target}_id"
        rows = through._default_manager.values_list("resource_id", value)
        return rows.iterator(5000)
    assert isinstance(field_, models.Field)
    if isinstance(field_, CountryField):
        # A list of countries is one column of ISO codes joined with commas ("GT,MX").
        lists = (Resource.objects.published().exclude(**{column: ""})
                 .values_list("id", column).iterator(5000))
        return ((i, code) for i, codes in lists for code in codes.split(",") if code)
    return (Resource.objects.published().exclude(**{f"{field_.attname}__isnull": True})
            .values_list("id", field_.attname).iterator(5000))


def at_least(values: dict[object, FrozenBitMap]) -> dict[object, FrozenBitMap]:
    """For each whole number from the greatest value down to the least, the resources
    with that value or a greater one."""
    numbers = [int(str(v)) for v in values]
    running, joined = EMPTY, dict[object, FrozenBitMap]()
    for number in range(max(numbers, default=0), min(numbers, default=1) - 1, -1):
        running = running | values.get(number, EMPTY)
        joined[number] = running
    return joined


def build(version: str) -> FacetIndex:
    published = Resource.objects.published()
    index = FacetIndex(version=version)
    index.published = bitmap(published.values_list("id", flat=True).iterator(5000))
    for name, column in FIELDS.items():
        groups: dict[object, list[int]] = {}
        for resource_id, value in _pairs(column):
            groups.setdefault(value, []).append(resource_id)
        index.values[name] = {value: bitmap(ids) & index.published
                              for value, ids in groups.items()}
        if name in AT_LEAST:
            index.values[name] = at_least(index.values[name])
    index.newest = list(published.order_by("-published_at", "-id")
                        .values_list("id", flat=True).iterator(5000))
    titles = published.values_list("id", "title").iterator(5000)
    index.by_title = [i for i, _ in sorted(titles, key=lambda it: (text.fold(it[1]), it[0]))]
    index.newest_at, index.by_title_at = positions_in(index.newest), positions_in(index.by_title)
    index.stemmers = sorted(set(
        Language.objects.filter(resources__status=Resource.Status.PUBLISHED)
        .exclude(stemmer="").values_list("stemmer", flat=True).distinct()
    ))
    return index


_lock = threading.Lock()
_current: FacetIndex | None = None


def current() -> FacetIndex:
    global _current
    version = index_version()
    index = _current
    if index is not None and index.version == version:
        return index
    with _lock:
        if _current is None or _current.version != version:
            _current = build(version)
        return _current


def sharing_themes(resource: Resource, index: FacetIndex | None = None, *,
                   exclude: Iterable[Resource] = (), limit: int = 5) -> list[int]:
    """Ids of published resources sharing the most themes with `resource` (newest first
    among equals), leaving out the resource itself and `exclude` (its other versions)."""
    index = index or current()
    theme_ids = [t.pk for t in resource.themes.all()][:6]
    own = {resource.pk} | {r.pk for r in exclude}
    bitmaps = [index.with_value("theme", t) for t in theme_ids]
    found: list[int] = []
    for size in range(len(bitmaps), 0, -1):
        at_least = FrozenBitMap.union(EMPTY, *(reduce(lambda a, b: a & b, group)
                                              for group in combinations(bitmaps, size)))
        for i in members(at_least, index.newest):
            if i not in own and i not in found:
                found.append(i)
                if len(found) == limit:
                    return found
    return found
