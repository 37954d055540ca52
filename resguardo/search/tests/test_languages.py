"""Search in each resource's language: the same passages of the seed documents in English,
Spanish, French and Portuguese (tests/translations.py), each indexed as a resource in its
language, searched like a reader does. The suite runs on SQLite and on PostgreSQL."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from resguardo.conftest import make_resource
from resguardo.search.tests import translations

pytestmark = pytest.mark.django_db
IN = translations.TITLE  # a passage's resource, by language


@pytest.fixture
def library(db: None) -> None:
    for language in translations.LANGUAGES:
        make_resource(IN[language], full_text=translations.text(language),
                      languages=[language])
        make_resource(translations.CARE[language], summary="", languages=[language])


def found(client, q: str, interface: str = "en") -> set[str]:
    with translation.override(interface):
        response = client.get(reverse("catalogue:catalogue"), {"q": q})
    assert response.status_code == 200
    return set(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode()))


@pytest.mark.parametrize("q, languages", [
    # Spanish: the texts say "defensoras", "defensores", "comunidades", "amenazas"...
    ("defensora", ["es", "pt"]),  # Portuguese writes it the same way
    ("defensor", ["es", "pt"]),
    ("comunidad", ["es"]),
    ("amenaza asesinato", ["es"]),
    ("organización", ["es"]),
    # French: "communautés", "défenseures", "réseaux", "menaces"
    ("communauté", ["fr"]),
    ("défenseure", ["fr"]),
    ("réseau menace", ["fr"]),
    # Portuguese: "comunidades", "organizações", "ameaças", "interligada"
    ("comunidade", ["pt"]),
    ("organização", ["pt"]),
    ("ameaça interligado", ["pt"]),
    # English, as before
    ("defender network", ["en"]),
])
def test_a_query_finds_inflected_forms_in_texts_of_its_language(client, library, q,
                                                                   languages):
    assert found(client, q) == {IN[language] for language in languages}


@pytest.mark.parametrize("q, languages", [
    ("proteccion colectiva", ["es"]),
    ("estigmatizacion analisis", ["es"]),
    ("securite", ["fr"]),
    ("communautes reseaux", ["fr"]),
    ("protecao seguranca", ["pt"]),
    ("organizacoes ameacas", ["pt"]),
    ("PROTEÇÃO COLETIVA", ["pt"]),
])
def test_accents_never_matter(client, library, q, languages):
    assert found(client, q) == {IN[language] for language in languages}


@pytest.mark.parametrize("q, languages", [
    ('"la seguridad de las personas defensoras"', ["es"]),
    ('"estrategias de protección"', ["es"]),
    ('"la sécurité des défenseures"', ["fr"]),
    ("\"stratégies de protection\"", ["fr"]),
    ('"a segurança das defensoras"', ["pt"]),
    ('"estratégias de proteção"', ["pt"]),
    ('"protection strategies"', ["en"]),
])
def test_a_phrase_with_stop_words_matches(client, library, q, languages):
    assert found(client, q) == {IN[language] for language in languages}


def test_a_phrase_still_needs_its_words_together(client, library):
    assert found(client, "protección comunidades") == {IN["es"]}
    assert found(client, '"protección de las comunidades"') == set()


@pytest.mark.parametrize("q, title", [
    ("nosotras", "Cuidarnos entre nosotras"),
    ("de nous", "Prendre soin de nous"),
    ("nós", "Cuidar de nós"),
    ('"de nós"', "Cuidar de nós"),
])
def test_a_query_of_stop_words_only_finds_the_titles_holding_them(client, library, q, title):
    assert found(client, q) == {title}


def test_stop_words_alongside_other_words_are_not_required(client, library):
    # Portuguese reads "las" and "los" as words, which its texts do not have.
    assert found(client, "las defensoras de los derechos") == {IN["es"]}
    assert found(client, "prendre soin de nous") == {"Prendre soin de nous"}


def test_excluding_a_word_excludes_the_texts_holding_it_in_that_language(client, library):
    assert found(client, "comunidades") == {IN["es"], IN["pt"]}
    assert found(client, "comunidades -asesinatos") == {IN["pt"]}
    assert found(client, "comunidades -assassinato") == {IN["es"]}


def test_excluding_a_stop_word_excludes_nothing(client, library):
    assert found(client, "comunidades -de -las") == {IN["es"], IN["pt"]}


def test_a_spanish_stem_does_not_match_an_unrelated_english_word(client, library):
    make_resource("Red flags in rural areas", languages=["en"],
                  full_text="Community radio raised a red flag before the attacks.")
    # "redes" (networks) is "red" in Spanish stems, like the English colour.
    assert found(client, "redes") == {IN["es"], IN["pt"]}
    assert found(client, "red flag") == {"Red flags in rural areas"}


def test_the_interface_language_does_not_change_what_is_found(client, library):
    for interface in ("es", "fr", "pt"):
        assert found(client, "securite", interface) == {IN["fr"]}
        assert found(client, "comunidade", interface) == {IN["pt"]}


def test_the_snippet_marks_the_words_as_the_texts_language_reads_them(client, library):
    with translation.override("en"):
        body = client.get(reverse("catalogue:catalogue"), {"q": "defensora de"}).content
    assert "de las personas <mark>defensoras</mark> de derechos" in body.decode()
