"""The Editors group: exactly the permissions to curate the catalogue, the knowledge pages
and the trainings, and to answer the contact inbox. Accounts, groups and settings stay with
administrators."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.http import HttpRequest, HttpResponseBase

from resguardo.lib.ratelimit import Limit, allow, client, too_many

GROUP = "Editors"
CURATED = {
    "catalogue": ["resource", "organisation", "resourcetype", "theme", "audience", "region",
                  "language"],
    "pages": ["page"],
    "contributions": ["proposal", "auditentry"],
    "contact": ["message"],
    "events": ["event"],
}


def editors_group() -> Group:
    for label in CURATED:
        create_permissions(apps.get_app_config(label), verbosity=0)
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(Permission.objects.filter(
        content_type__app_label__in=CURATED.keys(),
        content_type__model__in=[m for models in CURATED.values() for m in models],
    ))
    return group


def create_editor(username: str, email: str, password: str) -> User:
    user = User.objects.create_user(username=username, email=email, password=password,
                                    is_staff=True)
    user.groups.add(editors_group())
    return user


# Sign-in is throttled per client (a keyed hash of its address, see lib/ratelimit.py) and
# per account name, whether the account exists or not: the answer never tells which.
SIGN_IN_PER_CLIENT = Limit("sign-in-client", 30, 15 * 60)
SIGN_IN_PER_ACCOUNT = Limit("sign-in-account", 10, 15 * 60)


def throttled(login: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The editors' sign-in view, refusing with 429 past either limit."""
    @wraps(login)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST":
            account = str(request.POST.get("username", "")).strip().casefold()[:150]
            for limit, who in ((SIGN_IN_PER_CLIENT, client(request)),
                               (SIGN_IN_PER_ACCOUNT, account)):
                if not allow(limit, who):
                    return too_many(request, limit)
        return login(request, *args, **kwargs)
    return view
