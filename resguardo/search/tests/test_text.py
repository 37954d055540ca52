"""How words become index tokens (search.text); the list check runs on PostgreSQL only."""

import pytest
from django.db import connection

from resguardo.search import text


def test_latin_letters_lose_their_accents():
    assert text.fold("Protección") == "proteccion"
    assert text.fold("SÉCURITÉ") == "securite"
    assert text.fold("organizações") == "organizacoes"


def test_marks_that_are_part_of_another_scripts_letters_stay():
    assert text.fold("Правозащитный") == "правозащитный"
    assert text.fold("सुरक्षा") == "सुरक्षा"


def test_stop_words_are_the_languages_own():
    assert {"de", "los", "nosotras", "mas"} <= text.stop_words("spanish")
    assert "the" not in text.stop_words("spanish")
    assert "the" in text.stop_words("english")
    assert text.stop_words("") == text.stop_words("swahili") == frozenset()


def test_tokens_are_named_by_their_language_and_leave_stop_words_out():
    words = text.words("La protección de las comunidades")
    assert text.tokens(words, "spanish") == ["es_proteccion", "es_comun"]
    assert text.tokens(words, "") == ["la", "proteccion", "de", "las",
                                      "comunidades"]


def test_singular_and_plural_meet_once_accents_are_off():
    for language, forms in [("portuguese", ["organização", "organizacoes", "Organizações"]),
                            ("spanish", ["organización", "organizacion", "organizaciones"]),
                            ("french", ["sécurité", "securites", "Sécurités"])]:
        assert len({tuple(text.stems([w], language)) for w in forms}) == 1, language


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own lists")
def test_every_stop_word_is_one_for_postgresqls_configuration_too():
    languages = sorted(p.stem for p in text.STOP_WORDS.glob("*.stop"))
    with connection.cursor() as cursor:
        for language in languages:
            words = (text.STOP_WORDS / f"{language}.stop").read_text().split()
            cursor.execute("SELECT w FROM unnest(%s::text[]) AS w "
                           "WHERE to_tsvector(%s::regconfig, w) <> ''", [words, language])
            assert cursor.fetchall() == [], language
