"""What the contact tests share: a visitor sending the form as a browser would, and an
editor signed in to the inbox."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from resguardo.conftest import sign_in
from resguardo.contact.models import Message

FORM = "/en/contact/"
INBOX = "/editors/contact/message/"


def send(browser: Client, *, headers: dict[str, str] | None = None, follow: bool = False,
         form: str = FORM, **fields: str):  # type: ignore[no-untyped-def]
    """Read the form (for its time stamp), fill it in and send it, as a browser does."""
    page = browser.get(form, headers=headers)
    shown = page.context["form"]["shown"].value()
    data = {"name": "", "reply_to": "", "subject": "", "body": "", "website": "",
            "shown": shown, **fields}
    return browser.post(form, data, headers=headers, follow=follow)


def change_page(message: Message) -> str:
    return f"{INBOX}{message.pk}/change/"


@pytest.fixture(autouse=True)
def _quick_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    # The editor's account is made in each test: what is tested is not the hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user: User) -> Client:
    """A browser signed in as `user`, with the code of their authenticator (the one place
    these tests sign in)."""
    return sign_in(Client(), user)


@pytest.fixture
def inbox(editor: User) -> Client:
    """A browser signed in as a member of the Editors group."""
    return signed_in(editor)
