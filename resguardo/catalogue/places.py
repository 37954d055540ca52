"""Countries, by their ISO 3166 two-letter codes (as django-countries keeps them on a
resource): named in the reader's language, and found from what a contributor types."""

import re
from collections.abc import Iterable

from django.utils import translation
from django_countries import countries

from resguardo.search.text import fold

SUGGESTIONS = 8


def named(codes: Iterable[object], language: str) -> list[tuple[str, str, object]]:
    """(code, name in `language`, code) for each country, in the alphabetical order of
    those names, as a facet lists its values."""
    with translation.override(language):
        rows = [(str(code), str(countries.name(str(code))) or str(code), code)
                for code in codes]
    return sorted(rows, key=lambda row: fold(row[1]))


def name(code: str) -> str:
    """A country's name in the active language, or `code` itself if it names none."""
    return str(countries.name(code.upper())) or code


def _names(language: str) -> dict[str, str]:
    """Folded names (in `language`, in English, then common and former ones) to their
    codes; the first to claim a name keeps it ("United States" is not the Minor Outlying
    Islands' former name)."""
    found: dict[str, str] = {}
    for lang in dict.fromkeys((language, "en")):
        with translation.override(lang):
            for code, name in countries:
                found.setdefault(fold(str(name)), code)
    extra = [*countries.COMMON_NAMES.items(),
             *((code, name) for code, old in countries.OLD_NAMES.items() for name in old)]
    for code, name in extra:
        found.setdefault(fold(str(name)), code)
    return found


def find(text: str, language: str) -> list[str]:
    """The codes of the countries `text` names: a two- or three-letter code, or a whole
    name in the reader's `language` or in English; failing that, those with a name in which
    a word starts with it, three letters or more (at most SUGGESTIONS, in the order of
    their names)."""
    key = fold(text.strip())
    if not key:
        return []
    if len(key) == 2 and key.upper() in countries.countries:
        return [key.upper()]
    if len(key) == 3 and (code := countries.alpha2(key.upper())):
        return [code]
    names = _names(language)
    if key in names:
        return [names[key]]
    if len(key) < 3:  # "UK" is not a code: better asked again than read as Ukraine
        return []
    starts = re.compile(r"(?:^|[\s(-])" + re.escape(key))
    found = {code for name, code in names.items() if starts.search(name)}
    return [code for code, _name, _c in named(found, language)][:SUGGESTIONS]
