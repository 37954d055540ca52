"""Which works exist in which languages, for the editors. A work is the resources sharing a
`translation_key`: the same work in several languages. Published and draft resources count
(a draft translation is work under way); withdrawn ones do not.

A few queries whatever the catalogue's size: the number of works, the number in each
language (one GROUP BY: the number missing in a language follows), the page of works (a GROUP
BY in the order they were added; never counted again) and that page's resources."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Q, QuerySet, Sum

from resguardo.catalogue.models import Language, Resource

PAGE_SIZE = 50


@dataclass
class Column:
    language: Language | None  # None: resources with no language given
    works: int  # works with a version in this language
    missing: int  # works without one
    asked: int = 0  # readers' asks for a work in this language


@dataclass
class Cell:
    language: Language | None
    versions: list[Resource]  # the work's versions in that language
    asked: int = 0  # readers' asks for the work in that language


@dataclass
class Row:
    title: str  # of the version added first
    cells: list[Cell]  # one per column


@dataclass
class Coverage:
    works: int
    columns: list[Column]
    rows: list[Row]
    page: Page  # type: ignore[type-arg]
    missing: Language | None


def _kept() -> QuerySet[Resource]:
    # Withdrawn ones left out by id, not by status: SQLite then counts and groups from the
    # indexes alone instead of reading every resource's row (its text is stored in it: at
    # 100,000 resources, 1.5 s a query instead of a few dozen milliseconds).
    withdrawn = Resource.objects.filter(status=Resource.Status.WITHDRAWN).values("pk")
    return Resource.objects.exclude(pk__in=withdrawn)


class _Works(Sequence[UUID]):
    """The works' keys in the order they were added, with a count known beforehand, so that
    the paginator reads one page and counts nothing."""

    def __init__(self, keys: QuerySet[Resource, Any], total: int):
        self.keys, self.total = keys, total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: Any) -> Any:
        return [row["translation_key"] for row in self.keys[window]]


def _asked(keys: list[UUID] | None = None) -> dict[tuple[UUID | None, str], int]:
    """Readers' asks for a work in their language, by work (those of `keys`) and language,
    or by language alone (work None) without `keys`. The asks app, above this one, counts
    them; they are reached through its relation to resources, as the resource page reaches
    knowledge pages and trainings, so nothing here imports it."""
    found = _kept().filter(asks__kind="language").order_by()
    fields = ["asks__language"]
    if keys is not None:
        found, fields = found.filter(translation_key__in=keys), ["translation_key", *fields]
    rows = found.values(*fields).annotate(asked=Sum("asks__count"))
    return {(row.get("translation_key"), row["asks__language"]): row["asked"] for row in rows}


def columns(works: int) -> list[Column]:
    """The interface's languages first, then every other language some work is in (most
    works first), then resources without a language, if any."""
    counts: dict[str | None, int] = dict(_kept().order_by().values("languages").annotate(
        works=Count("translation_key", distinct=True)).values_list("languages", "works"))
    interface = [code for code, _name in settings.LANGUAGES]
    languages = sorted(Language.objects.filter(code__in=[*interface, *counts]),
                       key=lambda lang: (lang.code not in interface,
                                         interface.index(lang.code) if lang.code in interface
                                         else -counts.get(lang.code, 0), lang.name))
    asked = _asked()
    found = [Column(lang, counts.get(lang.code, 0), works - counts.get(lang.code, 0),
                    asked.get((None, lang.code), 0)) for lang in languages]
    if counts.get(None):
        found.append(Column(None, counts[None], works - counts[None]))
    return found


def coverage(*, missing: Language | None = None, page: str | int | None = 1) -> Coverage:
    works = _kept().order_by().values("translation_key").distinct().count()
    shown = columns(works)
    keys = _kept().order_by().values("translation_key").annotate(first=Min("pk"))
    count = works
    if missing is not None:
        # Counted within each work's group rather than by the works' keys in that language:
        # those would be read from the resources' rows, this needs their ids only.
        in_it = Resource.languages.through.objects.filter(language=missing).values("resource")
        keys = keys.annotate(there=Count("pk", filter=Q(pk__in=in_it))).filter(there=0)
        count = next((c.missing for c in shown if c.language == missing), works)
    paginator: Paginator[UUID] = Paginator(_Works(keys.order_by("first"), count), PAGE_SIZE)
    current = paginator.get_page(page)
    return Coverage(works, shown, _rows(list(current.object_list), shown), current, missing)


def _rows(keys: list[UUID], shown: list[Column]) -> list[Row]:
    versions: dict[UUID, list[Resource]] = {key: [] for key in keys}
    for resource in (_kept().filter(translation_key__in=keys).order_by("pk")
                     .only("pk", "title", "status", "translation_key")
                     .prefetch_related("languages")):
        versions[resource.translation_key].append(resource)
    asked = _asked(keys) if any(column.asked for column in shown) else {}
    rows = []
    for key in keys:
        found = versions[key]
        cells = [Cell(column.language, [r for r in found if _in(r, column.language)],
                      asked.get((key, column.language.code), 0) if column.language else 0)
                 for column in shown]
        rows.append(Row(found[0].title if found else "", cells))
    return rows


def _in(resource: Resource, language: Language | None) -> bool:
    codes = {lang.code for lang in resource.languages.all()}
    return language.code in codes if language else not codes
