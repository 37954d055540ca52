"""Shared test fixtures: personas and small factories (healthchecks' hc/test.py style)."""

import itertools
import os
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.http import HttpRequest
from django.test import Client
from django.utils.text import slugify
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from resguardo.accounts.roles import create_editor
from resguardo.catalogue import facets
from resguardo.catalogue.models import Language, Organisation, Resource, ResourceType, Theme
from resguardo.catalogue.services import create_resource
from resguardo.web import pagecache

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from django.http import HttpResponse

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
    caches["limits"].clear()
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
    if published:
        fields["status"] = Resource.Status.PUBLISHED
    return create_resource(fields={
        "title": title, "slug": f"r{n}-{slugify(title)[:40]}", "summary": summary,
        "full_text": full_text, "year": year,
        "resource_type": ResourceType.objects.get(slug=type_slug), **fields,
        "themes": list(Theme.objects.filter(slug__in=themes or [])),
        "languages": list(Language.objects.filter(code__in=languages or ["en"])),
        "publishers": [
            Organisation.objects.get_or_create(name=name, defaults={"slug": f"org-{n}-{i}"})[0]
            for i, name in enumerate(publishers or [])],
    })


PASSPHRASE = "a long enough passphrase 42"  # every staff persona's


def make_staff(username: str = "editor", *, role: str = "editor") -> User:
    """A staff account in the role's group with a confirmed authenticator, as after
    enrolment: it signs in with PASSPHRASE and `totp_code(authenticator(user))`."""
    user = create_editor(username, f"{username}@example.org", PASSPHRASE, role=role)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def authenticator(user: User) -> TOTPDevice:
    """The account's confirmed authenticator. Load it before a browser test starts: the
    code is then computed without the database."""
    return TOTPDevice.objects.select_related("user").get(user=user, confirmed=True)


def totp_code(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The code the authenticator app shows now; `ahead=1` the next one (accepted too),
    for a second sign-in within the same 30 seconds: a code is taken only once."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, user: User) -> Client:
    """Log the test client in as `user`, verified by their authenticator, as the sign-in
    form does (client.force_login alone is not enough for the editors' area)."""
    client.force_login(user)
    request = HttpRequest()
    request.session, request.user = client.session, user
    otp_login(request, authenticator(user))
    request.session.save()
    return client


def admin_form(response: "HttpResponse", **changes: object) -> dict[str, object]:
    """The data an editor would send back from an admin change page as shown (the main form
    and every inline formset, management forms included), with `changes` applied."""
    data: dict[str, object] = {}
    forms = [response.context["adminform"].form]  # type: ignore[attr-defined]
    for inline in response.context["inline_admin_formsets"]:  # type: ignore[attr-defined]
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = (
                [getattr(v, "pk", v) for v in value] if isinstance(value, list | tuple)
                else "on" if value is True else getattr(value, "pk", value))
    data.update(changes)
    return data


@pytest.fixture
def editor(db: None) -> User:
    return make_staff("editor")


@pytest.fixture
def administrator(db: None) -> User:
    return make_staff("administrator", role="administrator")


@pytest.fixture
def editor_client(client: Client, editor: User) -> Client:
    """The test client, signed in as the editor (with a code)."""
    return sign_in(client, editor)


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


@pytest.fixture
def static_file(settings: object, tmp_path: "Path") -> str:
    """The stylesheet collected and served by WhiteNoise, as in production; its address."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"  # type: ignore[attr-defined]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {  # type: ignore[attr-defined]
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    return str(staticfiles_storage.url("css/site.css"))


@pytest.fixture(autouse=True)
def _each_test_starts_in_english() -> Iterator[None]:
    # A request leaves its language active in the thread (LocaleMiddleware never resets
    # it): without this a test would run in the language of the one before.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


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
