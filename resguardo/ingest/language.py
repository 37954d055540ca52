"""The language of extracted text, offline, with py3langid (its model ships in the wheel)."""

import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this probability the answer is a guess, and no answer is better than a wrong one:
# a resource filed under the wrong language is lost to the readers who search in its own.
MIN_CONFIDENCE = 0.90
MIN_LETTERS = 40  # fewer letters than a short sentence: too little to tell
SAMPLE = 20_000  # characters classified, taken from across the text
_PIECES = 4
_MARKUP = re.compile(r"^\s*(?:#{1,6}|[-*]|\d{1,3}\.)\s+|\|", re.MULTILINE)


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes most of a second: once per process.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """An ISO 639-1 code ("en", "es", …), or "" when the text is too short or the model
    unsure."""
    sample = _MARKUP.sub(" ", _sample(text))
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return ""
    language, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE or len(language) != 2:
        return ""
    return str(language)


def _sample(text: str) -> str:
    """Up to SAMPLE characters: the whole of a short text, else pieces from its beginning,
    middle and end, so a cover page or an annex in another language does not decide."""
    if len(text) <= SAMPLE:
        return text
    piece = SAMPLE // _PIECES
    step = (len(text) - piece) // (_PIECES - 1)
    return "\n".join(text[i * step: i * step + piece] for i in range(_PIECES))
