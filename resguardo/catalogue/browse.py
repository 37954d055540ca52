"""Browsing and searching the catalogue: filters from the URL, facet counts, ordering,
pages. One function serves the HTML page and its CSV and JSON twins."""

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model, Prefetch
from django.db.models.functions import Substr
from django.http import QueryDict
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from pyroaring import AbstractBitMap, FrozenBitMap

from resguardo.catalogue import facets, indexing, places
from resguardo.catalogue.models import (
    Audience,
    Language,
    Organisation,
    Region,
    Resource,
    ResourceType,
    Strategy,
    Term,
    Theme,
)
from resguardo.search import highlight
from resguardo.search.query import MAX_QUERY_CHARS, Query, parse
from resguardo.search.services import backend

SORTS = {"relevance": _("Relevance"), "newest": _("Newest"), "title": _("Title"),
         "rating": _("Best rated")}
# facet name -> (heading, model whose rows are its values, URL key field)
SHOWN = {
    "type": (_("Type"), ResourceType, "slug"),
    "theme": (_("Theme"), Theme, "slug"),
    "group": (_("What works / What is needed"), None, None),
    "strategy": (_("Strategy"), Strategy, "slug"),
    "language": (_("Language"), Language, "code"),
    "region": (_("Region"), Region, "slug"),
    "country": (_("Country"), None, None),
    "audience": (_("Audience"), Audience, "slug"),
    "year": (_("Year"), None, None),
    "rating": (_("Curators’ rating"), None, None),
}
# Facets that keep their own order (newest year, best rating first, the coalition's order
# of its two groups) rather than the most frequent first.
IN_ORDER = {"year", "rating", "group"}
# Facets one value of which is chosen at a time: choosing another replaces it.
ONE_OF = {"rating"}
RATINGS = range(5, 0, -1)
FILTER_ONLY = {"publisher": (_("Publisher"), Organisation, "slug")}
# The facets whose values are terms, and Resource's field for each.
TERM_FACETS = {"type": "resource_type", "theme": "themes", "audience": "audiences",
               "region": "regions", "strategy": "strategies"}
# Every query parameter a listing reads.
PARAMS = ("q", "sort", "page", *facets.FIELDS)


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool
    # Or a function giving it, which a template calls when it reads `url`: a facet may have
    # hundreds of values (countries) where a page links twenty, and making a toggle URL
    # costs ~40 µs, so 249 of them were most of a catalogue page's time (measured).
    url: str | Callable[[], str]

    @property
    def short_label(self) -> str:
        """The label as a list of filters shows it: at most 60 characters."""
        return clipped(self.label, 60)


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    def listed(self) -> SafeString:
        """The first values as the page lists them (catalogue.html), made here: in the
        template, the ~200 values of a page took 6 of its 20 ms (measured at 100,000)."""
        shown = self.values[:LISTED_VALUES]
        return format_html_join("", "{}", ((_item(value),) for value in shown))


LISTED_VALUES = 20


def _item(value: FacetValue) -> SafeString:
    url = value.url() if callable(value.url) else value.url
    count = formats.localize(value.count)
    if value.selected:
        return format_html('<li><a href="{}" aria-current="true" class="on"><span class="vh">'
                           "{} </span>{}</a> <span class=\"count\">{}</span></li>",
                           url, _("Remove filter:"), value.short_label, count)
    return format_html('<li><a href="{}">{}</a> <span class="count">{}</span></li>',
                       url, value.short_label, count)


@dataclass
class Browse:
    query: Query
    sort: str
    total: int
    page: Page  # type: ignore[type-arg]
    resources: list[Resource]
    facets: list[Facet]
    chosen: list[FacetValue] = field(default_factory=list)
    # The reader's language, whose resources the default order put first ("" when the
    # reader chose a sort); reader_first: that changed the order (there were both).
    first_language: str = ""
    reader_first: bool = False


Parts = list[tuple[AbstractBitMap, Sequence[int]]]


class _OrderedIds:
    """The ids of a result in display order, computed only as far as a page needs: the
    result is in parts, each a bitmap in an order, and a part before the page is skipped by
    its size alone."""

    def __init__(self, index: facets.FacetIndex, total: int, parts: Parts):
        self.index, self.total, self.parts = index, total, parts

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[int]:
        start, stop, ids = window.start or 0, window.stop, list[int]()
        for bits, order in self.parts:
            size = len(bits)
            if start < size:
                found = facets.members(bits, order, self.index.positions(order),
                                       wanted=min(stop, size))
                ids += islice(found, start, stop)
            if stop <= size:
                break
            start, stop = max(0, start - size), stop - size
        return ids


def _values(name: str, index: facets.FacetIndex) -> list[tuple[str, str, object]]:
    """(URL key, label, bitmap key) for every value a facet can take, named in the active
    language. Read once per catalogue version, worker and language: every change to these
    rows moves the version (search/admin.MarksChanges), and they are kept per language, so a
    name never reaches a reader of another language."""
    if name == "year":
        years = sorted((int(str(y)) for y in index.values["year"]), reverse=True)
        return [(str(y), str(y), y) for y in years]
    if name == "rating":
        return [(str(r), rating_label(r), r) for r in RATINGS]
    if name == "group":  # the two values the coalition named, in its order
        return [(str(value), str(label), value) for value, label in Strategy.Group.choices]
    key = (name, get_language() or settings.LANGUAGE_CODE)
    if key not in index.named:
        index.named[key] = (places.named(index.values.get(name, {}), key[1])
                            if name == "country" else _named(name))
    return index.named[key]


def rating_label(rating: int) -> str:
    if rating == max(RATINGS):
        return _("%(n)d out of 5") % {"n": rating}
    return _("%(n)d and more") % {"n": rating}


def _named(name: str) -> list[tuple[str, str, object]]:
    _label, model, key_field = {**SHOWN, **FILTER_ONLY}[name]
    assert model is not None and key_field is not None
    if issubclass(model, Term):
        rows: list[Model] = list(model.objects.localized())  # type: ignore[attr-defined, union-attr]
    else:
        rows = list(model._default_manager.all())
    return [(str(getattr(r, key_field)), str(r), r.pk) for r in rows]


def _in_groups(strategies: list[tuple[str, str, object]], selected: dict[str, list[str]]
               ) -> list[tuple[str, str, object]]:
    """With "What is needed" (or "What works") chosen, the strategy filter offers that
    group's strategies only (and those chosen already): a resource may be in both."""
    wanted = set(Strategy.objects.filter(group__in=selected["group"])
                 .values_list("pk", flat=True))
    chosen = selected.get("strategy", [])
    return [value for value in strategies if value[2] in wanted or value[0] in chosen]


def _selected(params: QueryDict) -> dict[str, list[str]]:
    selected = {name: params.getlist(name)[:10] for name in facets.FIELDS
                if params.getlist(name)}
    if "country" in selected:  # "gt" as a person may type it is GT
        selected["country"] = [code.upper() for code in selected["country"]]
    return selected


def _toggled(keys: list[str], key: str, *, one_of: bool) -> list[str]:
    if key in keys:
        return [k for k in keys if k != key]
    return [key] if one_of else keys + [key]


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
    if name == "country":  # read as upper case (_selected), so toggled as such
        keys = [code.upper() for code in keys]
    changed.setlist(name, _toggled(keys, key, one_of=name in ONE_OF))
    return "?" + changed.urlencode()


def _matches(index: facets.FacetIndex, query: Query, *, title_only: bool = False
             ) -> FrozenBitMap:
    return index.remember(("match", query.clauses, title_only), lambda: FrozenBitMap(
        backend().match(query, index.stemmers, title_only=title_only)))


def _ranked(index: facets.FacetIndex, query: Query) -> Sequence[int]:
    return index.remember(("ranked", query.clauses), lambda: array(
        "q", backend().ranked(query, index.stemmers)))


# Words in more than 1/COMMON of the library are not ranked past the limit (_order).
COMMON = 4


def _ranked_within(index: facets.FacetIndex, query: Query, ids: AbstractBitMap
                   ) -> Sequence[int]:
    """The ids of `ids` in order of relevance (not kept: the filters vary too much)."""
    return array("q", backend().ranked(query, index.stemmers, within=ids))


def _order(index: facets.FacetIndex, query: Query, sort: str, result: AbstractBitMap
           ) -> Parts:
    if sort == "title":
        return [(result, index.by_title)]
    if sort == "rating":  # best rated first, newest first among equals, unrated last
        parts, better = [], facets.EMPTY
        for rating in RATINGS:
            at_least = index.with_value("rating", rating)
            parts.append((result & (at_least - better), index.newest))
            better = better | at_least
        return [*parts, (result - better, index.newest)]
    if sort == "newest" or not query:
        return [(result, index.newest)]
    # Title matches first, each part most relevant first. A ranking costs time in
    # proportion to what it ranks, so past the limit only what the filters leave is ranked,
    # or if that is still too many, its title matches, and the rest in date order. Words in
    # more than a quarter of the library rank nothing apart (their weight, bm25's IDF, is
    # near nothing), and finding a few among their matches costs as much as reading them
    # all (30 to 50 ms at 100,000 resources): date order then.
    limit = settings.SEARCH_RANK_LIMIT or backend().rank_limit
    in_title = _matches(index, query, title_only=True)
    titled, untitled = result & in_title, result - in_title
    everything = len(_matches(index, query))
    common = everything * COMMON > len(index.published)
    ranking: Sequence[int] = index.newest
    if everything <= limit:
        ranking = _ranked(index, query)
    elif not common and len(result) <= limit:
        ranking = _ranked_within(index, query, result)
    elif not common and len(titled) <= limit:
        return [(titled, _ranked_within(index, query, titled)), (untitled, ranking)]
    return [(titled, ranking), (untitled, ranking)]


def _reader_first(parts: Parts, mine: AbstractBitMap) -> Parts:
    """The same order, with the resources in `mine` (the reader's language) first."""
    return [(bits & mine, order) for bits, order in parts] + [
        (bits - mine, order) for bits, order in parts]


def shortened(params: QueryDict) -> tuple[QueryDict, bool]:
    """The listing's parameters with a search longer than the box takes (a pasted paragraph,
    a link from elsewhere) cut at the end of its last whole word, and whether it was: the
    page then says so, and its links carry the search as it was read."""
    raw = params.get("q", "")
    if len(raw) <= MAX_QUERY_CHARS:
        return params, False
    head = raw[:MAX_QUERY_CHARS]
    through_a_word = not raw[MAX_QUERY_CHARS].isspace() and not head[-1].isspace()
    if through_a_word and len(head.split()) > 1:
        head = head.rsplit(None, 1)[0]  # the last word was cut through: leave it out
    cut = params.copy()
    cut["q"] = head.rstrip()
    return cut, True


def browse(params: QueryDict, *, page_size: int = 0, terms: bool = False) -> Browse:
    """A listing as `params` ask for it. Unless the reader chose a sort, resources in the
    reader's language (the interface's) come first, each group in the usual order. With
    `terms`, each resource comes with its themes, strategies, regions and audiences (the
    CSV and JSON twins list them; a page shows its type, publishers and languages only)."""
    index = facets.current()
    query = parse(params.get("q", ""))
    sort = params.get("sort", "")
    chosen_sort = sort in SORTS
    sort = sort if chosen_sort else ("relevance" if query else "newest")
    selected = _selected(params)
    values = {name: _values(name, index) for name in selected | SHOWN.keys()}
    if "group" in selected:
        values["strategy"] = _in_groups(values["strategy"], selected)

    result: AbstractBitMap = index.published
    chosen: list[FacetValue] = []
    for name, keys in selected.items():
        for key, label, value in values[name]:
            if key in keys:
                result = result & index.with_value(name, value)
                chosen.append(FacetValue(key, label, 0, True, _toggle_url(params, name, key)))
        known = {key for key, _l, _v in values[name]}
        if not known.intersection(keys):
            result = facets.EMPTY  # an unknown value matches nothing, as a filter should
        for key in (k for k in keys if k not in known):  # still offered back, to remove
            label = places.name(key) if name == "country" else key
            chosen.append(FacetValue(key, label, 0, True, _toggle_url(params, name, key)))
    if query:
        result = result & _matches(index, query)

    total = len(result)
    parts, reader_first = _order(index, query, sort, result), False
    first_language = "" if chosen_sort else (get_language() or settings.LANGUAGE_CODE)
    if first_language:
        mine = result & index.in_language(first_language)
        parts, reader_first = _reader_first(parts, mine), 0 < len(mine) < total
    ordered = _OrderedIds(index, total, parts)
    size = page_size or settings.PAGE_SIZE
    paginator: Paginator[int] = Paginator(ordered, size)  # type: ignore[arg-type]
    page = paginator.get_page(params.get("page"))
    return Browse(
        query=query, sort=sort, total=total, page=page,
        resources=_resources(list(page.object_list), query, index, terms=terms),
        facets=[_facet(name, values[name], index, result, selected, params) for name in SHOWN],
        chosen=chosen, first_language=first_language, reader_first=reader_first,
    )


def _adding(params: QueryDict, name: str) -> Callable[[str], str | Callable[[], str]]:
    """What makes a facet value's toggle URL. A facet the address does not name yet gets
    each value added at the end of the same query string, so it is made once and each value
    costs one quote (a copy of the parameters each cost ~40 µs, for up to 200 values)."""
    if name in params:
        return lambda key: partial(_toggle_url, params, name, key)
    rest = params.copy()
    rest.pop("page", None)
    base = rest.urlencode()
    start = f"?{base}&" if base else "?"
    return lambda key: start + urlencode({name: key})


def _facet(name: str, values: list[tuple[str, str, object]], index: facets.FacetIndex,
           result: AbstractBitMap, selected: dict[str, list[str]], params: QueryDict) -> Facet:
    shown = []
    url = _adding(params, name)
    for key, label, value in values:
        count = result.intersection_cardinality(index.with_value(name, value))
        is_selected = key in selected.get(name, [])
        if count or is_selected:
            shown.append(FacetValue(key, label, count, is_selected, url(key)))
    if name not in IN_ORDER:
        shown.sort(key=lambda v: (not v.selected, -v.count))
    return Facet(name, str(SHOWN[name][0]), shown)


def clipped(text: str, most: int) -> str:
    """`text` cut to at most `most` characters with an ellipsis (Django's truncatechars,
    which walks every character: most names and titles are short enough as they are)."""
    return text if len(text) <= most else Truncator(text).chars(most)


@dataclass
class Listed:
    """What a listing shows of a resource besides its own fields (for_listing)."""

    title: str
    publishers: list[str]
    more_publishers: int
    languages: list[Language]


def for_listing(resources: list[Resource], index: facets.FacetIndex) -> None:
    """What catalogue/_item.html shows of each resource, made ready: its type named in the
    active language, its title cut, its first two publishers' names and how many more, its
    languages (publishers and languages loaded with them). A template reads attributes;
    each related manager and filter it would call costs more than the item's whole line."""
    labels = {pk: label for _key, label, pk in _values("type", index)}
    for resource in resources:
        if resource.resource_type.pk in labels:
            resource.resource_type.translated_name = labels[resource.resource_type.pk]
        publishers = [p.name for p in resource.publishers.all()]
        resource.listed = Listed(  # type: ignore[attr-defined]
            title=clipped(resource.title, 160),
            publishers=[clipped(name, 60) for name in publishers[:2]],
            more_publishers=max(0, len(publishers) - 2),
            languages=list(resource.languages.all()))


def name_terms(resources: list[Resource], index: facets.FacetIndex) -> None:
    """Name the type, themes, audiences and regions of `resources` (loaded with them) in
    the active language, from the names the facets keep: no query."""
    for facet, column in TERM_FACETS.items():
        labels = {pk: label for _key, label, pk in _values(facet, index)}
        for resource in resources:
            terms = ([resource.resource_type] if column == "resource_type"
                     else getattr(resource, column).all())
            for term in terms:
                if term.pk in labels:
                    term.translated_name = labels[term.pk]


# Of the text a search shows a snippet of, the part read: where the words first appear in
# the first 20,000 characters, else the description (a report of megabytes read whole for a
# line of it cost a reader's search its time).
SNIPPET_SOURCE = 20_000


LISTED = ("title", "slug", "summary", "description", "year", "rating", "resource_type__name",
          "resource_type__slug")


def _resources(ids: list[int], query: Query, index: facets.FacetIndex, *,
               terms: bool = False) -> list[Resource]:
    rows = (Resource.objects.filter(pk__in=ids).order_by().select_related("resource_type"))
    if terms:
        rows = rows.defer("full_text").prefetch_related(
            "publishers", "languages", "themes", "regions", "audiences", "strategies")
    else:  # what a listing shows (catalogue/_item.html): a third of the time to load
        rows = rows.only(*LISTED).prefetch_related(
            Prefetch("publishers", Organisation.objects.only("name")),
            Prefetch("languages", Language.objects.only("native_name", "stemmer")))
    if query:
        rows = rows.annotate(head=Substr("full_text", 1, SNIPPET_SOURCE))
    by_id = {r.pk: r for r in rows}
    ordered = [by_id[i] for i in ids if i in by_id]
    for_listing(ordered, index)
    if terms:
        name_terms(ordered, index)
    patterns: dict[str, re.Pattern[str] | None] = {}
    for resource in ordered:
        # Each text is marked as its own language read the query.
        language = indexing.algorithm(resource)
        if language not in patterns:
            patterns[language] = highlight.pattern(query, language) if query else None
        regex = patterns[language]
        # A search shows where the words are in the body; a plain listing, the summary.
        if regex is not None:
            body = next((text for text in (resource.head, resource.description,  # type: ignore[attr-defined]
                                           resource.summary) if text and regex.search(text)),
                        resource.description or resource.summary)
        else:
            body = resource.summary or resource.description
        resource.snippet = highlight.snippet(body, regex)  # type: ignore[attr-defined]
    return ordered
