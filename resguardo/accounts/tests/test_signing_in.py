"""Staff sign in with a username, a password and the code their authenticator app shows;
every wrong answer gets the same page, and nothing in the editors' area opens without a
code, not even for a superuser."""

import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from resguardo.accounts.roles import create_editor
from resguardo.conftest import PASSPHRASE, authenticator, make_staff, sign_in, totp_code

pytestmark = pytest.mark.django_db
LOGIN = "/editors/login/"
REFUSED = "The username, password and code do not match a staff account."


def attempt(client: Client, username: str, password: str, code: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password, "code": code,
                               "next": "/editors/"})


def wrong_code(right: str) -> str:
    return f"{(int(right) + 1) % 1_000_000:06d}"


def test_the_right_password_and_code_open_the_editors_area(client: Client, editor: User) -> None:
    response = attempt(client, "editor", PASSPHRASE, totp_code(authenticator(editor)))
    assert response.status_code == 302 and response["Location"] == "/editors/"
    home = client.get("/editors/")
    assert home.status_code == 200
    assert "Resources" in home.content.decode()


def test_a_code_typed_with_a_space_is_taken(client: Client, editor: User) -> None:
    code = totp_code(authenticator(editor))
    response = attempt(client, "editor", PASSPHRASE, f"{code[:3]} {code[3:]}")
    assert response.status_code == 302


def _as_seen(response) -> str:  # type: ignore[no-untyped-def]
    """The page without what differs on every answer to anyone (the form's CSRF token)
    and what the visitor typed themselves."""
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", body)
    return re.sub(r'(name="username" value=")[^"]*"', r"\1NAME", body)


def test_a_wrong_code_a_wrong_password_and_an_unknown_account_get_the_same_page(
        editor: User, settings) -> None:  # type: ignore[no-untyped-def]
    User.objects.create_user("reader", password=PASSPHRASE)  # an account, but not staff
    code = totp_code(authenticator(editor))
    answers = {
        "wrong code": attempt(Client(), "editor", PASSPHRASE, wrong_code(code)),
        "wrong password": attempt(Client(), "editor", "not the passphrase", code),
        "unknown account": attempt(Client(), "nobody", PASSPHRASE, code),
        "not staff": attempt(Client(), "reader", PASSPHRASE, code),
    }
    pages = {why: _as_seen(response) for why, response in answers.items()}
    assert all(response.status_code == 200 for response in answers.values())
    assert REFUSED in pages["wrong code"]
    assert len(set(pages.values())) == 1, [why for why in pages]
    # No session is started: only the form's CSRF cookie, as for anyone who opens it.
    assert all(set(response.cookies) == {settings.CSRF_COOKIE_NAME}
               for response in answers.values())


def test_an_account_without_an_authenticator_cannot_sign_in_with_its_password(
        client: Client) -> None:
    create_editor("newcomer", "", PASSPHRASE)
    response = attempt(client, "newcomer", PASSPHRASE, "123456")
    assert REFUSED in response.content.decode()
    assert client.get("/editors/").status_code == 302


def test_a_code_is_taken_once(client: Client, editor: User) -> None:
    code = totp_code(authenticator(editor))
    assert attempt(client, "editor", PASSPHRASE, code).status_code == 302
    client.post("/editors/logout/")
    again = attempt(client, "editor", PASSPHRASE, code)
    assert again.status_code == 200 and REFUSED in again.content.decode()
    assert client.get("/editors/").status_code == 302


def test_after_a_wrong_code_the_authenticator_waits_before_the_next(client: Client,
                                                                    editor: User) -> None:
    device = authenticator(editor)
    code = totp_code(device)
    assert REFUSED in attempt(client, "editor", PASSPHRASE, wrong_code(code)).content.decode()
    # Even the right code, at once: the wait is the authenticator's, not the page's.
    assert REFUSED in attempt(client, "editor", PASSPHRASE, code).content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttling_failure_timestamp = timezone.now() - timedelta(seconds=2)
    device.save()
    assert attempt(client, "editor", PASSPHRASE, code).status_code == 302


def test_a_wrong_password_never_counts_against_the_authenticator(client: Client,
                                                                 editor: User) -> None:
    """Someone without the password cannot make an editor's authenticator wait."""
    device = authenticator(editor)
    attempt(client, "editor", "not the passphrase", "000000")
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


class CountingHasher(MD5PasswordHasher):
    """Counts the hashes computed (checking a password computes one)."""

    algorithm = "counting-md5"
    calls = 0

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.calls += 1
        return super().encode(password, salt)


def test_an_unknown_account_costs_a_password_hash_like_a_known_one(client: Client,
                                                                    settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    make_staff("editor")
    CountingHasher.calls = 0
    attempt(client, "editor", "not the passphrase", "123456")
    known = CountingHasher.calls
    CountingHasher.calls = 0
    attempt(client, "nobody", "not the passphrase", "123456")
    assert known == CountingHasher.calls == 1


def test_the_code_field_is_labelled_and_asks_phones_for_digits(client: Client) -> None:
    page = client.get(LOGIN).content.decode()
    field = re.search(r"<input[^>]+name=\"code\"[^>]*>", page)
    assert field, page
    assert 'autocomplete="one-time-code"' in field[0] and 'inputmode="numeric"' in field[0]
    assert 'id="id_code"' in field[0] and '<label for="id_code"' in page
    assert 'aria-describedby="id_code_helptext"' in field[0]
    assert 'id="id_code_helptext"' in page
    assert reverse("accounts:password-reset") in page


def test_a_code_that_is_not_six_digits_is_explained(client: Client, editor: User) -> None:
    response = attempt(client, "editor", PASSPHRASE, "12a456")
    assert "Enter the 6 digits your authenticator app shows." in response.content.decode()


def _admin_pages() -> list[str]:
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        pages.append(reverse("admin:app_list", args=[meta.app_label]))
    return pages


def test_without_a_code_no_page_of_the_editors_area_opens_not_even_for_a_superuser(
        client: Client) -> None:
    root = User.objects.create_superuser("root", "root@example.org", PASSPHRASE)
    client.force_login(root)  # a password-only session
    pages = _admin_pages()
    assert len(pages) > 20
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(f"{LOGIN}?next="), page


def test_with_a_code_a_superuser_gets_in(client: Client) -> None:
    root = User.objects.create_superuser("root", "root@example.org", PASSPHRASE)
    TOTPDevice.objects.create(user=root, confirmed=True)
    assert client.get("/editors/auth/user/").status_code == 302
    sign_in(client, root)
    assert client.get("/editors/auth/user/").status_code == 200


def test_signing_out_takes_a_post(editor_client: Client) -> None:
    assert editor_client.get("/editors/logout/").status_code == 405
    assert editor_client.get("/editors/").status_code == 200
    editor_client.post("/editors/logout/")
    assert editor_client.get("/editors/").status_code == 302


def test_the_session_cookie_is_secure_and_short_lived(client: Client, editor: User,
                                                      settings) -> None:  # type: ignore[no-untyped-def]
    client.get(LOGIN)
    anonymous = client.cookies.get(settings.CSRF_COOKIE_NAME)
    assert anonymous is not None
    attempt(client, "editor", PASSPHRASE, totp_code(authenticator(editor)))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert settings.SESSION_COOKIE_NAME == "__Host-sessionid"  # SECURE_COOKIES by default
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == "/" and not cookie["domain"]
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_signing_in_gives_a_new_session(client: Client, editor: User) -> None:
    session = client.session
    session["something"] = "before"
    session.save()
    before = session.session_key
    attempt(client, "editor", PASSPHRASE, totp_code(authenticator(editor)))
    assert client.session.session_key != before
