"""Slugs that never collide."""

import pytest

from resguardo.catalogue.models import Organisation
from resguardo.lib.slugs import free_slug, numbered


def test_a_taken_slug_gets_the_first_free_number() -> None:
    assert numbered("guide", set()) == "guide"
    assert numbered("guide", {"guide", "guide-2"}) == "guide-3"


@pytest.mark.django_db
def test_a_free_slug_skips_those_in_use_and_falls_back_for_a_name_without_letters() -> None:
    Organisation.objects.create(name="Protection International", slug="protection-international")
    assert free_slug(Organisation.objects.all(), "Protection International") == \
        "protection-international-2"
    assert free_slug(Organisation.objects.all(), "¿¡!?", fallback="organisation") == \
        "organisation"
