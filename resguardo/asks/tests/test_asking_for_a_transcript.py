"""A recording without a transcript says so, and a reader taps "Ask for a transcript": one
POST, counted once per client a day like the other asks, and read by the editors."""

import pytest
from django.test import Client
from django.urls import reverse

from resguardo.asks import services
from resguardo.asks.models import Ask
from resguardo.catalogue import services as catalogue
from resguardo.catalogue.transcripts import Transcript
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db
RECORDING = {"media": {"kind": "audio", "duration": 60.0}}
NO_TRANSCRIPT = "No transcript of this recording exists yet"


@pytest.fixture
def recording(db):  # type: ignore[no-untyped-def]
    return make_resource("Radio drama on early warning", file_facts=RECORDING)


def _tap(client: Client, slug: str, language: str = "en", **headers: str):  # type: ignore[no-untyped-def]
    return client.post(f"/{language}/ask/{slug}/", {"ask": "transcript", "website": ""},
                       **headers)


def _page(client: Client, resource, language: str = "en") -> str:  # type: ignore[no-untyped-def]
    return client.get(f"/{language}{resource.get_absolute_url()[3:]}").content.decode()


def test_a_recording_without_a_transcript_says_so_and_offers_to_ask(client, recording):
    page = _page(client, recording)
    assert NO_TRANSCRIPT in page
    assert '<button name="ask" value="transcript">Ask for a transcript</button>' in page
    assert f'action="/en/ask/{recording.slug}/"' in page
    spanish = _page(client, recording, "es")
    assert "Aún no existe una transcripción de esta grabación" in spanish
    assert "Pedir una transcripción" in spanish


def test_the_offer_is_one_line_of_the_resource_page_near_its_copies(client, recording):
    page = _page(client, recording)
    get_it = page.split("<h2>Get it</h2>", 1)[1]
    assert get_it.index("</ul>") < get_it.index(NO_TRANSCRIPT) < get_it.index("2G link at")
    assert page.count('id="transcript-website"') == 1  # its own honeypot, its own id


def test_a_recording_with_a_transcript_or_a_document_offers_none(client, recording):
    catalogue.set_transcript(resource=recording, transcript=Transcript("What was said."))
    page = _page(client, recording)
    assert NO_TRANSCRIPT not in page and 'value="transcript"' not in page
    assert "Read it as light text" in page
    document = make_resource("A written guide")
    assert NO_TRANSCRIPT not in _page(client, document)


def test_a_tap_is_counted_once_per_client_a_day_and_thanks_the_reader(client, recording):
    response = _tap(client, recording.slug, "es")
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Ha pedido una transcripción de «Radio drama on early warning»" in thanks
    assert _tap(client, recording.slug, "fr").status_code == 302  # thanked, not counted
    _tap(Client(REMOTE_ADDR="198.51.100.7"), recording.slug)
    assert list(Ask.objects.values_list("resource__slug", "kind", "language", "count")) == [
        (recording.slug, "transcript", "", 2)]


def test_a_tap_from_another_site_or_by_a_robot_counts_nothing(client, recording):
    assert _tap(client, recording.slug, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    client.post(f"/en/ask/{recording.slug}/", {"ask": "transcript", "website": "x"})
    assert not Ask.objects.exists()


def test_the_page_with_the_button_sets_no_cookie_and_needs_no_token(recording):
    first = Client().get(recording.get_absolute_url())
    assert not first.cookies and "csrfmiddlewaretoken" not in first.content.decode()
    assert _tap(Client(enforce_csrf_checks=True), recording.slug).status_code == 302


def test_editors_see_transcripts_asked_for_on_the_most_asked_page(editor_client, recording):
    other = make_resource("A guide nobody holds")
    for n in range(3):
        services.ask(resource=recording, kind="transcript", language="", who=f"reader {n}")
    services.ask(resource=recording, kind="copy", language="", who="reader 0")
    services.ask(resource=other, kind="language", language="es", who="reader 0")
    most = services.most_asked()
    assert [(a.resource.title, a.copy, a.transcript, a.languages, a.total) for a in most] == [
        ("Radio drama on early warning", 1, 3, {}, 4), ("A guide nobody holds", 0, 0, {"es": 1}, 1)]
    body = editor_client.get(reverse("admin:asks_ask_most"), HTTP_ACCEPT_LANGUAGE="en"
                             ).content.decode()
    table = body.split('id="asked-resources"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">A transcript</th>' in table
    row = next(r for r in table.split("<tr>") if "Radio drama" in r)
    assert "<td>1</td><td>3</td><td>0</td><td>4</td>" in row
    assert "Una transcripción" in editor_client.get(reverse("admin:asks_ask_most"),
                                                    HTTP_ACCEPT_LANGUAGE="es").content.decode()
