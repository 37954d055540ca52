"""What a coordinator writes in a cell finds our taxonomy: names or slugs, in any case, with
or without accents; languages by code, English or native name; countries by code or name."""

import pytest
from django.urls import reverse

from resguardo.catalogue.models import Organisation, Resource
from resguardo.exports.tests.catalogue_csv import run_import, write

pytestmark = pytest.mark.django_db


def _imported(tmp_path, text: str) -> Resource:
    result = run_import(write(tmp_path, text))
    assert result.ok, result.out
    return Resource.objects.get()


def _slugs(manager) -> set[str]:
    return set(manager.values_list("slug", flat=True))


def test_header_variants_and_value_variants_find_the_same_things(tmp_path):
    Organisation.objects.create(name="Protection International", slug="pi")
    resource = _imported(tmp_path, (
        "\ufeff title , TYPE,Themes,languages,Country,organization,Audiences,YEAR,rating,"
        "Link,Status\n"
        'Guía,guides AND Manuals,"Digital-Security; well being and collective care; '
        'RISK-CONTEXT-ANALYSIS",Espanol; FRANÇAIS; pt; runa simi; العربية,'
        '"co; PER; Perú; cote d’ivoire; Latin-America-Caribbean; global",'
        '"protection international; Front Line Defenders",donors; Companies & Investors,'
        " 2019 ,5,https://example.org/guia,Draft\n"))
    assert resource.title == "Guía"
    assert resource.resource_type.slug == "guides-manuals"
    assert _slugs(resource.themes) == {"digital-security", "well-being-collective-care",
                                       "risk-context-analysis"}
    assert set(resource.languages.values_list("code", flat=True)) == {"es", "fr", "pt", "qu",
                                                                      "ar"}
    assert sorted(c.code for c in resource.countries) == ["CI", "CO", "PE"]
    assert _slugs(resource.regions) == {"latin-america-caribbean", "global"}
    assert _slugs(resource.audiences) == {"donors", "companies-investors"}
    assert sorted(resource.publishers.values_list("name", flat=True)) == [
        "Front Line Defenders", "Protection International"]
    assert Organisation.objects.count() == 2  # matched, not created again
    assert (resource.year, resource.rating, resource.status) == (2019, 5, "draft")
    assert resource.url == "https://example.org/guia"


def test_imported_resources_are_published_and_found_by_search(tmp_path, client):
    resource = _imported(tmp_path, "Title,Type,Summary\nRadio alerts,Audio & visual,"
                                   "Early warning over community radio\n")
    assert resource.is_published and resource.published_at
    assert resource.slug == "radio-alerts"
    response = client.get(reverse("catalogue:catalogue"), {"q": "community radio"})
    link = f'<a href="{resource.get_absolute_url()}">Radio alerts</a>'
    assert link in response.content.decode()


def test_a_title_without_latin_letters_still_gets_a_stable_id(tmp_path):
    text = "Title,Type\nالحماية الجماعية,Guides & manuals\n"
    first = _imported(tmp_path, text)
    assert first.slug.startswith("r-") and len(first.slug) == 14
    assert _imported(tmp_path, text).pk == first.pk


def test_a_cell_a_spreadsheet_would_run_as_a_formula_loses_its_quote_mark(tmp_path):
    resource = _imported(tmp_path, "Title,Type,Summary\n'-Dash,Templates,'=1+1\n")
    assert (resource.title, resource.summary) == ("-Dash", "=1+1")


def test_terms_named_in_another_language_find_the_same_terms(tmp_path):
    resource = _imported(tmp_path, (
        "Title,Type,Area/themes,Audience,Country/Region\n"
        'Guía,Guías y manuales,"Seguridad digital; Bien-être et soin collectif",'
        'Doadores,"América Latina y el Caribe; Afrique"\n'))
    assert resource.resource_type.slug == "guides-manuals"
    assert _slugs(resource.themes) == {"digital-security", "well-being-collective-care"}
    assert _slugs(resource.audiences) == {"donors"}
    assert _slugs(resource.regions) == {"latin-america-caribbean", "africa"}


def test_any_living_language_is_taken_by_its_iso_code_or_english_name(tmp_path):
    from resguardo.catalogue.models import Language
    Language.objects.filter(code__in=["sw", "kek"]).delete()
    resource = _imported(tmp_path, "Title,Type,Languages\n"
                                   "Radio,Audio & visual,quc; Swahili; Kekchi; kek\n")
    assert set(resource.languages.values_list("code", flat=True)) == {"quc", "sw", "kek"}
    assert Language.objects.get(code="sw").name == "Swahili"


def test_a_language_nobody_speaks_is_refused_and_adds_nothing(tmp_path):
    from resguardo.catalogue.models import Language
    before = Language.objects.count()
    result = run_import(write(tmp_path, "Title,Type,Languages\nRadio,Audio & visual,xqz\n"))
    assert not result.ok
    assert "“xqz” is not a language we know." in result.out
    assert (Language.objects.count(), Resource.objects.count()) == (before, 0)
