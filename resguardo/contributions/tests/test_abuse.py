"""Robots and hostile input meet clear refusals; nothing about a sender is kept."""

import pytest
from django.test import Client

from resguardo.catalogue.models import Resource
from resguardo.conftest import sign_in
from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import code_in, proposal_data
from resguardo.contributions.views import LOOKING_UP, SENDING

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "Robert'); DROP TABLE catalogue_resource;--",
    "{{ settings.SECRET_KEY }} {% debug %}",
    "Subject: hi\r\nBcc: everyone@example.org",
    "\u202eevil.exe\u202c and \u0000 nul",
    "Protección colectiva · 集体保护 · الحماية الجماعية · Коллективная защита " * 20,
]


def test_a_filled_honeypot_keeps_nothing(client: Client) -> None:
    answer = client.post("/en/propose/", proposal_data(client, website="http://spam.example"))
    assert answer.status_code == 400
    assert "leave the last field empty" in answer.content.decode()
    assert not Proposal.objects.exists() and not Resource.objects.exists()


def test_a_form_sent_too_quickly_keeps_nothing(client: Client, settings: object) -> None:
    settings.HUMAN_MIN_SECONDS = 30  # type: ignore[attr-defined]
    answer = client.post("/en/propose/", proposal_data(client))
    assert answer.status_code == 400
    assert "too quickly" in answer.content.decode()
    assert not Proposal.objects.exists()


def test_a_form_without_its_stamp_gets_a_new_one(client: Client) -> None:
    answer = client.post("/en/propose/", proposal_data(client, shown="forged"))
    assert answer.status_code == 400 and "out of date" in answer.content.decode()
    assert 'name="shown" value="forged"' not in answer.content.decode()


def test_too_many_proposals_from_one_place_get_429(client: Client) -> None:
    for n in range(SENDING.allowed):
        client.post("/en/propose/", proposal_data(client, url=f"https://example.org/{n}"))
    refused = client.post("/en/propose/", proposal_data(client, url="https://example.org/x"))
    assert refused.status_code == 429
    assert "Too many requests came from here" in refused.content.decode()
    assert refused["Retry-After"] == str(SENDING.seconds)
    assert Proposal.objects.count() == SENDING.allowed
    assert client.get("/en/propose/").status_code == 200  # reading the form stays free


def test_guessing_codes_is_limited(client: Client) -> None:
    for _ in range(LOOKING_UP.allowed):
        client.post("/en/propose/status/", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert client.post("/en/propose/status/", {"code": "x"}).status_code == 429


def test_no_address_reaches_the_database(client: Client) -> None:
    client.post("/en/propose/", proposal_data(client), REMOTE_ADDR="203.0.113.77",
                HTTP_USER_AGENT="KaiOS/3.1 Distinctive-Agent")
    from django.db import connection

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names from the db)
            dump = repr(cursor.fetchall())
            assert "203.0.113" not in dump and "Distinctive-Agent" not in dump, table


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_kept_as_sent_and_shown_escaped(client: Client, editor: object,
                                                        payload: str) -> None:
    text = payload.replace("\u0000", "")  # a NUL byte is refused by the form, see below
    answer = client.post("/en/propose/", proposal_data(
        client, title=text[:500], summary=text[:2000], publisher=text[:300],
        permission=text[:2000], risk="unsure", risk_details=text[:2000],
        contact=text[:500]))
    assert answer.status_code == 200, answer.content.decode()[:2000]
    code = code_in(answer.content)
    proposal = Proposal.objects.get()
    assert proposal.resource.title == text[:500].strip()
    assert proposal.contact == text[:500].strip()
    editors = sign_in(Client(), editor)  # type: ignore[arg-type]
    for page in (client.post("/en/propose/status/", {"code": code}),
                 editors.get(f"/editors/contributions/proposal/{proposal.pk}/change/"),
                 editors.get("/editors/contributions/proposal/")):
        html = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "SECRET_KEY" not in html or "{{ settings.SECRET_KEY }}" in html
        assert "tests-only" not in html  # the secret key was never rendered


def test_a_nul_byte_is_refused_with_a_message(client: Client) -> None:
    answer = client.post("/en/propose/", proposal_data(client, title="bad\u0000title"))
    assert answer.status_code == 400
    assert "Null characters are not allowed." in answer.content.decode()
    assert not Proposal.objects.exists()


def test_a_huge_field_is_refused_not_truncated(client: Client) -> None:
    answer = client.post("/en/propose/", proposal_data(client, summary="x" * 5000))
    assert answer.status_code == 400
    assert "at most 2000 characters" in answer.content.decode()
