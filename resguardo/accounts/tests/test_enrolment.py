"""A new staff account sets up its authenticator app through a one-time enrolment link:
its password first, then the key (as text and QR code), then a first code."""

import re
import time
from base64 import b32decode
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from resguardo.accounts import authenticators
from resguardo.accounts.roles import create_editor
from resguardo.conftest import PASSPHRASE, authenticator, sign_in, totp_code

pytestmark = pytest.mark.django_db
INVALID = "This enrolment link does not work"
QR = '<svg class="qr"'


def create_with_command(monkeypatch, *args: str) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSPHRASE)
    out = StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def link_in(printed: str) -> str:
    found = re.search(r"(?:https?://[^/\s]+)?(/editors/enrol/[^/\s]+/)", printed)
    assert found, printed
    return found[1]


def code_for(key_as_shown: str, *, ahead: int = 0) -> str:
    """What an authenticator app given the key shown on the page would show."""
    totp = TOTP(b32decode("".join(key_as_shown.split())))
    totp.time = time.time() + ahead * 30
    return f"{totp.token():06d}"


def shown_key(page: str) -> str:
    found = re.search(r'<code class="key">([A-Z2-7 ]+)</code>', page)
    assert found, page
    return found[1]


def test_a_new_editor_enrols_with_the_link_the_command_prints_and_is_signed_in(
        client: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    printed = create_with_command(monkeypatch, "ana", "--email", "ana@example.org",
                                  "--site", "https://library.example.org")
    assert "Editor ana created." in printed
    assert "https://library.example.org/editors/enrol/" in printed
    link = link_in(printed)

    first = client.get(link).content.decode()
    assert "Your password" in first and QR not in first  # the key only after it
    wrong = client.post(link, {"password": "not the passphrase"}).content.decode()
    assert "That is not this account&#x27;s password." in wrong
    assert client.post(link, {"password": PASSPHRASE})["Location"] == link

    page = client.get(link).content.decode()
    key = shown_key(page)
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", key)  # 160 bits, in groups of 4
    assert '<svg class="qr" role="img" aria-label="QR code of the key"' in page
    assert 'autocomplete="one-time-code"' in page
    missed = client.post(link, {"code": f"{(int(code_for(key)) + 1) % 10**6:06d}"})
    assert "That code does not match." in missed.content.decode()
    assert client.get("/editors/").status_code == 302
    # A wrong code makes the next wait a second; the editor takes longer than that.
    TOTPDevice.objects.filter(user__username="ana").update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=2))

    done = client.post(link, {"code": code_for(key)})
    assert done.status_code == 302 and done["Location"] == "/editors/"
    home = client.get("/editors/")
    assert home.status_code == 200 and "Your authenticator app is set up." in home.content.decode()
    used = client.get(link)
    assert used.status_code == 404 and INVALID in used.content.decode()

    client.post("/editors/logout/")
    response = client.post("/editors/login/", {"username": "ana", "password": PASSPHRASE,
                                               "code": code_for(key, ahead=1)})
    assert response.status_code == 302 and client.get("/editors/").status_code == 200


def test_an_account_made_without_a_password_chooses_one_at_enrolment(client: Client) -> None:
    user = User.objects.create_user("bea", is_staff=True)
    user.set_unusable_password()
    user.save()
    link = f"/editors/enrol/{authenticators.start_enrolment(user)}/"
    page = client.get(link).content.decode()
    assert 'name="new_password1"' in page and 'autocomplete="new-password"' in page
    weak = client.post(link, {"new_password1": "short", "new_password2": "short"})
    assert "This password is too short." in weak.content.decode()
    client.post(link, {"new_password1": PASSPHRASE, "new_password2": PASSPHRASE})
    user.refresh_from_db()
    assert user.check_password(PASSPHRASE)
    assert QR in client.get(link).content.decode()


def test_the_key_is_shown_only_in_the_browser_that_gave_the_password(client: Client) -> None:
    user = create_editor("ana", "", PASSPHRASE)
    link = f"/editors/enrol/{authenticators.start_enrolment(user)}/"
    client.post(link, {"password": PASSPHRASE})
    assert QR in client.get(link).content.decode()
    assert QR not in Client().get(link).content.decode()


def test_only_the_newest_link_works_and_none_after_enrolment(client: Client) -> None:
    user = create_editor("ana", "", PASSPHRASE)
    older = f"/editors/enrol/{authenticators.start_enrolment(user)}/"
    newer = f"/editors/enrol/{authenticators.start_enrolment(user)}/"
    assert client.get(older).status_code == 404
    assert client.get(newer).status_code == 200
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_an_altered_or_expired_link_does_not_work(client: Client, monkeypatch,  # type: ignore[no-untyped-def]
                                                  settings) -> None:
    user = create_editor("ana", "", PASSPHRASE)
    token = authenticators.start_enrolment(user)
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/editors/enrol/{altered}/").status_code == 404
    later = time.time() + settings.ENROLMENT_HOURS * 60 * 60 + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.get(f"/editors/enrol/{token}/")
    assert response.status_code == 404 and INVALID in response.content.decode()


def test_a_link_for_an_account_no_longer_staff_does_not_work(client: Client) -> None:
    user = create_editor("ana", "", PASSPHRASE)
    link = f"/editors/enrol/{authenticators.start_enrolment(user)}/"
    User.objects.filter(pk=user.pk).update(is_staff=False)
    assert client.get(link).status_code == 404


def test_the_enrolment_password_is_throttled_per_account_and_client(client: Client) -> None:
    from resguardo.accounts.throttle import SIGN_IN_PER_ACCOUNT_AND_CLIENT

    user = create_editor("ana", "", PASSPHRASE)
    link = f"/editors/enrol/{authenticators.start_enrolment(user)}/"
    for _ in range(SIGN_IN_PER_ACCOUNT_AND_CLIENT.count):
        assert Client().post(link, {"password": "guess"}).status_code == 200
    assert client.post(link, {"password": PASSPHRASE}).status_code == 429
    login = client.post("/editors/login/", {"username": "ana", "password": PASSPHRASE,
                                            "code": "123456"})
    assert login.status_code == 429  # one count for the account, wherever it is tried
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert elsewhere.post(link, {"password": PASSPHRASE}).status_code == 302


def test_enrol_refuses_an_account_with_an_authenticator_unless_asked_to_replace_it(
        editor: User) -> None:
    with pytest.raises(CommandError, match="has an authenticator already"):
        call_command("enrol", "editor")
    staff = sign_in(Client(), editor)
    out = StringIO()
    call_command("enrol", "editor", "--replace", stdout=out)
    assert "The authenticator of editor was removed." in out.getvalue()
    assert link_in(out.getvalue())
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert staff.get("/editors/").status_code == 302  # its session is verified no more


def test_enrol_gives_an_account_made_by_createsuperuser_its_first_link(client: Client) -> None:
    User.objects.create_superuser("root", "root@example.org", PASSPHRASE)
    out = StringIO()
    call_command("enrol", "root", stdout=out)
    assert client.get(link_in(out.getvalue())).status_code == 200
    with pytest.raises(CommandError, match="no active staff account named nobody"):
        call_command("enrol", "nobody")


def test_an_administrator_makes_enrolment_links_in_the_admin(administrator: User) -> None:
    newcomer = create_editor("newcomer", "", PASSPHRASE)
    admin_client = sign_in(Client(), administrator)
    response = admin_client.post("/editors/auth/user/", {
        "action": "make_enrolment_links",
        "_selected_action": [newcomer.pk, administrator.pk]})
    page = response.content.decode()
    assert response.status_code == 200
    links = re.findall(r"<code>(http://testserver/editors/enrol/[^<]+/)</code>", page)
    assert len(links) == 1, page
    assert "they already have an authenticator" in page and "administrator" in page
    assert Client().get(links[0].removeprefix("http://testserver")).status_code == 200
    assert authenticator(administrator).confirmed  # untouched


def test_a_code_used_to_confirm_cannot_sign_in_again(client: Client) -> None:
    user = create_editor("ana", "", PASSPHRASE)
    link = f"/editors/enrol/{authenticators.start_enrolment(user)}/"
    client.post(link, {"password": PASSPHRASE})
    code = totp_code(TOTPDevice.objects.get(user=user))
    client.post(link, {"code": code})
    client.post("/editors/logout/")
    again = client.post("/editors/login/", {"username": "ana", "password": PASSPHRASE,
                                            "code": code})
    assert again.status_code == 200 and client.get("/editors/").status_code == 302
