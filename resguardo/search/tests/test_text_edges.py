"""Edge cases of how text becomes tokens (search.text), beside test_text.py: what a word
is, the endings given back their accents, stop-word tokens and language names."""

import pytest

from resguardo.search import text


def test_control_characters_become_spaces_but_tabs_and_line_breaks_stay():
    assert text.clean("a\x00b\x1fc\td\ne\rf\x0bg\ud800h") == "a b c\td\ne\rf g h"


def test_a_word_is_letters_and_digits_and_an_underscore_or_a_point_splits_it():
    assert text.words("Don't e_mail 3.5 ÁRBOL-2") == ["don", "t", "e", "mail", "3", "5",
                                                     "árbol", "2"]
    assert text.words("") == []


def test_folding_undoes_ligatures_and_sharp_s_as_a_search_box_would():
    assert text.fold("ﬁle") == "file"
    assert text.fold("Straße") == "strasse"
    assert text.fold("Ǆ") == "dz"


@pytest.mark.parametrize(("algorithm", "folded", "respelled"), [
    ("portuguese", "organizacoes", "organizacao"),
    ("portuguese", "organizacao", "organizacao"),
    ("portuguese", "informacoes", "informacao"),
    ("portuguese", "leoes", "leao"),
    ("spanish", "informacion", "información"),
    ("spanish", "decision", "decisión"),
    ("spanish", "camion", "camion"),  # only -ción and -sión are given back their accent
    ("english", "information", "information"),
])
def test_endings_some_stemmers_know_only_with_accents_get_them_back(algorithm, folded,
                                                                   respelled):
    assert text.prepare([folded], algorithm) == [respelled]


def test_preparing_leaves_out_stop_words_after_folding_them():
    assert text.prepare(["MÁS", "derechos", "Nosotras"], "spanish") == ["derechos"]
    assert text.prepare(["más", "derechos"], "") == ["mas", "derechos"]


def test_without_a_stemmer_words_are_only_folded():
    assert text.stemmer("klingon") is None and text.stemmer("") is None
    assert text.stem(["radios"], "klingon") == ["radios"]
    assert text.stem(["radios"], "english") == ["radio"]


def test_a_stop_word_list_is_read_only_for_a_plain_language_name():
    assert text.stop_words("../search/stopwords/english") == frozenset()
    assert text.stop_words("english.stop") == frozenset()


@pytest.mark.parametrize(("algorithm", "prefix"), [
    ("spanish", "es_"), ("english", "en_"), ("porter", "porter_"), ("", ""),
])
def test_tokens_are_named_by_a_short_code_the_stemmers_name_or_nothing(algorithm, prefix):
    assert text.prefix(algorithm) == prefix


def test_stop_word_tokens_are_named_apart_from_stems_once_each_in_order():
    assert text.stop_tokens(["The", "radio", "a", "THE", "we"], "english") == [
        "en__the", "en__a", "en__we"]
    assert text.stop_tokens(["the"], "") == []


def test_the_index_stores_a_text_as_named_stems_without_stop_words():
    assert text.analyse("The Radios of the People", "english") == "en_radio en_peopl"
    assert text.analyse("The Radios", "") == "the radios"
    assert text.analyse("the of and", "english") == ""


def test_a_stop_word_of_one_language_is_a_word_in_another():
    assert text.tokens(["red", "de"], "english") == ["en_red", "en_de"]
    assert text.tokens(["red", "de"], "spanish") == ["es_red"]
