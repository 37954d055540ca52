"""The words a search that finds nothing is offered instead (search.vocabulary): from
titles, summaries and publishers, as written; only unknown words respelled; forgotten
when their kind is rebuilt."""

import time

import pytest

from resguardo.search.backends.base import Document
from resguardo.search.models import Word
from resguardo.search.query import parse
from resguardo.search.services import rebuild_index, update_index
from resguardo.search.vocabulary import suggestions, words

pytestmark = pytest.mark.django_db


def document(id: int, title: str, meta: str = "", body: str = "",
             algorithm: str = "english") -> Document:
    return Document(id=id, algorithm=algorithm, title=title, meta=meta, body=body)


def test_the_vocabulary_is_titles_and_summaries_as_written_without_stop_words_or_numbers():
    found = words([document(1, "The Protección of Guatemala 2024", "Early warning by radio",
                            body="bbreviated debris from a PDF")])
    assert found == {"proteccion": "Protección", "guatemala": "Guatemala", "early": "Early",
                     "warning": "warning", "radio": "radio"}


def test_a_misspelt_word_is_replaced_by_the_closest_the_index_has():
    update_index(index=[document(1, "Community radio in Guatemala")])
    assert suggestions(parse("guatemla")) == ["Guatemala"]
    assert suggestions(parse("comunity radio")) == ["Community radio"]


def test_known_words_and_short_words_are_left_as_typed():
    update_index(index=[document(1, "Community radio in Guatemala")])
    assert suggestions(parse("radio guatemala")) == []
    assert suggestions(parse("ra")) == []
    assert suggestions(parse("qwxz")) == []  # nothing close: nothing offered


def test_accents_do_not_make_a_word_unknown():
    update_index(index=[document(1, "Protección colectiva", algorithm="spanish")])
    assert suggestions(parse("proteccion colectiva")) == []
    assert suggestions(parse("protecion")) == ["Protección"]


def test_pages_words_count_and_a_rebuild_forgets_only_its_own_kind():
    update_index(kind="pages", index=[document(1, "Zanzibar")])
    update_index(index=[document(1, "Sabah")])
    assert suggestions(parse("zanzibr")) == ["Zanzibar"]
    rebuild_index([[document(2, "Honduras")]])
    assert suggestions(parse("sabh")) == []
    assert suggestions(parse("zanzibr")) == ["Zanzibar"]
    assert set(Word.objects.values_list("kind", "key")) == {("pages", "zanzibar"),
                                                           ("resources", "honduras")}


def test_a_suggestion_costs_little_in_a_large_vocabulary():
    # 60,000 words, a tenth of them beginning with the typed word's letter.
    letters = "abcdefghij"
    Word.objects.bulk_create([Word(kind="resources", key=f"{letters[i % 10]}w{i:06d}",
                                   spelled=f"w{i}") for i in range(60_000)], batch_size=5000)
    update_index(index=[document(1, "Guatemala")])
    started = time.perf_counter()
    assert suggestions(parse("guatemla")) == ["Guatemala"]
    assert time.perf_counter() - started < 0.5
