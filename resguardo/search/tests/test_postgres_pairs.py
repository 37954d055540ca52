from resguardo.search.backends.base import Document
from resguardo.search.backends.postgres import _pairs_tsquery, pairs
from resguardo.search.query import parse


def test_a_document_keeps_each_adjacent_pair_of_stems_once():
    document = Document(1, "english", "Community radio", "", "community radio networks")
    assert pairs(document) == ["communiti radio", "radio network"]


def test_a_phrase_becomes_pairs_in_every_language_variant():
    clause = parse('"Protección colectiva"').clauses[0]
    tsquery = _pairs_tsquery(clause, ["spanish"])
    assert tsquery == "('proteccion colectiva') | ('proteccion colect')"
