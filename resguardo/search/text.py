"""Turning text into search tokens: case- and accent-folding, and Snowball stemming.

Both backends see the same folded text, so "Protección" and "proteccion" are one word
everywhere. Stems are taken from the lower-cased word before folding (Snowball's Spanish
and French rules know their accents) and folded afterwards.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[^\W_]+")
# Characters that are not letters: NUL, lone surrogates and other controls are dropped
# before anything else sees the text.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def clean(text: str) -> str:
    return _UNSAFE.sub(" ", text)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=64)
def stemmer(algorithm: str) -> Stemmer.Stemmer | None:
    if not algorithm or algorithm not in Stemmer.algorithms():
        return None
    return Stemmer.Stemmer(algorithm, 100_000)


def words(text: str) -> list[str]:
    return WORD.findall(clean(text).lower())


def stems(words_: list[str], algorithm: str) -> list[str]:
    """Folded stems of lower-cased words; words are only folded when there is no stemmer."""
    snowball = stemmer(algorithm)
    if snowball is not None:
        words_ = snowball.stemWords(words_)
    return [fold(w) for w in words_]


def analyse(text: str, algorithm: str) -> str:
    """The token stream the SQLite index stores: folded stems separated by spaces."""
    return " ".join(stems(words(text), algorithm))
