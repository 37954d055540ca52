"""The worker's answer crosses from the child to the parent as JSON, one type at both ends."""

import json

import pytest

from resguardo.ingest.answer import Answer, refusal_json
from resguardo.ingest.base import Extraction, Refused, damaged, out_of_memory


def test_an_answer_comes_back_from_json_as_it_was_written() -> None:
    answer = Answer(format="pdf", text="Une communauté se protège.\fPage deux", pages=2,
                    title="Guía", author="Colectivo", date="2024", has_text_layer=False,
                    notes=["cut"], language="fr", removed=["PDF document info: Author"],
                    peak_rss_kb=81_920)
    assert Answer.from_json(answer.to_json()) == answer


def test_an_answer_keeps_non_latin_text_unescaped() -> None:
    assert "защита" in Answer(format="text", text="защита").to_json()


def test_an_answer_of_an_extraction_cuts_title_author_and_date_to_the_records_fields() -> None:
    extraction = Extraction(format="docx", text="t", pages=None, title="T" * 900,
                            author="A" * 900, date="2024-01-01" * 10, notes=["n"])
    answer = Answer.of(extraction, removed=["r"], language="es", peak_rss_kb=1)
    assert (len(answer.title), len(answer.author), len(answer.date)) == (500, 500, 40)
    assert (answer.format, answer.notes, answer.removed, answer.language) == (
        "docx", ["n"], ["r"], "es")


def test_a_refusal_written_by_the_child_is_raised_again_in_the_parent() -> None:
    written = refusal_json(Refused("Demasiado grande.", "too-large"))
    with pytest.raises(Refused) as refused:
        Answer.from_json(written)
    assert (str(refused.value.reason), refused.value.code) == ("Demasiado grande.", "too-large")


def test_values_of_the_wrong_type_are_read_as_empty() -> None:
    written = json.dumps({"ok": True, "format": "pdf", "text": None, "pages": "12",
                          "removed": "everything", "notes": [1, "two"], "peak_rss_kb": True,
                          "has_text_layer": 0})
    answer = Answer.from_json(written)
    assert (answer.text, answer.pages, answer.removed, answer.notes, answer.peak_rss_kb,
            answer.has_text_layer) == ("", None, [], ["1", "two"], 0, False)


def test_missing_values_take_their_defaults() -> None:
    assert Answer.from_json('{"ok": true, "format": "text"}') == Answer(format="text")


@pytest.mark.parametrize("written", ['{"ok": true}', '{"ok": true, "format": 3}', "[]",
                                     '"ok"'])
def test_an_answer_without_a_format_is_a_damaged_file(written: str) -> None:
    with pytest.raises(Refused) as refused:
        Answer.from_json(written)
    assert refused.value.code == "damaged"


def test_a_refusal_without_a_code_is_a_damaged_file() -> None:
    with pytest.raises(Refused) as refused:
        Answer.from_json('{"ok": false, "reason": "No."}')
    assert refused.value.code == "damaged"


def test_the_shared_refusals_keep_the_words_the_catalogues_translate() -> None:
    assert (str(damaged().reason), damaged().code) == (
        "This file could not be read. It may be damaged.", "damaged")
    assert (str(out_of_memory().reason), out_of_memory().code) == (
        "Reading this file needed more memory than allowed. It may be damaged, or made to "
        "be too hard to read.", "memory")


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_the_shared_refusals_are_still_translated(language: str) -> None:
    from django.utils import translation

    with translation.override(language):
        assert str(damaged().reason) != "This file could not be read. It may be damaged."
        assert "memory" not in str(out_of_memory().reason)
