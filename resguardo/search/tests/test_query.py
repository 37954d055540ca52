"""Edge cases of query parsing and reading (search.query), beside the main cases in
test_query_parsing.py: quotes that do not pair, hyphens, the limits, and readings."""

import pytest

from resguardo.search.query import (
    MAX_CLAUSES,
    MAX_PHRASE_WORDS,
    MAX_QUERY_CHARS,
    Clause,
    parse,
    read,
    readings,
)


def _words(raw: str) -> list[tuple[tuple[str, ...], bool]]:
    return [(c.words, c.negated) for c in parse(raw).clauses]


def test_a_hyphenated_or_joined_word_is_a_phrase_of_its_parts():
    assert _words("well-being") == [(("well", "being"), False)]
    assert _words("-well-being radio") == [(("well", "being"), True), (("radio",), False)]
    assert _words("e_mail") == [(("e", "mail"), False)]


@pytest.mark.parametrize(("raw", "expected"), [
    ('"radio tv', [(("radio",), False), (("tv",), False)]),  # an unclosed quote is dropped
    ('ab"cd"', [(("ab",), False), (("cd",), False)]),
    ('"" radio', [(("radio",), False)]),
    ('"a" "b c" "d', [(("a",), False), (("b", "c"), False), (("d",), False)]),
    ('- radio -', [(("radio",), False)]),
    ('--radio tv', [(("radio",), True), (("tv",), False)]),
    ('-"" tv', [(("tv",), False)]),
])
def test_quotes_and_minus_signs_that_do_not_pair_never_break_the_query(raw, expected):
    assert _words(raw) == expected


def test_a_phrase_keeps_its_first_words_only():
    words = [f"w{i}" for i in range(MAX_PHRASE_WORDS + 3)]
    (clause,) = parse('"' + " ".join(words) + '"').clauses
    assert clause.words == tuple(words[:MAX_PHRASE_WORDS])


def test_clauses_past_the_limit_are_left_out_even_when_they_are_what_was_searched():
    raw = " ".join(f"-n{i}" for i in range(MAX_CLAUSES)) + " wanted"
    query = parse(raw)
    assert len(query.clauses) == MAX_CLAUSES
    # Twelve exclusions and nothing to exclude from: they are searched for instead.
    assert query.positive == tuple(Clause((f"n{i}",)) for i in range(MAX_CLAUSES))
    assert not query.negative


def test_clauses_without_words_do_not_count_towards_the_limit():
    raw = "- " * 50 + " ".join(f"w{i}" for i in range(MAX_CLAUSES))
    assert [c.words for c in parse(raw).clauses] == [(f"w{i}",) for i in range(MAX_CLAUSES)]


def test_the_query_is_cut_at_its_length_limit_even_through_a_word():
    query = parse("x" * (MAX_QUERY_CHARS - 3) + " abcdef")
    assert query.clauses[-1].words == ("ab",)
    assert len(query.raw) == MAX_QUERY_CHARS


def test_the_raw_query_is_trimmed_and_clean():
    assert parse("  radio\x00tv  ").raw == "radio tv"
    assert parse(None).raw == ""  # type: ignore[arg-type]


def test_a_query_is_true_only_with_something_to_search_for():
    assert not parse("")
    assert not parse('" - " ""')
    assert parse("-radio")
    assert parse("radio -tv").negative == (Clause(("tv",), negated=True),)


def test_an_exclusion_made_of_stop_words_is_left_out_of_the_reading():
    reading = read(parse('radio -the -"of the" -"the news"'), "english")
    assert reading.positive == (("radio",),)
    assert reading.negative == (("news",),)
    assert reading.stop_only == ()


def test_titles_are_searched_for_stop_words_only_when_every_word_searched_is_one():
    assert read(parse("the radio"), "english").stop_only == ()
    reading = read(parse('"the the" a -radio'), "english")
    assert reading.positive == ()
    assert reading.stop_only == ("en__the", "en__a")
    # Without a stop word list, nothing is a stop word.
    assert read(parse("the"), "").positive == (("the",),)


def test_a_reading_gives_tokens_named_by_its_language_and_none_unstemmed():
    spanish = read(parse('"redes comunitarias"'), "spanish")
    assert spanish.tokens(spanish.positive[0]) == ("es_red", "es_comunitari")
    plain = read(parse("Redes"), "")
    assert plain.tokens(plain.positive[0]) == ("redes",)


def test_an_empty_query_has_no_readings_and_each_language_is_read_once():
    assert readings(parse(""), ["english"]) == []
    assert [r.algorithm for r in readings(parse("radio"), ["spanish", "", "spanish"])] == [
        "", "spanish"]
    assert [r.algorithm for r in readings(parse("radio"), [])] == [""]
