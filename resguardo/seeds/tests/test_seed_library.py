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


# The rows of links.csv found with high or medium confidence, by seed resource title.
FOUND = {
    "Collective Protection to Defend Territory: Defense of Territory to Protect Life":
        "https://www.jass-fghr.org/proteccion-colectiva-para-defender-el-territorio-defensa-"
        "del-territorio-para-proteger-la-vida",
    "LGBTIQ+ and Sex Worker Rights: Defenders at Risk during COVID-19":
        "https://www.frontlinedefenders.org/fr/statement-report/lgbtiq-and-sex-worker-rights-"
        "defenders-risk-during-covid-19",
    "Collective Protection: A Case Study from Kenya":
        "https://globalhumanrights.org/videos/collective-protection-a-case-study-from-kenya/",
    "Feminist Holistic Protection to Transform the Crisis in Times of COVID-19":
        "https://im-defensoras.org/en/2021/02/feminist-holistic-protection-to-transform-the-"
        "crisis-in-times-of-covid-19/",
    "Power and Safety: Rethinking Protection for Human Rights Defenders":
        "https://www.openglobalrights.org/power-and-safety-rethinking-protection-for-human-"
        "rights-defenders/?author_lang=4",
    "Collective Protection of Human Rights Defenders of the Right to Land and Territory: "
    "Conceptual Developments and Methodological Challenges":
        "https://www.protectioninternational.org/researchpublications/collective-protection-"
        "of-hrds-the-joint-pi-pas-publication-is-now-available/",
    "Collective Protection of Human Rights Defenders: A Collective Approach to the Right to "
    "Defend Human Rights":
        "https://www.protectioninternational.org/news/collective-protection-of-hrds/",
    "Taking Care of Us": "https://www.protectioninternational.org/protection-manuals/",
    "Collective Protection Resources": "https://collective-protection.info/info/",
    "Rethinking the Protection of Human Rights Defenders: International Roundtable Report":
        "https://www.protectioninternational.org/researchpublications/rethinking-the-"
        "protection-of-human-rights-defenders-roundtable-report/",
}


def test_only_the_links_found_with_high_or_medium_confidence_are_loaded():
    load()
    linked = dict(Resource.objects.exclude(url="").values_list("title", "url"))
    assert linked == FOUND
    # The two found with low confidence (ALLIED's report, Natural Justice's toolbox) are not.
    assert not Resource.objects.filter(title__in=["Community Protocols"]).exclude(url="")
    assert set(Resource.objects.exclude(url="").values_list("link_kind", flat=True)) == {
        Resource.LinkKind.PAGE}


def test_a_seed_resource_loaded_before_its_link_was_known_gets_it_and_an_editors_stays():
    load()
    Resource.objects.update(url="")
    Resource.objects.filter(slug="taking-care-of-us").update(url="https://example.org/mine")
    again = load()
    assert again.links == len(FOUND) - 1
    assert Resource.objects.get(slug="taking-care-of-us").url == "https://example.org/mine"
    assert Resource.objects.exclude(url="").count() == len(FOUND)


def test_no_year_is_invented():
    load()
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
