"""With NOTIFY_EMAILS set, editors get a mail that a message arrived: a link to the inbox,
nothing the sender wrote, sent once the message is stored; a mail that fails loses
nothing and shows the sender nothing."""

import logging
import socket

import pytest
from django.db import transaction
from django.test import Client

from resguardo.contact import services
from resguardo.contact.models import Message
from resguardo.contact.tests.conftest import send

pytestmark = pytest.mark.django_db
WRITTEN = {"name": "Ana Quispe", "reply_to": "+57 300 555 0101",
           "subject": "Threats\r\nBcc: everyone@example.org",
           "body": "Armed men came to the village of San José at night."}


@pytest.fixture
def notify(settings) -> list[str]:  # type: ignore[no-untyped-def]
    settings.NOTIFY_EMAILS = ["editors@example.org", "ines@example.org"]
    return settings.NOTIFY_EMAILS


def test_editors_are_told_a_message_arrived_with_a_link_and_nothing_it_said(
        client: Client, notify: list[str], mailoutbox, django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, **WRITTEN).status_code == 302
    [mail] = mailoutbox
    assert mail.to == notify and mail.cc == [] and mail.bcc == []
    assert mail.subject == "Resguardo: a new message in the contact inbox"
    assert "http://testserver/editors/contact/message/?status__exact=new" in mail.body
    whole = mail.message().as_string()
    for part in ("Ana", "Quispe", "300 555", "Threats", "Bcc", "everyone@", "San Jos",
                 "Armed"):
        assert part not in whole, part


def test_without_addresses_no_mail_is_sent(client: Client, mailoutbox,
                                           django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        send(client, **WRITTEN)
    assert Message.objects.count() == 1 and mailoutbox == []


def test_no_mail_is_sent_for_a_message_that_was_not_stored(
        notify: list[str], mailoutbox, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.receive(body="Lost", language="en", inbox_url="http://x/")
            raise RuntimeError("the database went away")
    assert not Message.objects.exists() and mailoutbox == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_mail_server_that_fails_loses_no_message_and_shows_the_sender_no_error(
        client: Client, notify: list[str], settings, caplog,
        django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1", _closed_port(), 2)
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = send(client, follow=True, **WRITTEN)
    assert response.status_code == 200
    assert "your message reached the editors" in response.content.decode()
    assert Message.objects.get().body == WRITTEN["body"]
    assert caplog.messages == ["Could not send the new-message notice (ConnectionRefusedError)"]
    logged = caplog.text
    for part in ("Ana", "300 555", "Threats", "San Jos", "127.0.0.1", "example.org"):
        assert part not in logged, part
