"""Browsing and searching the catalogue: filters from the URL, facet counts, ordering,
pages. One function serves the HTML page and its CSV and JSON twins."""

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from pyroaring import AbstractBitMap, FrozenBitMap

from resguardo.catalogue import facets
from resguardo.catalogue.models import (
    Audience,
    Language,
    Organisation,
    Region,
    Resource,
    ResourceType,
    Theme,
)
from resguardo.search import highlight
from resguardo.search.query import Query, parse
from resguardo.search.services import algorithm, backend

SORTS = {"relevance": _("Relevance"), "newest": _("Newest"), "title": _("Title")}
# facet name -> (heading, model whose rows are its values, URL key field)
SHOWN = {
    "type": (_("Type"), ResourceType, "slug"),
    "theme": (_("Theme"), Theme, "slug"),
    "language": (_("Language"), Language, "code"),
    "region": (_("Region"), Region, "slug"),
    "audience": (_("Audience"), Audience, "slug"),
    "year": (_("Year"), None, None),
}
FILTER_ONLY = {"publisher": (_("Publisher"), Organisation, "slug")}
# Every query parameter a listing reads.
PARAMS = ("q", "sort", "page", *facets.FIELDS)


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Browse:
    query: Query
    sort: str
    total: int
    page: Page  # type: ignore[type-arg]
    resources: list[Resource]
    facets: list[Facet]
    chosen: list[FacetValue] = field(default_factory=list)


class _OrderedIds:
    """The ids of a result in display order, computed only as far as a page needs."""

    def __init__(self, total: int, parts: list[tuple[AbstractBitMap, Sequence[int]]]):
        self.total, self.parts = total, parts

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[int]:
        ids: Iterator[int] = chain.from_iterable(facets.members(b, o) for b, o in self.parts)
        return list(islice(ids, window.start, window.stop))


def _values(name: str, index: facets.FacetIndex) -> list[tuple[str, str, object]]:
    """(URL key, label, bitmap key) for every value a facet can take."""
    if name == "year":
        years = sorted((int(str(y)) for y in index.values["year"]), reverse=True)
        return [(str(y), str(y), y) for y in years]
    _label, model, key_field = {**SHOWN, **FILTER_ONLY}[name]
    assert model is not None and key_field is not None
    rows: list[Model] = list(model._default_manager.all())
    return [(str(getattr(r, key_field)), str(r), r.pk) for r in rows]


def _selected(params: QueryDict) -> dict[str, list[str]]:
    return {name: params.getlist(name)[:10] for name in facets.FIELDS if params.getlist(name)}


def page_url(params: QueryDict, number: int | None) -> str | None:
    if number is None:
        return None
    changed = params.copy()
    changed["page"] = str(number)
    return "?" + changed.urlencode()


def _toggle_url(params: QueryDict, name: str, key: str) -> str:
    changed = params.copy()
    changed.pop("page", None)
    keys = changed.getlist(name)
    changed.setlist(name, [k for k in keys if k != key] if key in keys else keys + [key])
    return "?" + changed.urlencode()


def _matches(index: facets.FacetIndex, query: Query, *, title_only: bool = False
             ) -> FrozenBitMap:
    return index.remember(("match", query.clauses, title_only), lambda: FrozenBitMap(
        backend().match(query, index.stemmers, title_only=title_only)))


def _ranked(index: facets.FacetIndex, query: Query) -> Sequence[int]:
    return index.remember(("ranked", query.clauses), lambda: array(
        "q", backend().ranked(query, index.stemmers)))


def _order(index: facets.FacetIndex, query: Query, sort: str, result: AbstractBitMap
           ) -> list[tuple[AbstractBitMap, Sequence[int]]]:
    if sort == "title":
        return [(result, index.by_title)]
    if sort == "newest" or not query:
        return [(result, index.newest)]
    # A full ranking costs time in proportion to the matches; past the limit the words are
    # in so many documents that they rank nothing apart, so date order is kept instead.
    everything = _matches(index, query)
    limit = settings.SEARCH_RANK_LIMIT or backend().rank_limit
    ranking = _ranked(index, query) if len(everything) <= limit else index.newest
    in_title = _matches(index, query, title_only=True)
    return [(result & in_title, ranking), (result - in_title, ranking)]


def browse(params: QueryDict, *, page_size: int = 0) -> Browse:
    index = facets.current()
    query = parse(params.get("q", ""))
    sort = params.get("sort", "")
    sort = sort if sort in SORTS else ("relevance" if query else "newest")
    selected = _selected(params)
    values = {name: _values(name, index) for name in selected | SHOWN.keys()}

    result: AbstractBitMap = index.published
    chosen: list[FacetValue] = []
    for name, keys in selected.items():
        for key, label, value in values[name]:
            if key in keys:
                result = result & index.with_value(name, value)
                chosen.append(FacetValue(key, label, 0, True, _toggle_url(params, name, key)))
        if not any(key in keys for key, _l, _v in values[name]):
            result = facets.EMPTY  # an unknown value matches nothing, as a filter should
    if query:
        result = result & _matches(index, query)

    total = len(result)
    ordered = _OrderedIds(total, _order(index, query, sort, result))
    size = page_size or settings.PAGE_SIZE
    paginator: Paginator[int] = Paginator(ordered, size)  # type: ignore[arg-type]
    page = paginator.get_page(params.get("page"))
    return Browse(
        query=query, sort=sort, total=total, page=page,
        resources=_resources(list(page.object_list), query),
        facets=[_facet(name, values[name], index, result, selected, params) for name in SHOWN],
        chosen=chosen,
    )


def _facet(name: str, values: list[tuple[str, str, object]], index: facets.FacetIndex,
           result: AbstractBitMap, selected: dict[str, list[str]], params: QueryDict) -> Facet:
    shown = []
    for key, label, value in values:
        count = result.intersection_cardinality(index.with_value(name, value))
        is_selected = key in selected.get(name, [])
        if count or is_selected:
            shown.append(FacetValue(key, label, count, is_selected,
                                    _toggle_url(params, name, key)))
    if name != "year":
        shown.sort(key=lambda v: (not v.selected, -v.count))
    return Facet(name, str(SHOWN[name][0]), shown)


def _resources(ids: list[int], query: Query) -> list[Resource]:
    rows = (Resource.objects.filter(pk__in=ids).select_related("resource_type")
            .prefetch_related("publishers", "languages", "themes", "regions", "audiences"))
    if not query:
        rows = rows.defer("full_text")
    by_id = {r.pk: r for r in rows}
    ordered = [by_id[i] for i in ids if i in by_id]
    patterns: dict[str, re.Pattern[str] | None] = {}
    for resource in ordered:
        # Each text is marked as its own language read the query.
        language = algorithm(resource)
        if language not in patterns:
            patterns[language] = highlight.pattern(query, language) if query else None
        regex = patterns[language]
        # A search shows where the words are in the body; a plain listing, the summary.
        body = (resource.full_text or resource.description or resource.summary if query
                else resource.summary or resource.description)
        resource.snippet = highlight.snippet(body, regex)  # type: ignore[attr-defined]
    return ordered

