from resguardo.search.query import Clause, parse, read, readings


def test_words_are_lower_cased_clauses():
    assert parse("Collective PROTECTION").clauses == (
        Clause(("collective",)), Clause(("protection",)))


def test_quoted_words_make_a_phrase():
    query = parse('"community protocol" radio')
    assert query.clauses[0] == Clause(("community", "protocol"))
    assert query.clauses[0].is_phrase


def test_a_leading_minus_excludes():
    assert parse("radio -television").negative == (Clause(("television",), negated=True),)


def test_only_exclusions_become_a_search_for_the_words():
    assert parse("-radio").positive == (Clause(("radio",)),)


def test_query_syntax_is_reduced_to_words():
    query = parse('NEAR(a b) * ^x col:y -( "unclosed')
    assert all(word.isalnum() for clause in query.clauses for word in clause.words)


def test_nul_bytes_and_lone_surrogates_are_dropped():
    assert parse("rad\x00io \ud800x").clauses == (Clause(("rad",)), Clause(("io",)),
                                                 Clause(("x",)))


def test_a_huge_query_is_bounded():
    assert len(parse("word " * 5000).clauses) <= 12


def test_each_language_reads_a_query_with_its_own_stems():
    plural = read(parse("protecciones"), "spanish")
    singular = read(parse("Protección"), "spanish")
    assert plural.tokens(plural.positive[0]) == singular.tokens(singular.positive[0])
    assert singular.tokens(singular.positive[0]) == ("es_proteccion",)


def test_a_query_is_read_in_every_language_and_unstemmed():
    assert [r.algorithm for r in readings(parse("radio"), ["spanish", "english"])] == [
        "english", "spanish", ""]


def test_stop_words_of_the_language_are_left_out_of_its_reading():
    spanish = read(parse('derechos de las mujeres -la "red de radios"'), "spanish")
    assert spanish.positive == (("derechos",), ("mujeres",), ("red", "radios"))
    assert spanish.negative == ()
    assert read(parse('"derechos para los pueblos"'), "spanish").positive == (
        ("derechos", "pueblos"),)
    english = read(parse("derechos de las mujeres"), "english")
    assert english.positive == (("derechos",), ("de",), ("las",), ("mujeres",))


def test_a_query_made_only_of_stop_words_looks_for_them_in_titles():
    reading = read(parse("Who we are"), "english")
    assert reading.positive == ()
    assert reading.stop_only == ("en__who", "en__we", "en__are")
