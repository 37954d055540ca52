"""Shared test fixtures: personas and small factories (healthchecks' hc/test.py style)."""

import itertools
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.utils.text import slugify

from resguardo.catalogue import facets
from resguardo.catalogue.models import Language, Organisation, Resource, ResourceType, Theme
from resguardo.lib import pagecache
from resguardo.search.services import update_index

if TYPE_CHECKING:
    from datetime import datetime

    from resguardo.events.models import Event

_numbers = itertools.count(1)
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _plain_static_and_fresh_facets(settings: object) -> Iterator[None]:
    # Tests render templates without a collectstatic manifest.
    settings.STORAGES = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    facets._current = None
    pagecache._kept.clear()
    cache.clear()
    caches["pages"].clear()
    yield
    facets._current = None
    pagecache._kept.clear()


def make_resource(title: str = "", *, full_text: str = "", summary: str = "",
                  type_slug: str = "guides-manuals", themes: list[str] | None = None,
                  languages: list[str] | None = None, publishers: list[str] | None = None,
                  year: int | None = None, published: bool = True, **fields: object
                  ) -> Resource:
    n = next(_numbers)
    title = title or f"Resource {n}"
    resource = Resource(title=title, slug=f"r{n}-{slugify(title)[:40]}",
                        summary=summary, full_text=full_text, year=year,
                        resource_type=ResourceType.objects.get(slug=type_slug), **fields)
    if published:
        resource.publish()
    resource.save()
    resource.themes.set(Theme.objects.filter(slug__in=themes or []))
    resource.languages.set(Language.objects.filter(code__in=languages or ["en"]))
    resource.publishers.set([
        Organisation.objects.get_or_create(name=name, defaults={"slug": f"org-{n}-{i}"})[0]
        for i, name in enumerate(publishers or [])
    ])
    update_index([resource])
    return resource


@pytest.fixture
def editor(db: None) -> User:
    from resguardo.catalogue.editors import create_editor

    return create_editor("editor", "editor@example.org", "a long enough passphrase 42")


@pytest.fixture
def seeded(db: None) -> None:
    from resguardo.seeds.load import load

    load()


@pytest.fixture
def every_page_type(seeded: None, settings: object, tmp_path: object) -> list:
    """The seed library, a resource with a file and a second catalogue page; returns one
    page of each kind (resguardo/tests/pages.py), for the checkers to walk."""
    from resguardo.tests.pages import add_a_second_page_and_a_file, page_types

    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.ROOT_URLCONF = "resguardo.tests.urls"  # type: ignore[attr-defined]
    add_a_second_page_and_a_file(tmp_path)  # type: ignore[arg-type]
    return page_types()


@pytest.fixture(autouse=True)
def _forms_may_be_sent_at_once(settings: object) -> None:
    # Tests send forms as soon as they read them; tests of the check itself set it back.
    settings.HUMAN_MIN_SECONDS = 0  # type: ignore[attr-defined]


def make_event(title: str = "", *, slug: str = "", starts_at: "datetime | None" = None,
               hours: float = 2, time_zone: str = "America/Bogota", language: str = "es",
               published: bool = True, resources: "list[Resource] | None" = None,
               **fields: object) -> "Event":
    """A webinar (online, two hours, from Bogotá in Spanish unless told), published."""
    from datetime import UTC, datetime, timedelta

    from resguardo.events.models import Event

    n = next(_numbers)
    title = title or f"Training {n}"
    starts_at = starts_at or datetime(2030, 5, 14, 15, tzinfo=UTC)
    event = Event(title=title, slug=slug or f"e{n}-{slugify(title)[:40]}",
                  starts_at=starts_at,
                  ends_at=starts_at + timedelta(hours=hours), time_zone=time_zone,
                  language=Language.objects.get(code=language),
                  status=Event.Status.PUBLISHED if published else Event.Status.DRAFT,
                  **fields)
    event.full_clean()
    event.save()
    event.resources.set(resources or [])
    return event
