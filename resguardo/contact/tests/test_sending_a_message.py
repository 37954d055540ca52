"""A visitor writes to the editors through /contact/ and an editor reads it in the inbox."""

import re

import pytest
from django.test import Client

from resguardo.contact.models import Message
from resguardo.contact.tests.conftest import FORM, INBOX, change_page, send
from resguardo.web.context import OFFLINE

pytestmark = pytest.mark.django_db


def test_a_visitor_sends_a_message_and_an_editor_reads_it_in_the_inbox(
        client: Client, inbox: Client) -> None:
    response = send(client, name="Ana", reply_to="Signal: ana.42", subject="Radio guide",
                    body="Is there a version of the radio guide in Quechua?")
    assert response.status_code == 302 and response["Location"] == "/en/contact/sent/"
    thanks = client.get(response["Location"])
    assert "your message reached the editors" in thanks.content.decode()

    message = Message.objects.get()
    assert (message.name, message.reply_to, message.subject, message.status) == (
        "Ana", "Signal: ana.42", "Radio guide", "new")
    listing = inbox.get(INBOX).content.decode()
    assert "Radio guide" in listing and "Ana" in listing
    page = inbox.get(change_page(message)).content.decode()
    assert "Is there a version of the radio guide in Quechua?" in page
    assert "Signal: ana.42" in page


def test_the_thanks_page_repeats_nothing_the_sender_wrote(client: Client) -> None:
    response = send(client, name="Ana Quispe", reply_to="ana@example.org",
                    subject="Threats in the valley", body="Men came to the village at night.",
                    follow=True)
    page = response.content.decode()
    for written in ("Ana Quispe", "ana@example.org", "Threats in the valley", "Men came"):
        assert written not in page


def test_only_the_message_is_needed(client: Client) -> None:
    assert send(client, body="Thank you for the library.").status_code == 302
    message = Message.objects.get()
    assert (message.name, message.reply_to, message.subject) == ("", "", "")


def test_a_message_without_a_body_is_refused_with_a_clear_message_next_to_the_field(
        client: Client) -> None:
    response = send(client, name="Ana", subject="Hello")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The message was not sent." in page
    error = re.search(r'<ul class="errorlist" id="(id_body_error)"><li>([^<]+)</li>', page)
    assert error and error[2] == "This field is required."
    assert re.search(r'<textarea[^>]*aria-describedby="id_body_error"[^>]*aria-invalid="true"'
                     r'|<textarea[^>]*aria-invalid="true"[^>]*aria-describedby="id_body_error"',
                     page)
    assert 'value="Ana"' in page  # what was written is kept for another try
    assert not Message.objects.exists()


def test_the_form_says_what_is_optional_and_what_a_way_to_reply_is_for(
        client: Client) -> None:
    page = client.get(FORM).content.decode()
    assert '<label for="id_name">Your name (optional):</label>' in page
    assert '<label for="id_reply_to">How we can reply to you (optional):</label>' in page
    assert "It is used only to answer this message." in page
    assert 'aria-describedby="id_reply_to_helptext"' in page
    assert "deleted 90 days after they archive it" in page
    assert "<script" not in page


def test_the_form_is_never_kept_by_a_cache_and_the_thanks_page_may_be(client: Client) -> None:
    assert "no-store" in client.get(FORM)["Cache-Control"]
    assert "max-age=300" in client.get("/en/contact/sent/")["Cache-Control"]


def test_the_language_of_the_form_is_kept_with_the_message(client: Client) -> None:
    send(client, body="¿Tienen guías en español?", form="/es/contact/")
    assert Message.objects.get().language == "es"


def test_every_page_links_to_the_contact_form_but_the_offline_copy(client: Client) -> None:
    link = '<a href="/en/contact/">Contact the editors</a>'
    assert link in client.get("/en/learn/").content.decode()
    # The static copy has no server to send a form to.
    assert link not in client.get("/en/learn/", **{OFFLINE: True}).content.decode()


def test_the_days_before_deletion_take_the_plural_their_number_needs(
        client: Client, settings: object) -> None:
    settings.RETENTION_DAYS = 1  # type: ignore[attr-defined]
    assert "deleted 1 day after they archive it" in client.get(FORM).content.decode()
    spanish = client.get("/es/contact/").content.decode()
    assert "se borra 1 día después de archivarlo" in spanish
    settings.RETENTION_DAYS = 30  # type: ignore[attr-defined]
    french = client.get("/fr/contact/").content.decode()
    assert "supprimé 30 jours après son archivage" in french
