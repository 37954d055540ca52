"""A forgotten password is reset by mail, with a page that tells nothing about whether the
address is known; the new password alone still does not sign anyone in."""

import re
import threading

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from resguardo.accounts.forms import MAIL_THREAD
from resguardo.accounts.views import RESET_PER_ADDRESS, RESET_PER_CLIENT
from resguardo.conftest import PASSPHRASE, authenticator, totp_code

pytestmark = pytest.mark.django_db
RESET = "/editors/password-reset/"
NEW_PASSPHRASE = "another long passphrase 43"


def ask(client: Client, email: str):  # type: ignore[no-untyped-def]
    response = client.post(RESET, {"email": email}, follow=True)
    for thread in threading.enumerate():
        if thread.name == MAIL_THREAD:
            thread.join(timeout=10)
    return response


def _as_seen(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF",
                  response.content.decode())


def test_the_page_is_the_same_for_a_known_and_an_unknown_address_and_only_one_gets_mail(
        editor: User) -> None:
    User.objects.create_user("reader", "reader@example.org", PASSPHRASE)  # not staff
    known = ask(Client(), "editor@example.org")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["editor@example.org"]
    unknown = ask(Client(), "nobody@example.org")
    not_staff = ask(Client(), "reader@example.org")
    assert len(mail.outbox) == 1
    assert known.redirect_chain == unknown.redirect_chain == not_staff.redirect_chain == [
        ("/editors/password-reset/sent/", 302)]
    assert _as_seen(known) == _as_seen(unknown) == _as_seen(not_staff)
    assert "if an account exists with the email you entered" in _as_seen(known)


def test_the_mail_leads_to_a_new_password_and_the_code_is_still_needed(
        client: Client, editor: User) -> None:
    ask(client, "editor@example.org")
    message = mail.outbox[0]
    assert "A new password for Resguardo" == message.subject
    assert "You will still need the code from your authenticator app" in message.body
    link = re.search(r"http://testserver(/editors/password-reset/\S+/)", message.body)
    assert link, message.body

    form = client.get(link[1], follow=True)
    assert "Please enter your new password twice" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {
        "new_password1": NEW_PASSPHRASE, "new_password2": NEW_PASSPHRASE}, follow=True)
    assert "Your password has been set." in done.content.decode()
    assert client.get("/editors/").status_code == 302  # not signed in by the reset

    without_code = client.post("/editors/login/", {"username": "editor",
                                                   "password": NEW_PASSPHRASE})
    assert without_code.status_code == 200 and client.get("/editors/").status_code == 302
    signed_in = client.post("/editors/login/", {
        "username": "editor", "password": NEW_PASSPHRASE,
        "code": totp_code(authenticator(editor))})
    assert signed_in.status_code == 302 and client.get("/editors/").status_code == 200
    assert client.get(link[1], follow=True).content.decode().count(
        "The password reset link was invalid") == 1  # it worked once


def test_asking_too_often_from_one_client_or_for_one_address_gets_429(editor: User) -> None:
    one_client = Client()
    for n in range(RESET_PER_CLIENT.count):
        assert ask(one_client, f"someone{n}@example.org").status_code == 200
    assert one_client.post(RESET, {"email": "else@example.org"}).status_code == 429
    for n in range(RESET_PER_ADDRESS.count):  # from elsewhere each time
        assert ask(Client(REMOTE_ADDR=f"203.0.113.{n}"), "editor@example.org"
                   ).status_code == 200
    again = Client(REMOTE_ADDR="198.51.100.1").post(RESET, {"email": "Editor@example.org"})
    assert again.status_code == 429
    assert len(mail.outbox) == RESET_PER_ADDRESS.count


def test_the_sign_in_page_links_the_reset(client: Client) -> None:
    page = client.get("/editors/login/").content.decode()
    assert f'href="{RESET}"' in page
