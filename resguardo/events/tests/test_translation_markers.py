"""Every word the trainings pages and files show is either the event's own or marked for
translation: the pages are read with a pseudo-translation that brackets each translated
string, and no unbracketed word may be left but the data's."""

import gettext
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import icalendar
import pytest
from django.utils import timezone
from django.utils.translation import trans_real

from resguardo.conftest import make_event, make_resource
from resguardo.events import services

pytestmark = pytest.mark.django_db
SHOWN_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder"}


class Bracketing(gettext.NullTranslations):
    """Translates every string into itself in brackets."""

    def gettext(self, message: str) -> str:
        return f"⟦{message.split(trans_real.CONTEXT_SEPARATOR)[-1]}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)

    def to_language(self) -> str:
        return "en"


class _Shown(HTMLParser):
    """The text of a page and the attributes a reader hears or sees."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag == "style"
        shown = SHOWN_ATTRIBUTES | ({"content"} if ("name", "description") in attrs else set())
        self.parts += [v for k, v in attrs if k in shown and v]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _unmarked(text: str, data: list[str]) -> str:
    while re.search(r"⟦[^⟦⟧]*⟧", text):
        text = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)  # innermost first: a date inside a sentence
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return " ".join(re.findall(r"[^\W\d_]+", text))


@pytest.fixture
def bracketed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(trans_real._translations, "en", Bracketing())


def test_the_trainings_pages_have_no_unmarked_words(client, bracketed, monkeypatch):
    monkeypatch.setattr(services, "PAST_PAGE_SIZE", 3)
    now = timezone.now()
    recording = make_resource("Grabación del taller")
    coming = make_event("Taller de protocolos", starts_at=now + timedelta(days=3),
                        description="Traer un cuaderno", join_url="https://meet.example.org/t",
                        join_details="Código 4321")
    past = make_event("Taller pasado", starts_at=now - timedelta(days=3), resources=[recording])
    for n in range(6):
        make_event(f"Taller número {n}", starts_at=now - timedelta(days=30 + n))
    data = ["Resguardo", "Taller de protocolos", "Traer un cuaderno", "Código 4321",
            "meet.example.org", "Taller pasado", "Grabación del taller", "Taller número",
            "English", "Español", "Français", "Português", "America/Bogota", "UTC",
            "Guides & manuals", "ics"]
    pages = ["/en/trainings/", "/en/trainings/past/", "/en/trainings/past/2/",
             coming.get_absolute_url(), past.get_absolute_url()]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        shown = _Shown()
        shown.feed(response.content.decode())
        assert _unmarked(" ".join(shown.parts), data) == "", page
    assert "⟦Used in trainings⟧" in client.get(recording.get_absolute_url()).content.decode()


def test_the_calendar_files_words_are_marked_too(client, bracketed):
    recording = make_resource("Grabación")
    make_event("Taller", starts_at=datetime(2030, 5, 14, 15, tzinfo=UTC),
               join_url="https://meet.example.org/t", resources=[recording])
    cal = icalendar.Calendar.from_ical(client.get("/en/trainings/calendar.ics").content)
    assert cal["NAME"] == "⟦%(site)s: webinars and trainings⟧".replace("%(site)s", "Resguardo")
    description = cal.events[0]["DESCRIPTION"]
    assert "⟦How to join:⟧" in description and "⟦Recording and materials:⟧" in description
