"""Robots and floods are refused with a clear message, and nothing of theirs is kept."""

import pytest
from django.test import Client

from resguardo.contact.models import Message
from resguardo.contact.tests.conftest import FORM, send
from resguardo.contact.views import MESSAGES_PER_CLIENT
from resguardo.lib.antispam import seconds_since

pytestmark = pytest.mark.django_db


def test_a_filled_in_hidden_field_is_refused_and_nothing_is_kept(client: Client) -> None:
    response = send(client, body="Buy now", website="http://spam.example")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The message was not sent." in page
    assert "Please leave the last field empty." in page
    assert not Message.objects.exists()


def test_a_form_sent_back_too_quickly_is_refused_and_can_be_sent_again(
        client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.HUMAN_MIN_SECONDS = 3
    response = send(client, body="Hello")
    page = response.content.decode()
    assert "sent too quickly after the form was shown" in page
    assert ">\nHello</textarea>" in page  # kept for the next try, with a fresh stamp
    assert seconds_since(response.context["form"]["shown"].value()) is not None
    assert not Message.objects.exists()


def test_the_sixth_message_in_an_hour_gets_429_with_a_clear_message(client: Client) -> None:
    for n in range(MESSAGES_PER_CLIENT.count):
        assert send(client, body=f"Message {n}").status_code == 302
    refused = send(client, body="One more")
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(60 * 60)
    assert "Please wait 60 minutes and try again." in refused.content.decode()
    assert Message.objects.count() == MESSAGES_PER_CLIENT.count
    assert client.get(FORM).status_code == 200  # reading the form is never limited


def test_another_client_may_still_write(client: Client) -> None:
    for n in range(MESSAGES_PER_CLIENT.count + 1):
        send(client, body=f"Message {n}")
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert send(other, body="From elsewhere").status_code == 302
