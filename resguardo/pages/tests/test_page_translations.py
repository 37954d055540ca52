"""A knowledge page reads in the reader's language when it has a translation, and says so
when it has none, showing the original whole: never a silent mix of languages."""

import html
import tomllib

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext, override

from resguardo.conftest import admin_form, sign_in
from resguardo.pages.models import Page, PageTranslation
from resguardo.seeds import read
from resguardo.seeds.load import load

pytestmark = pytest.mark.django_db
TRANSLATED = ["es", "fr", "pt"]
NOTICE = ('This page has not been translated into your language yet. Here it is in its '
          'original language, <span lang="%(code)s">%(name)s</span>.')
MARKER = ('Not yet translated into your language: this page is in <span lang="%(code)s">'
          '%(name)s</span>.')


def get(client: Client, language: str, name: str, *args: object):  # type: ignore[no-untyped-def]
    with override(language):
        url = reverse(name, args=args)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def in_language(language: str, msgid: str, **values: str) -> str:
    """A message as readers of `language` get it (from its catalogue, once translated)."""
    with override(language):
        return gettext(msgid) % values


def seed_text(language: str, slug: str) -> dict[str, str]:
    return tomllib.loads(read(f"knowledge-pages.{language}.toml"))[slug]  # type: ignore[no-any-return]


def article(body: str) -> str:
    return body.split("<article>", 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_seed_page_reads_whole_in_each_language(client, seeded, language):
    for page in Page.objects.all():
        text = seed_text(language, page.slug)
        body = html.unescape(get(client, language, "pages:page", page.slug))
        assert f'<h1 lang="{language}" dir="ltr">{text["title"]}</h1>' in body
        assert f'<div class="prose" lang="{language}" dir="ltr">' in body
        assert f'content="{text["summary"]}"' in body  # the description, same row
        assert page.title not in article(body)
        assert "translated into your language" not in body


def test_the_common_elements_keep_their_headings_in_french(client, seeded):
    body = html.unescape(get(client, "fr", "pages:page", "common-elements"))
    for heading in ["Identifier le collectif", "Renforcer les liens", "Suivre et ajuster"]:
        assert f"<h2>{heading}</h2>" in body
    assert body.split('class="prose"', 1)[1].split("</div>", 1)[0].count("<h2>") == 7


def test_a_case_study_keeps_its_list_in_portuguese(client, seeded):
    body = get(client, "pt", "pages:page", "case-study-la-puya")
    assert "<li>Não entrar em diálogo com as empresas" in body
    assert "Community Protocols</a>" in body  # the resources, as they are


def test_an_untranslated_page_says_so_and_shows_the_original_whole(client, db):
    Page.objects.create(title="Radio and early warning", slug="radio", summary="How radios warn.",
                        body="## Before an attack\n\nA radio in every house.")
    body = get(client, "es", "pages:page", "radio")
    assert in_language("es", NOTICE, code="en", name="English") in body
    assert '<h1 lang="en" dir="ltr">Radio and early warning</h1>' in body
    assert '<div class="prose" lang="en" dir="ltr"><h2>Before an attack</h2>' in body
    assert 'lang="es"' in body.split("<head>", 1)[0]  # the interface stays the reader's


def test_a_page_written_in_spanish_tells_an_english_reader_in_english(client, db):
    Page.objects.create(title="Alerta temprana", slug="alerta", language_id="es",
                        body="Una radio en cada casa.")
    body = get(client, "en", "pages:page", "alerta")
    assert ('This page has not been translated into your language yet. Here it is in its '
            'original language, <span lang="es">Español</span>.') in body
    assert '<h1 lang="es" dir="ltr">Alerta temprana</h1>' in body
    spanish = get(client, "es", "pages:page", "alerta")
    assert "translated into your language" not in spanish  # its own language: no notice


def test_a_translation_without_a_summary_never_borrows_the_originals(client, db):
    page = Page.objects.create(title="Radio", slug="radio", summary="English summary.",
                               body="English body.")
    PageTranslation.objects.create(page=page, language_id="fr", title="La radio", summary="",
                                   body="Le corps.")
    body = get(client, "fr", "pages:page", "radio")
    assert "English summary" not in body and "English body" not in body
    assert 'content="La radio"' in body
    assert "English summary." not in get(client, "fr", "pages:index")


def test_the_index_lists_pages_in_the_readers_language_and_marks_the_others(client, seeded):
    Page.objects.create(title="Only in English", slug="only", summary="Not yet translated.",
                        body="x", position=99)
    body = get(client, "es", "pages:index")
    for page in Page.objects.exclude(slug="only"):
        assert html.escape(seed_text("es", page.slug)["title"], quote=False) in body
    assert body.count('<li class="item">') == 6
    assert in_language("es", MARKER, code="en", name="English") in body
    assert body.count(in_language("es", MARKER, code="en", name="English")) == 1
    assert '<a href="/es/learn/only/" lang="en" dir="ltr">Only in English</a>' in body
    assert '<p lang="en" dir="ltr">Not yet translated.</p>' in body


def test_the_home_and_resource_pages_link_pages_by_their_titles_in_the_readers_language(
        client, seeded):
    home = html.unescape(get(client, "pt", "home"))
    assert "O que é proteção coletiva?" in home and "What is collective protection?" not in home
    page = Page.objects.get(slug="case-study-pacos-trust")
    resource = page.resources.first()
    body = html.unescape(get(client, "fr", "catalogue:resource", resource.slug))
    assert "Étude de cas\u00a0: les protocoles communautaires de Pacos Trust, Sabah" in body


def test_the_knowledge_pages_cost_as_many_queries_in_every_language(client, seeded):
    counts = set()
    for language in ["en", *TRANSLATED]:
        for name, args in [("pages:index", ()), ("pages:page", ("common-elements",))]:
            with override(language):
                url = reverse(name, args=args)
            with CaptureQueriesContext(connection) as queries:
                client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            counts.add((name, len(queries)))
    assert len(counts) == 2, counts


# Editors


def test_an_editor_adds_a_translation_and_readers_see_it_at_once(client, editor, db):
    page = Page.objects.create(title="Radio and early warning", slug="radio", body="English.")
    assert "Radio and early warning" in get(client, "pt", "home")  # kept now
    staff = sign_in(Client(), editor)
    change = reverse("admin:pages_page_change", args=[page.pk])
    shown = staff.get(change)
    assert 'name="translations-TOTAL_FORMS"' in shown.content.decode()
    form = admin_form(shown, **{
        "translations-TOTAL_FORMS": "1", "translations-0-language": "pt",
        "translations-0-title": "Rádio e alerta precoce",
        "translations-0-summary": "Como as rádios avisam.",
        "translations-0-body": "## Antes de um ataque\n\nUm rádio em cada casa."})
    answer = staff.post(change, form)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert page.translations.get().language_id == "pt"
    assert "Rádio e alerta precoce" in get(client, "pt", "home")
    body = get(client, "pt", "pages:page", "radio")
    assert "<h2>Antes de um ataque</h2>" in body and "translated into" not in body
    assert "Radio and early warning" in get(client, "en", "home")


def test_an_editor_cannot_translate_a_page_into_its_own_language(editor, db):
    page = Page.objects.create(title="Radio", slug="radio", body="English.")
    staff = sign_in(Client(), editor)
    change = reverse("admin:pages_page_change", args=[page.pk])
    form = admin_form(staff.get(change), **{
        "translations-TOTAL_FORMS": "1", "translations-0-language": "en",
        "translations-0-title": "Radio again", "translations-0-body": "x"})
    answer = staff.post(change, form)
    assert answer.status_code == 200
    assert "The page itself is in this language" in answer.content.decode()
    assert not page.translations.exists()


def test_the_page_list_says_which_languages_each_page_has(editor, seeded):
    staff = sign_in(Client(), editor)
    body = staff.get(reverse("admin:pages_page_changelist")).content.decode()
    assert body.count("es, fr, pt") == 5


# Seed


def test_the_seed_gives_every_page_its_three_translations_once_and_keeps_edits(db):
    first = load()
    assert first.translations == 15
    assert {p.language_id for p in Page.objects.all()} == {"en"}
    PageTranslation.objects.filter(language="es", page__slug="common-elements").update(
        title="Editado")
    again = load()
    assert again.translations == 0 and PageTranslation.objects.count() == 15
    assert PageTranslation.objects.get(language="es", page__slug="common-elements").title \
        == "Editado"
