"""What the search index keeps of a resource, and keeping it in step with the catalogue.
Search takes documents and never reads a resource: this module is where a resource
becomes one. Only published resources are in the index."""

from collections.abc import Iterable, Iterator

from resguardo.catalogue import split_words
from resguardo.catalogue.models import Resource
from resguardo.search.backends.base import Document
from resguardo.search.services import rebuild_index, update_index

BATCH = 500


def algorithm(resource: Resource) -> str:
    """The stemmer a resource is indexed with: its first language's (languages prefetched,
    or one query)."""
    languages = list(resource.languages.all())
    return languages[0].stemmer if languages else ""


def document(resource: Resource) -> Document:
    publishers = " ".join(p.name for p in resource.publishers.all())
    return Document(
        id=resource.pk,
        algorithm=algorithm(resource),
        title=resource.title,
        meta=f"{resource.summary}\n{publishers}",
        # Found by the words the reader sees: a text extracted elsewhere (the seeds') may
        # hold words split at a line break, which the reading view shows joined.
        body=f"{resource.description}\n{split_words.mend(resource.full_text)}",
    )


def index(resources: Iterable[Resource]) -> None:
    """Index the published resources and take the others out (one withdrawn or sent back
    to draft leaves search at once). Call it in the transaction that changes them."""
    resources = list(resources)
    update_index(index=[document(r) for r in resources if r.is_published],
                 remove=[r.pk for r in resources if not r.is_published])


def forget(ids: Iterable[int]) -> None:
    """Take deleted resources out of the index."""
    update_index(remove=list(ids))


def rebuild(batch_size: int = BATCH) -> int:
    """Index every published resource again; returns how many."""
    return rebuild_index(_batches(batch_size))


def _batches(size: int) -> Iterator[list[Document]]:
    published = (Resource.objects.published().order_by("pk")
                 .prefetch_related("languages", "publishers"))
    last = 0
    while batch := list(published.filter(pk__gt=last)[:size]):
        yield [document(r) for r in batch]
        last = batch[-1].pk
