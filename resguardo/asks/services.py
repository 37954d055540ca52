"""Counting readers' asks, and what the editors read of them."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum

from resguardo.asks.models import Ask
from resguardo.catalogue.models import Language, Resource
from resguardo.lib.ratelimit import Limit, allow

# The same ask from the same client (the keyed hash of its address, in the cache only) is
# counted once a day: tapping again, or reloading, does not add to the count. Many phones
# share an address on mobile networks and in a workshop; they count once a day between
# them for each resource, which is the price of knowing nothing about the reader.
SAME_ASK = Limit("ask-same", 1, 24 * 60 * 60)


def ask(*, resource: Resource, kind: str, language: str, who: str) -> bool:
    """Count one ask for `resource` (a copy, a transcript, or a version in `language`) by the
    client `who` (ratelimit.client); False if the client's same ask was counted today."""
    language = language if kind == Ask.Kind.LANGUAGE else ""
    if not allow(SAME_ASK, f"{who}:{resource.pk}:{kind}:{language}"):
        return False
    rows = Ask.objects.filter(resource=resource, kind=kind, language=language)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                Ask.objects.create(resource=resource, kind=kind, language=language, count=1)
        except IntegrityError:  # another worker made the row first: add to it
            rows.update(count=F("count") + 1)
    return True


@dataclass
class Asked:
    resource: Resource
    copy: int = 0
    transcript: int = 0
    languages: dict[str, int] = field(default_factory=dict)  # language code -> count

    @property
    def total(self) -> int:
        return self.copy + self.transcript + sum(self.languages.values())


@dataclass
class LanguageAsked:
    code: str
    language: Language | None  # None for a code the language table lacks
    count: int  # asks
    resources: int  # resources asked for in it


def most_asked(*, limit: int = 50) -> list[Asked]:
    """The resources readers asked for most (copies, transcripts and languages together),
    most first."""
    ids = list(Ask.objects.values("resource").annotate(total=Sum("count"))
               .order_by("-total", "resource").values_list("resource", flat=True)[:limit])
    resources = Resource.objects.only("title", "slug", "status").in_bulk(ids)
    found = {pk: Asked(resources[pk]) for pk in ids if pk in resources}
    for row in Ask.objects.filter(resource__in=list(found)):
        asked = found[row.resource_id]
        if row.kind == Ask.Kind.COPY:
            asked.copy += row.count
        elif row.kind == Ask.Kind.TRANSCRIPT:
            asked.transcript += row.count
        else:
            asked.languages[row.language] = asked.languages.get(row.language, 0) + row.count
    return list(found.values())


def languages_asked() -> list[LanguageAsked]:
    """The languages readers asked for resources in, most asks first."""
    rows = (Ask.objects.filter(kind=Ask.Kind.LANGUAGE).values("language")
            .annotate(total=Sum("count"), resources=Count("pk")).order_by("-total", "language"))
    names = Language.objects.in_bulk([row["language"] for row in rows])
    return [LanguageAsked(row["language"], names.get(row["language"]), row["total"],
                          row["resources"]) for row in rows]
