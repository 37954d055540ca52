"""Types, themes, audiences and regions reach every reader named in the reader's language:
translation rows, one per term and language, with the term's own name where a language has
none."""

import html
import json
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from resguardo.catalogue.models import (
    Audience,
    Region,
    ResourceType,
    Theme,
    ThemeTranslation,
)
from resguardo.conftest import admin_form, make_event, make_resource, sign_in
from resguardo.web import pagecache

pytestmark = pytest.mark.django_db

# What the default taxonomy's migration says for the terms the library below uses.
NAMES = {
    "en": ["Guides &amp; manuals", "Digital security", "Donors", "Latin America and the Caribbean"],
    "es": ["Guías y manuales", "Seguridad digital", "Donantes", "América Latina y el Caribe"],
    "fr": ["Guides et manuels", "Sécurité numérique", "Bailleurs de fonds",
           "Amérique latine et Caraïbes"],
    "pt": ["Guias e manuais", "Segurança digital", "Doadores", "América Latina e Caribe"],
}
TRANSLATED = ["es", "fr", "pt"]


def get(client: Client, language: str, name: str, *args: object, **params: str):  # type: ignore[no-untyped-def]
    """The page `name` as a reader of `language` asks for it."""
    with override(language):
        url = reverse(name, args=args)
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)


def text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


@pytest.fixture
def guide(db: None):  # type: ignore[no-untyped-def]
    resource = make_resource("Phones for village monitors", type_slug="guides-manuals",
                             themes=["digital-security"])
    resource.audiences.set(Audience.objects.filter(slug="donors"))
    resource.regions.set(Region.objects.filter(slug="latin-america-caribbean"))
    return resource


def _facets(body: str) -> str:
    return body.split('class="facets"', 1)[1] if 'class="facets"' in body else body


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_facets_name_terms_in_the_readers_language(client, guide, language):
    body = text(get(client, language, "catalogue:catalogue"))
    for name in NAMES[language]:
        assert html.unescape(name) in body
    for english in NAMES["en"]:
        assert html.unescape(english) not in body


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_chosen_filter_is_named_in_the_readers_language_and_keeps_its_slug(client, guide,
                                                                             language):
    body = text(get(client, language, "catalogue:catalogue", theme="digital-security"))
    assert "Phones for village monitors" in body
    assert NAMES[language][1] in body and "theme=digital-security" in body


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_home_page_lists_themes_and_types_in_the_readers_language(client, guide, language):
    body = text(get(client, language, "home"))
    assert NAMES[language][1] in body  # the theme
    assert NAMES[language][0] in body  # the type of the newest resource
    assert "Digital security" not in body


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_resource_page_names_its_type_themes_audiences_and_regions(client, guide, language):
    body = text(get(client, language, "catalogue:resource", guide.slug))
    facts = body.split('class="facts"', 1)[1].split("</dl>", 1)[0]
    for name in NAMES[language]:
        assert html.unescape(name) in facts
    for english in NAMES["en"]:
        assert html.unescape(english) not in facts


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_proposal_form_offers_the_terms_in_the_readers_language(client, language):
    body = text(get(client, language, "contributions:propose"))
    theme = Theme.objects.get(slug="digital-security")
    choice = re.search(rf'value="{theme.pk}"[^>]*>\s*([^<]+)<', body)
    assert choice and choice.group(1).strip() == NAMES[language][1]
    assert NAMES[language][0] in body and "Guides & manuals" not in body
    assert NAMES[language][3] in body


def test_a_language_without_rows_gets_the_terms_own_names(client, guide, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("sw", "Kiswahili")]
    body = text(get(client, "sw", "catalogue:catalogue"))
    assert 'lang="sw"' in body
    for english in NAMES["en"]:
        assert html.unescape(english) in body


def test_a_term_without_a_row_in_one_language_keeps_its_own_name_there(client, guide):
    ThemeTranslation.objects.filter(term__slug="digital-security", language="fr").delete()
    assert "Digital security" in text(get(client, "fr", "catalogue:resource", guide.slug))
    spanish = text(get(client, "es", "catalogue:resource", guide.slug))
    assert "Seguridad digital" in spanish and "Digital security" not in spanish


def test_the_json_and_csv_twins_name_terms_as_the_page_does(client, guide):
    data = json.loads(get(client, "es", "catalogue:catalogue-json").content)
    row = data["results"][0]
    assert (row["type"], row["themes"], row["audiences"], row["regions"]) == (
        "Guías y manuales", ["Seguridad digital"], ["Donantes"], ["América Latina y el Caribe"])
    themes = {v["value"]: v["label"] for v in data["facets"]["theme"]}
    assert themes == {"digital-security": "Seguridad digital"}  # the key stays the slug
    csv = get(client, "pt", "catalogue:catalogue-csv").content.decode()
    assert "Guias e manuais" in csv and "Segurança digital" in csv


def test_the_feed_describes_a_resource_without_summary_by_its_type_in_the_readers_language(
        client, guide):
    body = text(get(client, "fr", "catalogue:feed"))
    assert "Guides et manuels" in body and 'xml:lang="fr"' in body


def test_a_training_names_its_materials_types_in_the_readers_language(client, guide):
    event = make_event("Taller de seguridad digital", resources=[guide])
    body = text(get(client, "es", "events:event", event.slug))
    assert "Guías y manuales" in body and "Guides & manuals" not in body


def test_a_knowledge_page_names_its_resources_types_in_the_readers_language(client, guide):
    from resguardo.pages.models import Page

    page = Page.objects.create(title="Phones", slug="phones", body="Text")
    page.resources.set([guide])
    assert "Guias e manuais" in text(get(client, "pt", "pages:page", page.slug))


# Editors


def _theme_page(staff: Client, slug: str):  # type: ignore[no-untyped-def]
    theme = Theme.objects.get(slug=slug)
    page = staff.get(reverse("admin:catalogue_theme_change", args=[theme.pk]))
    assert page.status_code == 200
    return theme, page


def test_an_editor_edits_a_translation_and_readers_see_it_at_once(client, editor, guide):
    assert "Seguridad digital" in text(get(client, "es", "catalogue:catalogue"))
    assert "Seguridad digital" in text(get(client, "es", "catalogue:catalogue"))  # kept now
    staff = sign_in(Client(), editor)
    theme, page = _theme_page(staff, "digital-security")
    form = admin_form(page)
    row = next(k for k, v in form.items() if k.endswith("-name") and v == "Seguridad digital")
    form[row] = "Cuidado digital"
    answer = staff.post(reverse("admin:catalogue_theme_change", args=[theme.pk]), form)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    body = text(get(client, "es", "catalogue:catalogue"))
    assert "Cuidado digital" in body and "Seguridad digital" not in body
    assert "Cuidado digital" in text(get(client, "es", "home"))
    assert "Cuidado digital" in text(get(client, "es", "catalogue:resource", guide.slug))
    assert "Sécurité numérique" in text(get(client, "fr", "catalogue:catalogue"))


def test_an_editor_adds_a_language_to_a_term_in_its_inline(client, editor, guide):
    ThemeTranslation.objects.filter(term__slug="digital-security", language="pt").delete()
    text(get(client, "pt", "catalogue:catalogue"))  # kept with the English name
    staff = sign_in(Client(), editor)
    theme, page = _theme_page(staff, "digital-security")
    assert 'name="translations-TOTAL_FORMS"' in page.content.decode()
    form = admin_form(page)
    extra = int(str(form["translations-TOTAL_FORMS"])) - 1  # the empty form at the end
    form.update({f"translations-{extra}-language": "pt",
                 f"translations-{extra}-name": "Proteção digital",
                 f"translations-{extra}-description": "Celulares mais seguros."})
    answer = staff.post(reverse("admin:catalogue_theme_change", args=[theme.pk]), form)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert theme.translations.get(language="pt").description == "Celulares mais seguros."
    assert "Proteção digital" in text(get(client, "pt", "catalogue:catalogue"))


def test_a_second_row_for_the_same_language_is_refused(editor):
    staff = sign_in(Client(), editor)
    theme, page = _theme_page(staff, "digital-security")
    form = admin_form(page)
    extra = int(str(form["translations-TOTAL_FORMS"])) - 1
    form.update({f"translations-{extra}-language": "es",
                 f"translations-{extra}-name": "Otra seguridad"})
    answer = staff.post(reverse("admin:catalogue_theme_change", args=[theme.pk]), form)
    assert answer.status_code == 200
    assert "Please correct the duplicate data" in answer.content.decode()
    assert theme.translations.filter(language="es").count() == 1


def test_the_term_list_says_which_languages_each_term_has(editor):
    staff = sign_in(Client(), editor)
    body = staff.get(reverse("admin:catalogue_region_changelist")).content.decode()
    assert "es, fr, pt" in body


def test_an_editor_in_spanish_picks_terms_by_their_spanish_names(editor):
    staff = sign_in(Client(), editor)
    body = staff.get(reverse("admin:catalogue_resource_add"),
                     HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Guías y manuales" in body and "Seguridad digital" in body


# Cost


def _queries(client: Client, language: str, name: str, *args: object) -> int:
    pagecache._kept.clear()
    caches["pages"].clear()
    get(client, language, name, *args)  # builds what a new catalogue version needs
    pagecache._kept.clear()
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert get(client, language, name, *args).status_code == 200
    return len(queries)


def _many_more_terms(guide) -> None:  # type: ignore[no-untyped-def]
    for n in range(30):
        theme = Theme.objects.create(name=f"Theme {n}", slug=f"theme-{n}", position=100 + n)
        ThemeTranslation.objects.create(term=theme, language_id="es", name=f"Tema {n}")
        kind = ResourceType.objects.create(name=f"Kind {n}", slug=f"kind-{n}")
        kind.translations.create(language_id="es", name=f"Clase {n}")  # type: ignore[attr-defined]
        make_resource(f"More {n}", type_slug=kind.slug, themes=[theme.slug, "digital-security"])
    guide.themes.add(*Theme.objects.filter(slug__startswith="theme-"))


@pytest.mark.parametrize("page", ["home", "catalogue:catalogue", "resource"])
def test_a_page_costs_as_many_queries_with_many_more_terms(client, guide, page):
    args = (guide.slug,) if page == "resource" else ()
    name = "catalogue:resource" if page == "resource" else page
    make_resource("A related guide", themes=["digital-security"])  # "Related" is never empty
    before = _queries(client, "es", name, *args)
    _many_more_terms(guide)
    after = _queries(client, "es", name, *args)
    assert after == before
    body = text(get(client, "es", name, *args))
    assert re.search(r"Tema \d+", body) and not re.search(r"Theme \d+", body)
