"""Editors' sign-in is throttled per client and per account name, the same for accounts
that exist and accounts that do not, without keeping anyone's address."""

import pytest
from django.test import Client, RequestFactory

from resguardo.catalogue.editors import SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_CLIENT
from resguardo.conftest import PASSPHRASE, authenticator, totp_code
from resguardo.lib.ratelimit import client

pytestmark = pytest.mark.django_db
LOGIN = "/editors/login/"


@pytest.fixture(autouse=True)
def _quick_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Forty sign-ins with the real hasher take seconds each batch; what is tested here is
    the counting, not the hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(browser: Client, username: str, password: str = "not the passphrase",  # type: ignore[no-untyped-def]
            code: str = "123456"):
    return browser.post(LOGIN, {"username": username, "password": password, "code": code,
                                "next": "/editors/"})


@pytest.mark.parametrize("username", ["editor", "nobody-by-that-name"])
def test_an_account_name_tried_too_often_gets_429_whether_it_exists_or_not(
        client: Client, editor, username: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(SIGN_IN_PER_ACCOUNT.count):
        assert attempt(client, username).status_code == 200  # the form again, with an error
    refused = attempt(client, username)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(SIGN_IN_PER_ACCOUNT.seconds)
    assert "Too many tries" in refused.content.decode()
    assert "wait 15 minutes" in refused.content.decode()
    # Even the right passphrase and code wait: guessing must not be able to tell them apart.
    code = totp_code(authenticator(editor))
    assert attempt(client, username, PASSPHRASE, code).status_code == 429
    assert attempt(client, "someone-else").status_code == 200


def test_one_client_trying_many_names_is_stopped_too(client: Client) -> None:
    for n in range(SIGN_IN_PER_CLIENT.count):
        assert attempt(client, f"name-{n}").status_code == 200
    assert attempt(client, "one-more-name").status_code == 429


def test_a_client_is_known_only_by_a_keyed_hash_of_its_address(settings) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/en/", REMOTE_ADDR="203.0.113.7")
    hashed = client(request)
    assert "203.0.113.7" not in hashed and len(hashed) == 32
    settings.SECRET_KEY = "another site's key"
    assert client(request) != hashed


def test_signing_in_within_the_limits_works(client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    response = attempt(client, "editor", PASSPHRASE, totp_code(authenticator(editor)))
    assert response.status_code == 302 and response["Location"] == "/editors/"


def test_an_account_name_in_other_unicode_forms_counts_as_the_same_account(
        client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    # The form signs in "ｅｄｉｔｏｒ" or "𝐞ditor" as "editor" (Django's UsernameField takes
    # NFKC): the count must too, or each spelling would get 10 more guesses.
    for n in range(SIGN_IN_PER_ACCOUNT.count):
        attempt(client, "editor" if n % 2 else "EDITOR ")
    code = totp_code(authenticator(editor))
    for spelling in ("ｅｄｉｔｏｒ", "\U0001d41editor", "\U0001d41e\U0001d41d\U0001d422tor"):
        assert attempt(client, spelling, PASSPHRASE, code).status_code == 429, spelling
