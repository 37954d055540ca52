"""What a hostile sender might type is kept exactly as sent and shown as text: in the
inbox's list and in the message, never run as markup, a template, SQL or a mail header,
and never a server error."""

import pytest
from django.test import Client

from resguardo.contact.models import BODY_MAX, Message
from resguardo.contact.tests.conftest import INBOX, change_page, send

pytestmark = pytest.mark.django_db

RLO, PDF = "\u202e", "\u202c"
PAYLOADS = {
    "html": '<b onmouseover="alert(1)">bold</b><img src=x onerror=alert(2)>',
    "script": "<script>alert(document.cookie)</script>",
    "sql": "Robert'); DROP TABLE contact_message;--",
    "template": "{{ settings.SECRET_KEY }} {% debug %} {{ request.user }}",
    "header injection": "Ana\r\nBcc: everyone@example.org\r\nSubject: hi",
    "non-Latin": "Защита сообщества · حماية المجتمع · 社区保护 · ሕብረተሰብ",
    "right-to-left override": f"invoice{RLO}fdp.exe{PDF}",
}
ESCAPED = {
    "html": "&lt;b onmouseover=&quot;alert(1)&quot;&gt;bold&lt;/b&gt;",
    "script": "&lt;script&gt;alert(document.cookie)&lt;/script&gt;",
    "sql": "Robert&#x27;); DROP TABLE contact_message;--",
    "template": "{{ settings.SECRET_KEY }} {% debug %} {{ request.user }}",
    "header injection": "Bcc: everyone@example.org",
    "non-Latin": PAYLOADS["non-Latin"],
    "right-to-left override": f"<bdi>invoice{RLO}fdp.exe{PDF}</bdi>",
}


@pytest.mark.parametrize("kind", PAYLOADS)
def test_a_hostile_payload_is_kept_as_sent_and_shown_as_text(
        client: Client, inbox: Client, kind: str) -> None:
    payload = PAYLOADS[kind]
    response = send(client, name=payload, reply_to=payload, subject=payload,
                    body=f"Before {payload} after")
    assert response.status_code == 302, kind
    message = Message.objects.get()
    assert (message.name, message.reply_to, message.subject) == (payload,) * 3
    assert message.body == f"Before {payload} after"

    for url in (INBOX, change_page(message), f"{INBOX}?q=Before"):
        page = inbox.get(url)
        assert page.status_code == 200, (kind, url)
        html = page.content.decode()
        assert ESCAPED[kind] in html, (kind, url)
        assert "<script>alert" not in html and "<b onmouseover" not in html
        assert "tests-only" not in html  # the test SECRET_KEY: no template ran


def test_a_message_of_the_longest_length_is_kept_whole(client: Client, inbox: Client) -> None:
    body = ("Ñandutí ምድር " * 1000)[:BODY_MAX]
    assert send(client, body=body).status_code == 302
    assert Message.objects.get().body == body
    assert body[:200] in inbox.get(change_page(Message.objects.get())).content.decode()


@pytest.mark.parametrize(("field", "length", "error"), [
    ("body", BODY_MAX + 1, "at most 10000 characters (it has 10001)"),
    ("name", 10_000, "at most 200 characters (it has 10000)"),
    ("subject", 10_000, "at most 200 characters (it has 10000)"),
    ("reply_to", 10_000, "at most 300 characters (it has 10000)"),
])
def test_too_long_is_refused_with_the_limit_next_to_the_field(
        client: Client, field: str, length: int, error: str) -> None:
    fields = {"body": "Hello", field: "x" * length}
    response = send(client, **fields)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Message.objects.exists()


def test_a_null_character_is_refused_not_a_server_error(client: Client) -> None:
    response = send(client, body="Hello\x00world", name="A\x00")
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Message.objects.exists()
