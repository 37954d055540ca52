"""Words a PDF extraction split at a line break, joined only where the layout and the
document's own words say so (catalogue/split_words.py)."""

import re
import textwrap

import pytest

from resguardo.catalogue import split_words
from resguardo.seeds import FOLDER as SEEDS

# Real fragments of 001, as its extraction left them.
ALWAYS = ("We should not forget that protection, be it individual or collective, is a\n"
          " lways\nrelational, as the protection of one defender will depend on the actions")
ABBREVIATED = ("and Fundamental Freedoms” (often a\n bbreviated as the\n"
               "UN Declaration on HRDs) did not e\n stablish a specific\n"
               "definition of who is or can be a human rights defender")
DEFENDER = ("The risks faced by one\n efender due to her/his\nd\nhuman rights work show\n"
            "patterns of threats. Each defender is at risk.")


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}-*.txt")).read_text()


def test_a_letter_set_apart_at_a_line_end_is_joined_to_its_indented_rest() -> None:
    assert "is always\nrelational, as" in split_words.mend(ALWAYS)
    mended = split_words.mend(ABBREVIATED)
    assert "(often abbreviated as the\n" in mended
    assert "did not establish a specific\n" in mended


def test_a_letter_left_alone_below_its_rest_is_joined_when_the_word_is_the_documents() -> None:
    assert split_words.mend(DEFENDER).startswith(
        "The risks faced by one\ndefender due to her/his\nhuman rights work show")
    unknown = DEFENDER.replace("Each defender", "Each person")
    assert split_words.mend(unknown) == unknown


@pytest.mark.parametrize("text", [
    # a word the document uses is never a fragment
    "There is a\n book\nfor every community. We wrote a book together.",
    "Before the meeting I\n am\nready; now I am here and I am staying.",
    "The patrols have done a\n lot\nof work. They walk a lot.",
    "It went in\n to\nthe river, to the sea.",
    # without the layout's evidence, a fragment stays as it is
    "Words inside a line are the document's own: a bbreviated, e stablish, a lways.",
    "A break without an indent says nothing: a\nlways, e\nstablish.",
    "An indent that is the paragraph's style says nothing: a\n lways\n and e\n stablish.",
    "A capital is no fragment: a\n Lways\nhere.",
    "The last line is never set apart: a\n lways",
])
def test_nothing_is_joined_without_both_the_layouts_and_the_words_evidence(text: str) -> None:
    assert split_words.mend(text) == text


def test_windows_line_ends_are_mended_too() -> None:
    assert "is always\r\nrelational" in split_words.mend(ALWAYS.replace("\n", "\r\n"))


def test_the_seeds_split_words_are_all_joined_and_nothing_else_is() -> None:
    joins = {prefix: [j.word for j in split_words.split_joins(seed(prefix))]
             for prefix in ("000", "001", "003", "004")}
    assert joins == {"000": [], "001": ["always", "abbreviated", "establish", "defender",
                                        "human"], "003": [], "004": []}


@pytest.mark.parametrize("width", [20, 33, 47, 61])
def test_the_seeds_rewrapped_with_indented_lines_give_no_join(width: int) -> None:
    """Every line of every paragraph after its first indented, as some extractions set
    text: all of these line breaks fall between real words."""
    for prefix in ("000", "001", "003", "004"):
        text = "\n\n".join(textwrap.fill(paragraph, width, subsequent_indent=" ")
                           for paragraph in seed(prefix).split("\n\n"))
        assert split_words.split_joins(text) == [], prefix
        assert re.sub(r"\s+", " ", split_words.mend(text)) == re.sub(r"\s+", " ", text)
