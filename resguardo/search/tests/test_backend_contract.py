"""The contract both search backends keep, asked directly (no page, no resource rows): the
same table of queries over the same documents gives the same matches, and the same first
result, on SQLite (FTS5) and on PostgreSQL (tsvector). The suite runs on each database, so
each row here is checked against both."""

import pytest
from pyroaring import BitMap

from resguardo.search.backends.base import Document
from resguardo.search.query import parse
from resguardo.search.services import backend

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    Document(1, "english", "Community radio for early warning",
             "A guide by Protection International", "How villages warn each other."),
    Document(2, "english", "Notes on patrols",
             "Field notes", "Radio networks and patrols keep the territory watched."),
    Document(3, "spanish", "Protección colectiva de las defensoras",
             "Guía práctica", "Las comunidades organizan su alerta temprana."),
    Document(4, "french", "Les communautés et leur sécurité",
             "Rapport", "Les défenseures protègent leurs communautés."),
    Document(5, "portuguese", "Organizações comunitárias",
             "Relatório", "As defensoras protegem as suas comunidades."),
    Document(6, "english", "Well-being and collective care",
             "A workbook", "Care for the carers: rest, rotation and a community protocol."),
    Document(7, "english", "A protocol for the community",
             "Template", "The protocol of a community far away from the city."),
]
ALGORITHMS = sorted({d.algorithm for d in DOCUMENTS})

MATCHES = [
    ("radio", {1, 2}),
    ("RADIO", {1, 2}),  # case
    ("warnings", {1}),  # English stem: warn, warning, warnings
    ("villages", {1}),
    ("proteccion", {3}),  # accents folded
    ("defensora", {3, 5}),  # Spanish and Portuguese stems, each in its own language
    ("communauté", {4}),
    ("securite", {4}),
    ("comunidade", {5}),
    ("organização", {5}),
    ('"community protocol"', {6}),  # a phrase needs its words together
    ("community protocol", {6, 7}),
    ("radio -patrols", {1}),  # a minus excludes
    ("-patrols", {2}),  # only exclusions: searched for instead
    ("well-being", {6}),  # a hyphenated word is a phrase of its parts
    ("Protection International", {1}),  # the meta field (publisher) counts
    ("submarine", set()),
    ("radio submarine", set()),  # every word must match
    ("", set()),
]


@pytest.fixture
def indexed() -> None:
    backend().clear()
    backend().index(DOCUMENTS)


@pytest.mark.parametrize("q, expected", MATCHES, ids=[q or "empty" for q, _ in MATCHES])
def test_both_backends_match_the_same_documents(indexed: None, q: str,
                                                expected: set[int]) -> None:
    assert set(backend().match(parse(q), ALGORITHMS)) == expected


@pytest.mark.parametrize("q, expected", MATCHES, ids=[q or "empty" for q, _ in MATCHES])
def test_ranking_returns_exactly_the_matches(indexed: None, q: str, expected: set[int]) -> None:
    ranked = backend().ranked(parse(q), ALGORITHMS)
    assert len(ranked) == len(set(ranked)) and set(ranked) == expected


def test_a_title_match_ranks_above_a_body_match(indexed: None) -> None:
    assert backend().ranked(parse("radio"), ALGORITHMS)[0] == 1
    assert backend().ranked(parse("patrols"), ALGORITHMS)[0] == 2


def test_a_ranking_within_some_documents_ranks_those_only_in_the_same_order(indexed: None
                                                                          ) -> None:
    search = parse("community protocol")
    assert backend().ranked(search, ALGORITHMS, within=BitMap([7, 2, 1])) == [7]
    both = backend().ranked(search, ALGORITHMS)
    assert backend().ranked(search, ALGORITHMS, within=BitMap([6, 7])) == both
    assert backend().ranked(parse("radio -patrols"), ALGORITHMS, within=BitMap([1, 2])) == [1]
    assert backend().ranked(search, ALGORITHMS, within=BitMap()) == []


def test_title_only_matches_leave_out_bodies_and_summaries(indexed: None) -> None:
    assert set(backend().match(parse("radio"), ALGORITHMS, title_only=True)) == {1}
    assert set(backend().match(parse("protocol"), ALGORITHMS, title_only=True)) == {7}


def test_a_removed_document_is_no_longer_found(indexed: None) -> None:
    backend().remove([2])
    assert set(backend().match(parse("radio"), ALGORITHMS)) == {1}


def test_indexing_a_document_again_replaces_it(indexed: None) -> None:
    backend().index([Document(2, "english", "Notes on boats", "", "Rivers and canoes.")])
    assert set(backend().match(parse("radio"), ALGORITHMS)) == {1}
    assert set(backend().match(parse("canoes"), ALGORITHMS)) == {2}


def test_a_reading_in_one_language_does_not_meet_another_language(indexed: None) -> None:
    # Spanish "redes" (nets) is read as Spanish only: it never meets English "red".
    backend().index([Document(8, "english", "A red flag", "", "Red flags and warnings.")])
    assert set(backend().match(parse("redes"), ALGORITHMS)) == set()
