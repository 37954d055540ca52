"""Every kind of page a visitor can reach, one example of each: the list the HTML checker
and the accessibility checker walk. A new kind of page (say a reading view in parts,
`text/2/`) is one line in `page_types()`, and both checkers cover it from then on.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from resguardo.catalogue.models import Resource
from resguardo.conftest import make_event, make_resource
from resguardo.pages.models import Page

# The seed library has 17 resources and a catalogue page holds 20: with the file below and
# these, the catalogue has a second page.
EXTRA_RESOURCES = 3
FILE_TITLE = "Community radio training (recording and guide)"
WITHOUT_COPY = "taking-care-of-us"  # a seed resource with its publisher's page only
# A seed text long enough to come in two parts.
LONG_TEXT = ("/en/resources/rethinking-the-protection-of-human-rights-defenders-international-"
             "roundtable-report/text/")


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    status: int = 200


def in_language(page: PageType, code: str) -> str:
    """The page's address in another language (editors' pages have no prefix: the
    browser's language or the reader's choice picks theirs)."""
    return re.sub(r"^/en/", f"/{code}/", page.path)


def switched_to(page: PageType, code: str) -> str:
    """Where the language switcher leads from the page: the same page in that language;
    from the bare address, that language's home page (the one its canonical link names)."""
    return f"/{code}/" if page.path == "/" else in_language(page, code)


def add_a_second_page_and_a_file(media_root: Path) -> Resource:
    """On top of the seed library (which has no stored files): a resource with a file, a
    light text and an external link, and enough resources for the catalogue's page 2."""
    for n in range(EXTRA_RESOURCES):
        make_resource(f"Extra resource for a second page {n + 1}", year=2001)
    resource = make_resource(
        FILE_TITLE, summary="How a village radio warns its listeners.",
        full_text="The radio warns the village.\n\nEvery listener knows the signal.",
        url="https://example.org/radio-training", year=2020, languages=["en", "es"],
        themes=["communication-early-warning"], publishers=["Radio del Pueblo"],
    )
    resource.file.save("radio-training.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 2039),
                       save=False)
    resource.file_format, resource.file_size = "pdf", 2048
    resource.save()
    # A training to come and one past whose recording is that resource.
    now = timezone.now()
    make_event("Community radio: a webinar to come", slug="radio-webinar-to-come",
               starts_at=now + timedelta(days=7), join_url="https://meet.example.org/radio",
               join_details="Or call +57 601 555 0100.", description="Bring a radio.")
    make_event("Community radio training", slug="radio-training-past", resources=[resource],
               starts_at=now - timedelta(days=7), format="in-person", join_details="Toribío")
    # A knowledge page written in Spanish with no translation: readers of every other
    # language get a notice and the original.
    Page.objects.create(title="La radio comunitaria", slug="la-radio-comunitaria",
                        language_id="es", summary="Cómo avisa la radio.", position=99,
                        body="## Antes de un ataque\n\n- Una radio en cada casa.")
    return resource


def page_types() -> list[PageType]:
    """Needs the seed library and `add_a_second_page_and_a_file()`. Addresses are the
    English ones (`/en/...`), whatever language an earlier request left active."""
    with translation.override("en"):
        return _page_types()


def _page_types() -> list[PageType]:
    seed = Resource.objects.exclude(full_text="").exclude(title=FILE_TITLE).first()
    with_file = Resource.objects.get(title=FILE_TITLE)
    assert seed and with_file.file
    return [
        PageType("home", "/en/"),
        # In the language the reader chose before, else their browser's.
        PageType("home at the bare address", "/"),
        PageType("catalogue", "/en/catalogue/"),
        PageType("catalogue with a filter", "/en/catalogue/?theme=risk-context-analysis"),
        PageType("catalogue of a strategy", "/en/catalogue/?group=needed&strategy="
                 "communication-radio-early-warning"),
        PageType("theme", "/en/themes/community-protocols/"),
        PageType("search with results", "/en/catalogue/?q=protection"),
        PageType("search without results", "/en/catalogue/?q=nothingmatchesthis"),
        PageType("catalogue page 2", "/en/catalogue/?page=2"),
        PageType("resource", seed.get_absolute_url()),
        PageType("resource with a file", with_file.get_absolute_url()),
        # No copy: its publisher's page and the buttons to ask the editors.
        PageType("resource without a copy", f"/en/resources/{WITHOUT_COPY}/"),
        PageType("ask counted", f"/en/ask/{WITHOUT_COPY}/thanks/?for=language"),
        PageType("text", f"{seed.get_absolute_url()}text/"),
        PageType("text in parts, the first", LONG_TEXT),
        PageType("text in parts, a later one", f"{LONG_TEXT}2/"),
        PageType("knowledge pages", "/en/learn/"),
        PageType("knowledge page", "/en/learn/what-is-collective-protection/"),
        PageType("knowledge page not in the reader's language",
                 "/en/learn/la-radio-comunitaria/"),
        PageType("propose a resource", "/en/propose/"),
        PageType("check a proposal", "/en/propose/status/"),
        PageType("trainings", "/en/trainings/"),
        PageType("past trainings", "/en/trainings/past/"),
        PageType("training to come", "/en/trainings/radio-webinar-to-come/"),
        PageType("training past, with its recording", "/en/trainings/radio-training-past/"),
        PageType("not found", "/en/resources/no-such-resource/", status=404),
        PageType("server error", "/tests/server-error/", status=500),  # tests/urls.py
        PageType("form refused (CSRF)", "/tests/form-refused/", status=403),  # tests/urls.py
        PageType("editors' sign-in", "/editors/login/"),
        PageType("contact form", "/en/contact/"),
        PageType("contact message sent", "/en/contact/sent/"),
        PageType("editors' password reset", "/editors/password-reset/"),
        PageType("editors' password reset sent", "/editors/password-reset/sent/"),
        PageType("editors' password reset, a used link", "/editors/password-reset/MQ/used/"),
        PageType("editors' password reset done", "/editors/password-reset/complete/"),
        PageType("editors' enrolment link", _an_enrolment_link()),
    ]


def _an_enrolment_link() -> str:
    from resguardo.accounts.authenticators import start_enrolment
    from resguardo.accounts.roles import create_editor

    newcomer = create_editor("newcomer", "", "a long enough passphrase 42")
    return f"/editors/enrol/{start_enrolment(newcomer)}/"
