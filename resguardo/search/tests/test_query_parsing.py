from resguardo.search.query import Clause, parse, variants


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


def test_variants_fold_accents_and_stem_per_language():
    plural = variants(Clause(("protecciones",)), ["spanish", "english"])
    singular = variants(Clause(("Protección",)), ["spanish", "english"])
    assert ("proteccion",) in singular
    assert set(plural) & set(singular)
