"""The resource workflows, written once: creating and changing a resource, attaching a
file that ingestion read, publishing, withdrawing, and linking the versions of a work.
The admin, a contributor's proposal, the CSV import, `resguardo reindex` and the seed
library all come here and say only what they want done.

A resource is written in this order, each step needing the one before:

1. its fields, and those the file read fills (text, pages, checksums; ingest's `apply`,
   which never copies the file's own title, author or date over the editor's);
2. a published resource is given its publication date (one published again keeps it);
3. the record saved, then its many-to-many fields, which need its id;
4. the language the file was read in, only if none was given (after the languages the
   caller set: setting them would take it away again);
5. the search index, in the same transaction: this moves the catalogue's version, so the
   facets are rebuilt and kept pages forgotten at once.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction

from resguardo.catalogue.models import Resource
from resguardo.ingest.services import Ingested, apply, set_language_if_missing
from resguardo.search.services import update_index

Fields = Mapping[str, Any]  # model field names; many-to-many ones take a list of objects

MANY_TO_MANY = {field.name for field in Resource._meta.many_to_many}


def create_resource(*, fields: Fields, ingested: Ingested | None = None,
                    index: bool = True) -> Resource:
    """A new resource from `fields`, with the file `ingested` if one was read for it.
    `index=False` leaves the search index to the caller's `index_resources` (an import
    indexes its rows together)."""
    resource = Resource(**{name: value for name, value in fields.items()
                           if name not in MANY_TO_MANY})
    return update_resource(resource=resource, fields=fields, ingested=ingested, index=index)


def update_resource(*, resource: Resource, fields: Fields | None = None,
                    ingested: Ingested | None = None, index: bool = True) -> Resource:
    """Set `fields` on `resource` and save it, with the file `ingested` if one was read
    for it. `resource` may be one not saved yet, as an admin form gives it. `index=False`
    as for `create_resource`."""
    fields = fields or {}
    new = resource.pk is None
    with transaction.atomic(savepoint=False):
        for name, value in fields.items():
            if name not in MANY_TO_MANY:
                setattr(resource, name, value)
        if ingested is not None:
            apply(resource, ingested)
        if resource.is_published:
            resource.publish()  # dated the first time
        resource.save()
        for name, value in fields.items():
            if name in MANY_TO_MANY:
                getattr(resource, name).set(value)
        if ingested is not None:
            set_language_if_missing(resource, ingested)
        # A new resource that is not published was never in the index: leaving the index
        # alone keeps the catalogue's version, so a contributor's proposal (which anyone
        # may send) does not make every kept page stale.
        if index and (resource.is_published or not new):
            update_index([resource])
    return resource


def attach_file(*, resource: Resource, ingested: Ingested) -> Resource:
    """Attach the file ingestion read (and stored) to `resource`: its text, pages, facts
    and, if it has none, its language; then its entry in the search index."""
    return update_resource(resource=resource, ingested=ingested)


def index_resources(*, resources: Iterable[Resource]) -> None:
    """Bring the search index up to date with resources written with `index=False`: the
    published ones are found, the others not."""
    update_index(resources)


def publish(*, resources: Iterable[Resource]) -> list[Resource]:
    """Publish each resource, in the catalogue and search at once (a first publication is
    dated; one published again keeps its date)."""
    return _set_status(resources, Resource.Status.PUBLISHED)


def withdraw(*, resources: Iterable[Resource]) -> list[Resource]:
    """Take each resource out of the catalogue and search."""
    return _set_status(resources, Resource.Status.WITHDRAWN)


def _set_status(resources: Iterable[Resource], status: str) -> list[Resource]:
    resources = list(resources)
    with transaction.atomic(savepoint=False):
        for resource in resources:
            update_resource(resource=resource, fields={"status": status}, index=False)
        index_resources(resources=resources)  # the catalogue's version moves once for all
    return resources


def link_versions(*, resources: Sequence[Resource]) -> None:
    """Make the resources versions of one work in several languages, the first one's: the
    versions already linked to each come along. The search index does not change: a
    version is found on its own, and only its own page (never a kept one) lists the
    others."""
    with transaction.atomic(savepoint=False):
        for resource in resources[1:]:
            resource.join_work_of(resources[0])
            resource.save()
