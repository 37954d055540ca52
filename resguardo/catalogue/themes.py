"""A theme as its own page shows it, and the strategies as the home page leads into them:
counted and listed from the facet bitmaps (catalogue/facets.py), so a theme with a thousand
resources costs a few intersections and one query for the few resources shown."""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.shortcuts import get_object_or_404
from pyroaring import AbstractBitMap

from resguardo.catalogue import facets
from resguardo.catalogue.browse import for_listing
from resguardo.catalogue.models import Resource, Strategy, Theme

# Up to this many strategies, a theme's page shows each one's examples and newest
# resources; a theme with more lists them shortly (name, count, a line of description),
# each leading to its resources in the catalogue. Measured with every field full (gzip):
# 50 strategies in detail weigh 20 KB, over one flight; 20 in detail 9.4 KB, 50 shortly 8.6.
DETAILED_UP_TO = 20
SHOWN_PER_STRATEGY = 2
SHOWN_FOR_THEME = 6


@dataclass
class StrategyShown:
    strategy: Strategy
    count: int
    ids: list[int] = field(default_factory=list)  # of the newest resources shown
    resources: list[Resource] = field(default_factory=list)


@dataclass
class Group:
    key: str
    label: str
    strategies: list[StrategyShown]


@dataclass
class ThemeOverview:
    theme: Theme
    description: str
    groups: list[Group]
    resources: list[Resource]
    total: int
    detailed: bool


def groups(strategies: list[Strategy], index: facets.FacetIndex,
           within: AbstractBitMap | None = None, *, shown: int = 0) -> list[Group]:
    """The strategies in the coalition's two groups (what works first), each with its count
    of published resources (within `within`, if given) and its `shown` newest resources'
    ids (`StrategyShown.ids`)."""
    found = []
    for value, label in Strategy.Group.choices:
        rows = []
        for strategy in (s for s in strategies if s.group == value):
            bits = index.with_value("strategy", strategy.pk)
            if within is not None:
                bits = bits & within
            ids = list(facets.members(bits, index.newest, index.newest_at, wanted=shown)
                       )[:shown] if shown else []
            rows.append(StrategyShown(strategy, len(bits), ids))
        found.append(Group(str(value), str(label), rows))
    return found


def _rows(ids: list[int], index: facets.FacetIndex) -> dict[int, Resource]:
    found = Resource.objects.filter(pk__in=ids).select_related("resource_type").defer(
        "full_text").prefetch_related("publishers", "languages").in_bulk()
    for_listing(list(found.values()), index)
    return found


def overview(slug: str) -> ThemeOverview:
    """A theme's page: its description, its strategies in the two groups with their
    newest resources, and its own newest resources (the rest are the catalogue's)."""
    theme = get_object_or_404(Theme.objects.localized(), slug=slug)
    index = facets.current()
    strategies = list(Strategy.objects.localized().filter(theme=theme))
    detailed = len(strategies) <= DETAILED_UP_TO
    shown = groups(strategies, index, shown=SHOWN_PER_STRATEGY if detailed else 0)
    in_theme = index.with_value("theme", theme.pk)
    newest = list(facets.members(in_theme, index.newest, index.newest_at,
                                 wanted=SHOWN_FOR_THEME))[:SHOWN_FOR_THEME]
    wanted = set(newest) | {i for g in shown for s in g.strategies for i in s.ids}
    rows = _rows(list(wanted), index)
    for group in shown:
        for row in group.strategies:
            row.resources = [rows[i] for i in row.ids if i in rows]
    return ThemeOverview(theme=theme, description=theme.label_description, groups=shown,
                         resources=[rows[i] for i in newest if i in rows],
                         total=len(in_theme), detailed=detailed)


def strategy_groups() -> list[Group]:
    """Every strategy with its count, in the two groups: where the home page leads."""
    return groups(list(Strategy.objects.localized()), facets.current())


def heading_theme(params: QueryDict) -> Theme | None:
    """The theme a listing filtered by exactly one theme (and no search) is headed by."""
    chosen = params.getlist("theme")
    if len(chosen) != 1 or params.get("q", "").strip():
        return None
    return Theme.objects.localized().filter(slug=chosen[0]).first()
