"""Turning text into search tokens, the same way for a document and for a query.

A word is lower-cased and its accents taken off first ("Protección" and "proteccion" are
one word everywhere), then dropped if it is a stop word of the language, then reduced to
its Snowball stem. Folding before stemming is what makes accents never matter: a stem
taken from "sécurité" ("sécur") is not the stem of "securite" ("securit"), but both
fold to "securite" first. PostgreSQL gets the same folded words, without stop words, and
stems them with its own configuration of the language.

Every token the index holds is named by the language it was read in ("es_comun"),
so a query read in Spanish only meets Spanish documents: "redes" (networks) does not find
an English text about a red flag, and a stop word of one language stays a word in others.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import Stemmer

WORD = re.compile(r"[^\W_]+")
# Characters that are not letters: NUL, lone surrogates and other controls are dropped
# before anything else sees the text.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# The Snowball project's stop word lists, the ones PostgreSQL's configurations use.
STOP_WORDS = Path(__file__).parent / "stopwords"
# A token is named by its language with a short code (ISO 639-1) the index stores with
# every word ("es_comun"); a Snowball algorithm not listed goes by its name ("porter_").
# Words of a language without a stemmer are only folded, and have no "_".
CODES = {
    "arabic": "ar", "armenian": "hy", "basque": "eu", "catalan": "ca", "czech": "cs",
    "danish": "da", "dutch": "nl", "english": "en", "esperanto": "eo", "estonian": "et",
    "finnish": "fi", "french": "fr", "german": "de", "greek": "el", "hindi": "hi",
    "hungarian": "hu", "indonesian": "id", "irish": "ga", "italian": "it",
    "lithuanian": "lt", "nepali": "ne", "norwegian": "no", "persian": "fa", "polish": "pl",
    "portuguese": "pt", "romanian": "ro", "russian": "ru", "serbian": "sr", "sesotho": "st",
    "spanish": "es", "swedish": "sv", "tamil": "ta", "turkish": "tr", "yiddish": "yi",
}
# Endings some Snowball rules only know with their accents, given back to folded words:
# Portuguese finds "-ção"/"-ções" and "-ão"/"-ões" by their tildes (the plural is put in
# the singular: "organizacoes" meets "organizacao"), and PostgreSQL's Spanish rules (an
# older Snowball than PyStemmer's) only take "-ación" off with its accent.
_ENDINGS = {
    "portuguese": (("coes", "cao"), ("oes", "ao")),
    "spanish": (("cion", "ción"), ("sion", "sión")),
}


def clean(text: str) -> str:
    return _UNSAFE.sub(" ", text)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without the accents of Latin letters. Marks on other scripts are part of
    the letter (Cyrillic "й", Devanagari virama) and their stemmers need them."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    if decomposed.isascii():
        return decomposed
    kept, base = [], ""
    for ch in decomposed:
        if not unicodedata.combining(ch):
            base = ch
        elif base < "\u0250":  # Basic Latin to Latin Extended-B
            continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


@lru_cache(maxsize=64)
def stemmer(algorithm: str) -> Stemmer.Stemmer | None:
    if not algorithm or algorithm not in Stemmer.algorithms():
        return None
    return Stemmer.Stemmer(algorithm, 100_000)


@lru_cache(maxsize=64)
def stop_words(algorithm: str) -> frozenset[str]:
    """The language's stop words, folded; none for a language without a list."""
    if not algorithm.isalpha() or not (STOP_WORDS / f"{algorithm}.stop").is_file():
        return frozenset()
    lines = (STOP_WORDS / f"{algorithm}.stop").read_text(encoding="utf-8").split()
    return frozenset(fold(w) for w in lines)


def prefix(algorithm: str) -> str:
    """What names a token of this language: "es_" for Spanish, nothing without a stemmer."""
    return CODES.get(algorithm, algorithm) + "_" if algorithm else ""


def words(text: str) -> list[str]:
    return WORD.findall(clean(text).lower())


def prepare(words_: list[str], algorithm: str) -> list[str]:
    """Folded words without the language's stop words, as its stemmer should see them."""
    stop = stop_words(algorithm)
    folded = [f for w in words_ if (f := fold(w)) not in stop]
    endings = _ENDINGS.get(algorithm)
    return [_respelled(w, endings) for w in folded] if endings else folded


def _respelled(word: str, endings: tuple[tuple[str, str], ...]) -> str:
    for folded, spelled in endings:
        if word.endswith(folded):
            return word[: -len(folded)] + spelled
    return word


def stem(prepared: list[str], algorithm: str) -> list[str]:
    snowball = stemmer(algorithm)
    return snowball.stemWords(prepared) if snowball is not None else prepared


def stems(words_: list[str], algorithm: str) -> list[str]:
    """Stems of the words that are not stop words."""
    return stem(prepare(words_, algorithm), algorithm)


def named(stems_: list[str], algorithm: str) -> list[str]:
    """Stems as the index holds them, named by their language."""
    named_ = prefix(algorithm)
    return [named_ + s for s in stems_]


def tokens(words_: list[str], algorithm: str) -> list[str]:
    return named(stems(words_, algorithm), algorithm)


def stop_tokens(words_: list[str], algorithm: str) -> list[str]:
    """The stop words among these words, named apart from stems ("en__who"): a title's stop
    words are indexed this way so a query made only of stop words finds the title."""
    stop = stop_words(algorithm)
    named_ = prefix(algorithm) + "_"
    return list(dict.fromkeys(named_ + f for w in words_ if (f := fold(w)) in stop))


def analyse(text: str, algorithm: str) -> str:
    """The token stream the SQLite index stores."""
    return " ".join(tokens(words(text), algorithm))
