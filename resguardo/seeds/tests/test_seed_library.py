import pytest

from resguardo.catalogue.models import Organisation, Resource
from resguardo.pages.models import Page
from resguardo.seeds.load import load

pytestmark = pytest.mark.django_db


def test_the_seed_library_holds_the_listed_resources_and_the_full_texts():
    loaded = load()
    assert loaded.resources == Resource.objects.published().count() == 17
    with_text = Resource.objects.exclude(full_text="").values_list("title", flat=True)
    assert len(with_text) == 3
    assert Page.objects.count() == 5


def test_loading_twice_adds_nothing_and_keeps_editors_changes():
    load()
    Resource.objects.filter(slug="taking-care-of-us").update(summary="Edited by an editor")
    again = load()
    assert (again.resources, again.pages, again.organisations) == (0, 0, 0)
    assert Resource.objects.count() == 17 and Organisation.objects.count() == 15
    assert Resource.objects.get(slug="taking-care-of-us").summary == "Edited by an editor"


def test_no_link_or_year_is_invented():
    load()
    assert not Resource.objects.exclude(url="").exists()
    assert list(Resource.objects.exclude(year=None).values_list("year", flat=True)) == [2017]


def test_every_knowledge_page_links_resources():
    load()
    for page in Page.objects.all():
        assert page.resources.exists(), page.slug


def test_the_strategies_the_seed_texts_support_are_linked_and_each_exists():
    from resguardo.catalogue.models import Strategy
    from resguardo.seeds import library

    named = {slug for spec in library.RESOURCES for slug in spec.get("strategies", [])}
    assert named == set(Strategy.objects.filter(slug__in=named).values_list("slug", flat=True))
    load()
    radio = Strategy.objects.get(name="Communication, radio and early warning")
    assert list(radio.resources.values_list("title", flat=True)) == [
        "Collective Protection Resources"]
    linked = Resource.objects.filter(strategies__isnull=False).distinct().count()
    assert linked == 4  # the case studies' and the needs' resources, no others
