"""Two roles, as groups that `resguardo setup` makes: editors curate and moderate;
administrators also manage accounts, groups and authenticators."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client

from resguardo.accounts.roles import ADMINISTRATORS, GROUP, editors_group, role_groups
from resguardo.conftest import PASSPHRASE, sign_in

pytestmark = pytest.mark.django_db
ACCOUNTS = ["/editors/auth/user/", "/editors/auth/group/", "/editors/otp_totp/totpdevice/"]


def _codenames(name: str) -> set[str]:
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_making_the_roles_again_changes_nothing() -> None:
    role_groups()
    first = {name: _codenames(name) for name in (GROUP, ADMINISTRATORS)}
    role_groups()
    assert {name: _codenames(name) for name in (GROUP, ADMINISTRATORS)} == first
    assert Group.objects.count() == 2
    assert first[GROUP] < first[ADMINISTRATORS]
    assert {"change_user", "add_group", "delete_totpdevice"} <= first[ADMINISTRATORS] - first[GROUP]


@pytest.mark.parametrize("page", ACCOUNTS)
def test_an_editor_cannot_see_accounts_groups_or_authenticators(editor: User, page: str) -> None:
    assert sign_in(Client(), editor).get(page).status_code == 403


@pytest.mark.parametrize("page", ACCOUNTS)
def test_an_administrator_can(administrator: User, page: str) -> None:
    response = sign_in(Client(), administrator).get(page)
    assert response.status_code == 200
    assert not administrator.is_superuser


def test_an_administrator_sees_who_has_an_authenticator_but_never_its_key(
        administrator: User) -> None:
    from resguardo.conftest import authenticator

    device = authenticator(administrator)
    staff = sign_in(Client(), administrator)
    page = staff.get(f"/editors/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page and "otp_totp/totpdevice/add/" not in page
    assert staff.get("/editors/otp_totp/totpdevice/add/").status_code == 403
    users = staff.get("/editors/auth/user/").content.decode()
    assert "Authenticator" in users and 'alt="True"' in users


def test_create_editor_makes_an_administrator_with_role(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSPHRASE)
    out = StringIO()
    call_command("create_editor", "ines", "--role", "administrator", stdout=out)
    user = User.objects.get(username="ines")
    assert list(user.groups.values_list("name", flat=True)) == [ADMINISTRATORS]
    assert user.is_staff and not user.is_superuser
    assert "Administrator ines created." in out.getvalue()
    assert "/editors/enrol/" in out.getvalue()


def test_the_editors_group_can_curate_and_nothing_more() -> None:
    codenames = set(editors_group().permissions.values_list("codename", flat=True))
    assert {"add_resource", "change_resource", "delete_resource", "change_theme",
            "add_organisation", "change_page"} <= codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def test_create_editor_command_makes_a_staff_member_of_the_group(
        monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["a long enough passphrase 42"] * 2)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("create_editor", "ana", "--email", "ana@example.org")
    user = Group.objects.get(name=GROUP).user_set.get()
    assert user.username == "ana" and user.is_staff and not user.is_superuser


def test_create_editor_refuses_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "short")
    with pytest.raises(CommandError):
        call_command("create_editor", "ana")
