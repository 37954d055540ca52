"""The Editors group: exactly the permissions to curate the catalogue and the knowledge
pages. Accounts, groups and settings stay with administrators."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User

GROUP = "Editors"
CURATED = {
    "catalogue": ["resource", "organisation", "resourcetype", "theme", "audience", "region",
                  "language"],
    "pages": ["page"],
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
