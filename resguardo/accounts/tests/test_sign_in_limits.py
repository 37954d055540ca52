"""Editors' sign-in is throttled so that guessing costs the one who guesses, not the editor:
per account name and client together, per client, and, far higher, per account name across
every client. Names that exist and names that do not are counted alike, and no one's
address is kept."""

import pickle
import zlib
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, RequestFactory

from resguardo.accounts.throttle import (
    SIGN_IN_PER_ACCOUNT,
    SIGN_IN_PER_ACCOUNT_AND_CLIENT,
    SIGN_IN_PER_CLIENT,
)
from resguardo.conftest import PASSPHRASE, authenticator, totp_code
from resguardo.lib.ratelimit import client

pytestmark = pytest.mark.django_db
LOGIN = "/editors/login/"
ATTACKER = "203.0.113.66"
EDITORS_OWN = "198.51.100.7"


@pytest.fixture(autouse=True)
def _quick_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """A hundred sign-ins with the real hasher take a minute; what is tested here is the
    counting, not the hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(browser: Client, username: str, password: str = "not the passphrase",  # type: ignore[no-untyped-def]
            code: str = "123456", address: str = ATTACKER, **headers: str):
    return browser.post(LOGIN, {"username": username, "password": password, "code": code,
                                "next": "/editors/"}, REMOTE_ADDR=address, **headers)


def fail_until_refused(browser: Client, username: str, address: str = ATTACKER) -> None:
    for _ in range(SIGN_IN_PER_ACCOUNT_AND_CLIENT.count):
        assert attempt(browser, username, address=address).status_code == 200  # the form again
    assert attempt(browser, username, address=address).status_code == 429


def test_the_editor_signs_in_from_her_own_address_after_an_attacker_fails_ten_times_from_another(
        editor) -> None:  # type: ignore[no-untyped-def]
    fail_until_refused(Client(), "editor")
    code = totp_code(authenticator(editor))
    response = attempt(Client(), "editor", PASSPHRASE, code, address=EDITORS_OWN)
    assert response.status_code == 302 and response["Location"] == "/editors/"


@pytest.mark.parametrize("username", ["editor", "nobody-by-that-name"])
def test_the_attackers_address_gets_429_and_a_page_in_its_language_whether_the_name_exists(
        client: Client, editor, username: str) -> None:  # type: ignore[no-untyped-def]
    fail_until_refused(client, username)
    refused = attempt(client, username, HTTP_ACCEPT_LANGUAGE="es")
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(SIGN_IN_PER_ACCOUNT_AND_CLIENT.seconds)
    page = refused.content.decode()
    assert '<html lang="es"' in page and "Demasiados intentos" in page
    assert "Espere 15 minutos y vuelva a intentarlo." in page
    english = attempt(client, username).content.decode()
    assert "Too many tries" in english and "wait 15 minutes" in english
    # Even the right passphrase and code wait: guessing must not be able to tell them apart.
    code = totp_code(authenticator(editor))
    assert attempt(client, username, PASSPHRASE, code).status_code == 429
    assert attempt(client, "someone-else").status_code == 200


def test_a_guess_spread_over_many_addresses_stops_at_the_accounts_ceiling(
        editor) -> None:  # type: ignore[no-untyped-def]
    browser = Client()
    per_address = SIGN_IN_PER_ACCOUNT_AND_CLIENT.count
    for n in range(SIGN_IN_PER_ACCOUNT.count // per_address):
        for _ in range(per_address):
            assert attempt(browser, "editor", address=f"192.0.2.{n + 1}").status_code == 200
    # A new address, and the editor's own with her code: the account waits out its hour.
    assert attempt(browser, "editor", address="192.0.2.200").status_code == 429
    code = totp_code(authenticator(editor))
    refused = attempt(browser, "editor", PASSPHRASE, code, address=EDITORS_OWN)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(SIGN_IN_PER_ACCOUNT.seconds)
    page = refused.content.decode()
    assert "Too many tries were made for this in a short time, wherever they came from." in page
    assert "wait 60 minutes" in page
    spanish = attempt(browser, "editor", address=EDITORS_OWN, HTTP_ACCEPT_LANGUAGE="es")
    assert "vinieran de donde vinieran. Espere 60 minutos" in spanish.content.decode()
    # Other accounts are not held up.
    assert attempt(browser, "someone-else", address=EDITORS_OWN).status_code == 200


def test_an_address_refused_for_an_account_adds_nothing_to_the_accounts_ceiling(
        editor) -> None:  # type: ignore[no-untyped-def]
    browser = Client()
    fail_until_refused(browser, "editor")
    for _ in range(SIGN_IN_PER_ACCOUNT.count):
        attempt(browser, "editor")  # all refused at once, uncounted for the account
    code = totp_code(authenticator(editor))
    assert attempt(browser, "editor", PASSPHRASE, code, address=EDITORS_OWN).status_code == 302


def test_one_client_trying_many_names_is_stopped_too(client: Client) -> None:
    for n in range(SIGN_IN_PER_CLIENT.count):
        assert attempt(client, f"name-{n}").status_code == 200
    assert attempt(client, "one-more-name").status_code == 429
    assert attempt(client, "one-more-name", address=EDITORS_OWN).status_code == 200


def test_a_client_is_known_only_by_a_keyed_hash_of_its_address(settings) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/en/", REMOTE_ADDR="203.0.113.7")
    hashed = client(request)
    assert "203.0.113.7" not in hashed and len(hashed) == 32
    settings.SECRET_KEY = "another site's key"
    assert client(request) != hashed


def as_kept(path: Path) -> str:
    """A cache file's bytes, and its value as Django's file cache wrote it (a pickled
    expiry, then the pickled value compressed)."""
    raw = path.read_bytes()
    with path.open("rb") as kept:
        try:
            pickle.load(kept)
            value = repr(pickle.loads(zlib.decompress(kept.read())))
        except (pickle.UnpicklingError, zlib.error, EOFError):  # the lock file
            value = ""
    return raw.decode("latin-1") + value


def test_nothing_kept_on_disk_or_in_the_database_holds_the_address(
        editor, settings, caplog) -> None:  # type: ignore[no-untyped-def]
    ipv4, ipv6 = "203.0.113.66", "2001:db8:dead:beef::1"
    for address in (ipv4, ipv6):
        fail_until_refused(Client(), "editor", address=address)
        attempt(Client(), "editor", PASSPHRASE, totp_code(authenticator(editor)),
                address=address)
    traces = (ipv4, "2001:db8:dead:beef", "2001:0db8")
    kept = {path: as_kept(path) for cache in settings.CACHES.values()
            for path in Path(cache["LOCATION"]).rglob("*") if path.is_file()}
    assert len(kept) >= 4  # the counts are there, in files
    assert not [path for path, text in kept.items() for trace in traces
                if trace in text or trace in str(path)]
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            rows += [repr(row) for row in cursor.fetchall()]
    rows += [repr(session.get_decoded()) for session in Session.objects.all()]
    assert len(rows) > 10
    assert not [row for row in rows for trace in traces if trace in row]
    assert not [trace for trace in traces if trace in caplog.text]


def test_signing_in_within_the_limits_works(client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    response = attempt(client, "editor", PASSPHRASE, totp_code(authenticator(editor)))
    assert response.status_code == 302 and response["Location"] == "/editors/"


def test_an_account_name_in_other_unicode_forms_counts_as_the_same_account(
        client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    # The form signs in "ｅｄｉｔｏｒ" or "𝐞ditor" as "editor" (Django's UsernameField takes
    # NFKC): the count must too, or each spelling would get 10 more guesses.
    for n in range(SIGN_IN_PER_ACCOUNT_AND_CLIENT.count):
        attempt(client, "editor" if n % 2 else "EDITOR ")
    code = totp_code(authenticator(editor))
    for spelling in ("ｅｄｉｔｏｒ", "\U0001d41editor", "\U0001d41e\U0001d41d\U0001d422tor"):
        assert attempt(client, spelling, PASSPHRASE, code).status_code == 429, spelling
