"""What the search index keeps of webinars and trainings (search's kind "events"), and
keeping it in step with them: each published event in its language, by its title and
description. Only published events are in it."""

from collections.abc import Iterable, Iterator

from resguardo.events.models import Event
from resguardo.search.backends.base import Document
from resguardo.search.services import rebuild_index, update_index

KIND = "events"
BATCH = 500


def document(event: Event) -> Document:
    return Document(id=event.pk, algorithm=event.language.stemmer, title=event.title,
                    meta="", body=event.description)


def index(events: Iterable[Event]) -> None:
    """Index the published events and take the others out. Call it in the transaction that
    changes them."""
    events = list(events)
    published = [e for e in events if e.status == Event.Status.PUBLISHED]
    update_index(kind=KIND, index=[document(e) for e in published],
                 remove=[e.pk for e in events if e not in published])


def forget(ids: Iterable[int]) -> None:
    update_index(kind=KIND, remove=list(ids))


def rebuild() -> int:
    return rebuild_index(_batches(), kind=KIND)


def _batches() -> Iterator[list[Document]]:
    published = Event.objects.published().select_related("language").order_by("pk")
    last = 0
    while batch := list(published.filter(pk__gt=last)[:BATCH]):
        yield [document(e) for e in batch]
        last = batch[-1].pk
