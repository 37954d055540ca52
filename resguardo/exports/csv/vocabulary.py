"""The words a catalogue CSV may use for each taxonomy, and how a cell finds its value.

Cells are compared by `key`: case, accents, spaces and punctuation aside, "&" as "and". So
"Guides & Manuals", "guides and manuals" and the slug "guides-manuals" find one type, and
"Espanol" finds the language whose native name is "Español". A term is also found by its
name in any language it has a translation row for ("Guías y manuales").
"""

import difflib
import unicodedata
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.utils import translation
from django_countries import countries

from resguardo.catalogue.models import (
    Audience,
    Language,
    Region,
    Resource,
    ResourceType,
    Strategy,
    Theme,
)

T = TypeVar("T")
CLOSE_ENOUGH = 0.7  # difflib's ratio from which a known value is offered as "Did you mean"


def key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    return "".join(c for c in text.casefold() if c.isalnum())


class Vocabulary(Generic[T]):
    """Known values under every word that names them; `names` are the words offered back
    in suggestions (the first name given for each value)."""

    def __init__(self) -> None:
        self.values: dict[str, T] = {}
        self.names: dict[str, str] = {}  # key of a suggestible name -> the name

    def add(self, value: T, names: Iterable[str], *, suggest: str = "") -> None:
        for name in names:
            # The first word to claim a key keeps it: codes and slugs are added first.
            self.values.setdefault(key(name), value)
        if suggest:
            self.names.setdefault(key(suggest), suggest)

    def get(self, word: str) -> T | None:
        return self.values.get(key(word))

    def closest(self, word: str) -> str | None:
        """The known name closest to `word`, for "Did you mean": a name that holds it
        ("Latin America" in "Latin America and the Caribbean"), or one close to the whole
        name or to one of its words ("Guide" is close to "Guides" in "Guides & manuals")."""
        wanted = key(word)
        if not wanted:
            return None
        best, score = None, CLOSE_ENOUGH
        for name_key, name in self.names.items():
            parts = [name_key] + [key(w) for w in name.split() if len(key(w)) > 3]
            ratio = max(_ratio(wanted, part) * (1 if part == name_key else 0.9)
                        for part in parts)
            if len(wanted) > 3 and wanted in name_key:
                ratio = 0.9 + ratio / 10
            if ratio > score:
                best, score = name, ratio
        return best


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def terms(model: type[ResourceType | Theme | Audience | Region | Strategy]
          ) -> "Vocabulary[ResourceType | Theme | Audience | Region | Strategy]":
    vocabulary: Vocabulary[ResourceType | Theme | Audience | Region | Strategy] = Vocabulary()
    rows: list[ResourceType | Theme | Audience | Region | Strategy] = list(
        model.objects.prefetch_related("translations"))
    for term in rows:
        vocabulary.add(term, [term.slug, term.name], suggest=term.name)
    _translated(vocabulary, rows)
    return vocabulary


def _translated(vocabulary: "Vocabulary[Any]", rows: "list[Any]") -> None:
    """A term's names in other languages find it too (a sheet typed in Spanish), after
    every slug and own name, so those win a clash. They are never suggested: the export
    writes the terms' own names, whatever the interface's language."""
    for term in rows:
        vocabulary.add(term, [t.name for t in term.translations.all()])


def languages() -> Vocabulary[Language]:
    vocabulary: Vocabulary[Language] = Vocabulary()
    rows = list(Language.objects.all())
    for language in rows:
        vocabulary.add(language, [language.code])
    for language in rows:
        vocabulary.add(language, [language.name, language.native_name], suggest=language.name)
    return vocabulary


def places() -> "Vocabulary[Region | str]":
    """Our regions (as Region rows) and the ISO countries (as their two-letter codes)."""
    vocabulary: Vocabulary[Region | str] = Vocabulary()
    regions = list(Region.objects.prefetch_related("translations"))
    for region in regions:
        vocabulary.add(region, [region.slug, region.name], suggest=region.name)
    _translated(vocabulary, regions)
    for code in countries.countries:
        vocabulary.add(code, [code, countries.alpha3(code)])
    with translation.override("en"):
        for code, name in countries:
            vocabulary.add(code, [name], suggest=name)
    for code, common in countries.COMMON_NAMES.items():
        vocabulary.add(code, [str(common)])
    for code, old in countries.OLD_NAMES.items():
        vocabulary.add(code, [str(name) for name in old])
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                vocabulary.add(code, [name])
    return vocabulary


def statuses() -> Vocabulary[str]:
    vocabulary: Vocabulary[str] = Vocabulary()
    for value, _label in Resource.Status.choices:
        vocabulary.add(value, [value], suggest=value)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in Resource.Status.choices:
                vocabulary.add(value, [str(label)])
    return vocabulary

