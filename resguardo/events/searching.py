"""The webinars and trainings a search finds, for the catalogue's search page
(catalogue/alongside): the most relevant first, each with its date and a snippet of its
description, in the event's own language."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue.alongside import Group, Hit
from resguardo.catalogue.models import Language, reading_languages
from resguardo.events.indexing import KIND
from resguardo.events.models import Event
from resguardo.search import highlight
from resguardo.search.query import Query
from resguardo.search.services import backend, per_version

LIMIT = 5


@per_version
def _stemmers() -> list[str]:
    used = Language.objects.filter(pk__in=Event.objects.published().values("language"))
    return sorted(set(used.values_list("stemmer", flat=True)))


def found(query: Query) -> Group | None:
    ids = backend(KIND).ranked(query, _stemmers())
    if not ids:
        return None
    events = Event.objects.published().select_related("language").in_bulk(ids[:LIMIT])
    hits = [_hit(events[pk], query) for pk in ids[:LIMIT] if pk in events]
    return Group(_("Webinars and trainings"), hits, total=len(ids),
                 more_url=reverse("events:index"), more_label=_("All webinars and trainings"))


def _hit(event: Event, query: Query) -> Hit:
    language = event.language
    mine = language.pk in reading_languages()
    own = None if mine else (language.code, language.direction)
    regex = highlight.pattern(query, language.stemmer)
    return Hit(title=event.title, url=event.get_absolute_url(),
               snippet=highlight.snippet(event.description, regex),
               title_language=own, snippet_language=own,
               meta=date_format(event.starts_at.astimezone(event.zone), "DATE_FORMAT"))
