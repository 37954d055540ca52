"""The staff's roles, as groups: Editors curate the catalogue, the knowledge pages and the
trainings, moderate proposals and answer the contact inbox; Administrators do that and
also manage accounts, groups and authenticators. `resguardo setup` makes both; the lists
below are all there is to them. Signing in (password and TOTP code) is in resguardo/accounts."""

import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from resguardo.lib.ratelimit import Limit, allow, client, too_many

GROUP = "Editors"
ADMINISTRATORS = "Administrators"
# App label -> the models whose add, change, delete and view permissions a role has.
# Editors have CURATED; administrators CURATED and ADMINISTERED.
CURATED = {
    "catalogue": ["resource", "organisation", "resourcetype", "theme", "audience", "region",
                  "language", "resourcetypetranslation", "themetranslation",
                  "audiencetranslation", "regiontranslation"],
    "pages": ["page", "pagetranslation"],
    "contributions": ["proposal", "auditentry"],
    "contact": ["message"],
    "events": ["event"],
}
ADMINISTERED = {
    "auth": ["user", "group"],
    "otp_totp": ["totpdevice"],
}
ROLES = {"editor": GROUP, "administrator": ADMINISTRATORS}


def _models(group: str) -> dict[str, list[str]]:
    if group == ADMINISTRATORS:
        return {**CURATED, **ADMINISTERED}
    return CURATED


def role_group(name: str) -> Group:
    """The group of that name with exactly its role's permissions (made if missing)."""
    models = _models(name)
    for label in models:
        create_permissions(apps.get_app_config(label), verbosity=0)
    group, _created = Group.objects.get_or_create(name=name)
    wanted = Q(pk__in=[])
    for label, names in models.items():
        wanted |= Q(content_type__app_label=label, content_type__model__in=names)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def editors_group() -> Group:
    return role_group(GROUP)


def role_groups() -> list[Group]:
    """Make every role's group, or bring it up to date; `resguardo setup` runs this."""
    return [role_group(name) for name in ROLES.values()]


def create_editor(username: str, email: str, password: str, *, role: str = "editor") -> User:
    """A staff account in the role's group. It cannot sign in until it has an
    authenticator: see resguardo/accounts/enrolment.py."""
    user = User.objects.create_user(username=username, email=email, password=password,
                                    is_staff=True)
    user.groups.add(role_group(ROLES[role]))
    return user


# Sign-in is counted three ways (lib/ratelimit.py), for account names that exist and names
# that do not alike, so the answer never tells which:
# - per account and client together: someone guessing an editor's password from their own
#   address is refused, while the editor signs in from hers;
# - per client: one client trying many names;
# - per account across every client, far higher and over an hour: a guess spread over many
#   addresses stops there, and locks the account until the hour is out (its authenticator
#   code still protects it).
# Once one refuses, the rest are not counted: a refused attacker adds nothing to the ceiling.
SIGN_IN_PER_ACCOUNT_AND_CLIENT = Limit("sign-in-account-client", 10, 15 * 60)
SIGN_IN_PER_CLIENT = Limit("sign-in-client", 30, 15 * 60)
SIGN_IN_PER_ACCOUNT = Limit("sign-in-account", 100, 60 * 60, across_clients=True)


def account_key(username: str) -> str:
    """The account name as the per-account limits count it: as Django's sign-in form reads
    it (NFKC, so "ｅｄｉｔｏｒ" is "editor"), without spaces or case."""
    return unicodedata.normalize("NFKC", username).strip().casefold()[:150]


def account_refused(request: HttpRequest, username: str) -> HttpResponse | None:
    """Count one try at signing in to `username` from this client: the 429 page once this
    client, or everyone together, has tried it too often; None while it may go on."""
    account = account_key(username)
    # The client's hash is hexadecimal and of one length: no name can forge another pair.
    for limit, who in ((SIGN_IN_PER_ACCOUNT_AND_CLIENT, f"{client(request)}:{account}"),
                       (SIGN_IN_PER_ACCOUNT, account)):
        if not allow(limit, who):
            return too_many(request, limit)
    return None


def throttled(login: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The editors' sign-in view, refusing with 429 past any limit."""
    @wraps(login)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST":
            if not allow(SIGN_IN_PER_CLIENT, client(request)):
                return too_many(request, SIGN_IN_PER_CLIENT)
            if refused := account_refused(request, str(request.POST.get("username", ""))):
                return refused
        return login(request, *args, **kwargs)
    return view
