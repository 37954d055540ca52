from resguardo.search.backends.base import Document
from resguardo.search.backends.postgres import _pairs, pairs
from resguardo.search.query import parse, read


def test_a_document_keeps_each_adjacent_pair_of_stems_once():
    document = Document(1, "english", "Community radio", "", "community radio networks")
    assert pairs(document, "english") == ["en_communiti radio", "en_radio network"]


def test_stop_words_do_not_break_a_pair():
    document = Document(1, "spanish", "", "", "la red de radios comunitarias")
    assert pairs(document, "spanish") == ["es_red radi", "es_radi comunitari"]


def test_a_phrase_becomes_the_pairs_of_its_reading():
    reading = read(parse('"Protección de la colectividad"'), "spanish")
    assert _pairs(reading, reading.positive[0]) == ["es_proteccion colect"]
