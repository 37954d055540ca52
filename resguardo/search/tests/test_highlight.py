"""Snippets and marks (search.highlight), called directly: what a query marks in a text, and
which part of a long text the snippet shows."""

import pytest

from resguardo.search.highlight import SNIPPET_CHARS, mark, pattern, snippet
from resguardo.search.query import parse


def _marked(query: str, body: str, algorithm: str = "english") -> str:
    return str(mark(body, pattern(parse(query), algorithm)))


def test_words_starting_with_a_stem_are_marked_whatever_their_case_and_accents():
    assert _marked("protection", "Protect, PROTECTED, protections.") == (
        "<mark>Protect</mark>, <mark>PROTECTED</mark>, <mark>protections</mark>.")
    assert _marked("proteccion", "La Protección y la proteccion", "spanish") == (
        "La <mark>Protección</mark> y la <mark>proteccion</mark>")


def test_a_stem_inside_a_word_is_not_a_match():
    assert _marked("protect", "unprotected self-protection") == (
        "unprotected self-<mark>protection</mark>")


def test_a_phrase_marks_each_of_its_words_and_an_exclusion_marks_nothing():
    assert _marked('"radio network" -television', "Radio, television and networks") == (
        "<mark>Radio</mark>, television and <mark>networks</mark>")


def test_the_longer_stem_is_marked_whole_where_two_start_alike():
    assert _marked("secure security", "securities") == "<mark>securities</mark>"
    assert _marked("art artisan", "artisanal art") == "<mark>artisanal</mark> <mark>art</mark>"


def test_a_query_of_stop_words_marks_those_whole_words_only():
    assert _marked("who we are", "Who we are: whoever we were") == (
        "<mark>Who</mark> <mark>we</mark> <mark>are</mark>: whoever <mark>we</mark> were")


def test_a_query_with_nothing_to_find_marks_nothing_but_the_text_is_still_escaped():
    assert pattern(parse(""), "english") is None
    assert pattern(parse("-"), "english") is None
    assert _marked("", "<b>bold</b> & more") == "&lt;b&gt;bold&lt;/b&gt; &amp; more"


def test_marks_never_let_the_texts_own_markup_through():
    assert _marked("script", "<script>alert(1)</script>") == (
        "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;")


def test_a_short_body_is_shown_whole_with_its_spaces_collapsed():
    assert str(snippet("  radio\n\nnetworks\tin  town ", pattern(parse("radio"), "english"))) == (
        "<mark>radio</mark> networks in town")


def test_without_a_match_the_snippet_is_the_start_of_the_text_cut_at_a_word():
    body = " ".join(f"word{i}" for i in range(200))
    shown = str(snippet(body, pattern(parse("absent"), "english")))
    assert shown.startswith("word0 word1 ")
    assert shown.endswith(" …")
    assert len(shown) <= SNIPPET_CHARS + 2
    assert shown[:-2].split(" ")[-1] in body.split(" ")  # no word cut in half


def test_a_match_deep_in_the_text_is_shown_with_some_text_before_it():
    body = "lead " * 200 + "the radio station " + "tail " * 200
    shown = str(snippet(body, pattern(parse("radio"), "english"), size=60))
    assert shown.startswith("… lead ")
    assert "<mark>radio</mark>" in shown and shown.endswith(" …")
    before = shown.split("<mark>")[0]
    assert 60 // 3 - 10 <= len(before) <= 60 // 3 + 2


def test_a_snippet_never_starts_with_half_a_word():
    body = "x" * 50 + " abcdefghij " + "radio"  # the window opens inside "abcdefghij"
    shown = str(snippet(body, pattern(parse("radio"), "english"), size=30))
    assert shown == "… <mark>radio</mark>"


@pytest.mark.parametrize("size", [10, 40, 280])
def test_a_snippet_is_never_much_longer_than_asked(size):
    body = "a radio " * 500
    shown = str(snippet(body, pattern(parse("radio"), "english"), size=size))
    assert len(shown.replace("<mark>", "").replace("</mark>", "")) <= size + 4
