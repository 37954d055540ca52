"""Knowledge pages, their translations and the case studies among them are found by the
catalogue's search box, as their own group above the resources, each in the reader's
language with a snippet; and they stay in step with what editors save. The suite runs on
SQLite and on PostgreSQL, so each test runs against both backends."""

import html
import re
import tomllib

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from resguardo.catalogue.models import Language
from resguardo.conftest import admin_form, make_resource, sign_in
from resguardo.pages import indexing
from resguardo.pages.models import Page, PageTranslation
from resguardo.pages.searching import found
from resguardo.search.backends.base import Document
from resguardo.search.query import parse
from resguardo.search.services import backend, update_index
from resguardo.seeds import read

pytestmark = pytest.mark.django_db
HEADING = "Knowledge pages and case studies"


def la_puya(language: str) -> str:
    """The La Puya case study's title in a language, as the seed library has it."""
    if language == "en":
        return "Case study: the La Puya community protocol, Guatemala"
    translations = tomllib.loads(read(f"knowledge-pages.{language}.toml"))
    return translations["case-study-la-puya"]["title"]  # type: ignore[no-any-return]


def search(client: Client, q: str, language: str = "en") -> str:
    response = client.get(f"/{language}/catalogue/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def group(body: str) -> str:
    """The group of knowledge pages on a search page ("" when there is none)."""
    found = re.search(r'<section class="found".*?</section>', body, re.S)
    return found.group() if found else ""


def found_titles(body: str) -> list[str]:
    return re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", group(body))


def translated(language: str, msgid: str) -> str:
    with override(language):
        return gettext(msgid)


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
@pytest.mark.parametrize("q", ["Guatemala", "La Puya"])
def test_guatemala_and_la_puya_find_the_case_study_in_every_language(client, seeded, q,
                                                                      language):
    body = search(client, q, language)
    assert f"<h2 id=\"found-1-h\">{translated(language, HEADING)}</h2>" in body
    assert la_puya(language) in [html.unescape(t) for t in found_titles(body)]
    assert f'href="/{language}/learn/case-study-la-puya/"' in group(body)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_snippet_marks_the_words_in_the_readers_own_text(client, seeded, language):
    snippet = re.search(r'<p class="snippet">(.*?)</p>', group(search(client, "Guatemala",
                                                                      language))).group(1)
    assert "<mark>Guatemala</mark>" in snippet
    words = {"en": "human rights defenders", "es": "personas defensoras"}[language]
    assert words in snippet


def test_the_pages_come_above_the_resources(client, seeded):
    body = search(client, "community protocols")
    assert found_titles(body)  # the case studies speak of them …
    assert body.index('<section class="found"') < body.index('<section class="results"')
    assert re.search(r'<ol class="items">\s*<li class="item">', body.split(
        '<section class="results"', 1)[1])  # … and resources are found too


def test_a_search_finds_a_page_only_by_its_translation_stemmed_in_its_language(client, db):
    page = Page.objects.create(title="Radio", slug="radio", body="A radio in each house.")
    PageTranslation.objects.create(page=page, language_id="es", title="Radio",
                                   body="Las defensoras comunitarias vigilan el territorio.")
    indexing.rebuild()
    # "defensora" (one) meets "defensoras" (many) by the Spanish stemmer; not in English.
    body = search(client, "defensora", "es")
    assert found_titles(body) == ["Radio"]
    assert "<mark>defensoras</mark>" in group(body)
    # An English reader gets the page in English, the snippet from the Spanish text, said so.
    english = group(search(client, "defensora", "en"))
    assert re.search(r'<p class="snippet" lang="es" dir="ltr">.*<mark>defensoras</mark>',
                     english)


def test_a_search_that_finds_no_page_shows_no_group(client, seeded):
    assert group(search(client, "panic buttons")) == ""
    assert HEADING not in search(client, "panic buttons")


def test_an_unpublished_page_is_never_found(client, db):
    Page.objects.create(title="Patrols", slug="patrols", body="Night patrols.",
                        is_published=False)
    indexing.rebuild()
    assert found(parse("patrols")) is None
    assert group(search(client, "patrols")) == ""


def test_the_group_shows_five_pages_and_links_to_them_all(client, db):
    for n in range(7):
        Page.objects.create(title=f"Monitoring {n}", slug=f"m{n}", body="Monitoring.")
    indexing.rebuild()
    body = group(search(client, "monitoring"))
    assert len(found_titles(body)) == 5
    assert f'<a href="{reverse("pages:index")}">All knowledge pages</a>' in body


def test_a_resource_and_a_page_with_the_same_id_are_kept_apart(client, db):
    resource = make_resource("Satellite alerts", summary="Alerts.")
    update_index(kind="pages", index=[Document(id=resource.pk, algorithm="english",
                                               title="Drones", meta="", body="Drones.")])
    update_index(kind="pages", remove=[resource.pk])  # the page's entry, not the resource's
    assert "1 resource" in search(client, "satellite")
    assert list(backend().match(parse("satellite"), ["english"])) == [resource.pk]
    assert not backend("pages").match(parse("drones"), ["english"])


# Keeping the index in step


def test_an_editor_saving_publishing_and_unpublishing_a_page_moves_search_at_once(
        client, editor):
    staff = sign_in(Client(), editor)
    add = reverse("admin:pages_page_add")
    form = admin_form(staff.get(add), title="Solidarity caravans", slug="caravans",
                      language="en", body="Caravans of solidarity visit threatened villages.",
                      position="0", is_published="on")
    assert staff.post(add, form).status_code == 302
    assert found_titles(search(client, "caravans")) == ["Solidarity caravans"]

    page = Page.objects.get(slug="caravans")
    change = reverse("admin:pages_page_change", args=[page.pk])
    form = admin_form(staff.get(change), **{
        "translations-TOTAL_FORMS": "1", "translations-0-language": "pt",
        "translations-0-title": "Caravanas de solidariedade",
        "translations-0-body": "Caravanas visitam aldeias ameaçadas."})
    form.pop("is_published")  # unpublished in the same save: found nowhere
    assert staff.post(change, form).status_code == 302
    assert group(search(client, "caravanas", "pt")) == ""

    changelist = reverse("admin:pages_page_changelist")
    listed = staff.get(changelist).content.decode()
    assert "caravans" in listed
    form = admin_form(staff.get(change), is_published="on")
    assert staff.post(change, form).status_code == 302
    assert found_titles(search(client, "caravanas", "pt")) == ["Caravanas de solidariedade"]

    delete = reverse("admin:pages_page_delete", args=[page.pk])
    assert staff.post(delete, {"post": "yes"}).status_code == 302
    assert group(search(client, "caravans")) == ""


def test_the_seed_loader_indexes_its_pages_in_every_language(db):
    from resguardo.seeds.load import load

    load()
    for language in ["en", "es", "fr", "pt"]:
        stemmer = Language.objects.get(pk=language).stemmer
        hits = found(parse({"en": "relocation", "es": "reubicación", "fr": "protocole",
                            "pt": "protocolo"}[language]))
        assert hits is not None and hits.hits, (language, stemmer)


@pytest.mark.parametrize("command", ["search_index", "reindex"])
def test_the_index_commands_index_the_pages_again(db, command, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    page = Page.objects.create(title="Radio", slug="radio", body="Community radio.")
    PageTranslation.objects.create(page=page, language_id="fr", title="Radio",
                                   body="Radio communautaire.")
    assert found(parse("communautaire")) is None  # written behind the admin's back
    call_command(command, stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    assert found(parse("communautaire")) is not None
