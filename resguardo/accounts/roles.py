"""The staff's roles, as groups: Editors curate the catalogue, the knowledge pages and the
trainings, moderate proposals and answer the contact inbox; Administrators do that and
also manage accounts, groups and authenticators. `resguardo setup` makes both; the lists
below are all there is to them. Signing in (password and TOTP code) is the admin site of
`sites.py` with the form of `forms.py`; how often one may try, `throttle.py`."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q

GROUP = "Editors"
ADMINISTRATORS = "Administrators"
# App label -> the models whose add, change, delete and view permissions a role has.
# Editors have CURATED; administrators CURATED and ADMINISTERED.
CURATED = {
    "catalogue": ["resource", "organisation", "resourcetype", "theme", "audience", "region",
                  "language", "resourcetypetranslation", "themetranslation",
                  "audiencetranslation", "regiontranslation", "strategy",
                  "strategytranslation"],
    "pages": ["page", "pagetranslation"],
    "contributions": ["proposal", "auditentry"],
    "contact": ["message"],
    "events": ["event"],
    "asks": ["ask"],
    "django_tasks_database": ["dbtaskresult"],  # background jobs: seen, never changed
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
    authenticator: see authenticators.py."""
    user = User.objects.create_user(username=username, email=email, password=password,
                                    is_staff=True)
    user.groups.add(role_group(ROLES[role]))
    return user
