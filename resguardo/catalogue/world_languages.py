"""Every living language of the world, from the ISO 639-3 tables as pycountry ships them
(with the names the iso-codes project translates), so a resource can be in K'iche' or
Q'eqchi' without anyone keeping a list. The library's own table (`Language`) holds the
languages in use; `language_row` adds one from here when it is first needed.

A language's code is its ISO 639-1 code where it has one (as browsers and the interface
name it), else its ISO 639-3 code: the shortest, as BCP 47 asks."""

import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry
import Stemmer
from django.conf import settings
from django.db.models import Q, QuerySet

from resguardo.catalogue.models import Language, Resource

SUGGESTIONS = 8
_MACRO = re.compile(r"\s*\(macro[^)]*\)$")  # "Swahili (macrolanguage)": one name to readers
_APOSTROPHES = str.maketrans(dict.fromkeys("'’ʼ‘`", ""))  # K'iche', K’iche’, Kiche


@dataclass(frozen=True)
class WorldLanguage:
    code: str
    alpha_3: str
    name: str  # the ISO reference name, in English

    def name_in(self, language: str) -> str:
        """Its name in `language` (an interface language code) where iso-codes has one."""
        return _MACRO.sub("", _translations(language).gettext(self.reference))

    @property
    def reference(self) -> str:
        entry = pycountry.languages.get(alpha_3=self.alpha_3)
        return str(entry.name) if entry is not None else self.name


def fold(text: str) -> str:
    """A name as typed or as listed, compared without case, accents or apostrophes."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


@cache
def everything() -> tuple[WorldLanguage, ...]:
    """Living languages, individual or macrolanguages (no collections, no extinct ones)."""
    return tuple(
        WorldLanguage(code=getattr(entry, "alpha_2", entry.alpha_3), alpha_3=entry.alpha_3,
                      name=_MACRO.sub("", entry.name))
        for entry in pycountry.languages
        if entry.type == "L" and entry.scope in ("I", "M"))


@cache
def _by_code() -> dict[str, WorldLanguage]:
    found = {}
    for language in everything():
        found[language.alpha_3] = found[language.code] = language
    return found


@cache
def _translations(language: str) -> gettext.NullTranslations:
    locales = {"pt": ["pt_BR", "pt"]}.get(language, [language])
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=locales,
                               fallback=True)


@cache
def _by_name(language: str) -> dict[str, tuple[WorldLanguage, ...]]:
    """Folded names, in English and in `language`, to the languages that bear them."""
    found: dict[str, list[WorldLanguage]] = {}
    for entry in everything():
        for name in {entry.name, entry.name_in(language)}:
            found.setdefault(fold(name), []).append(entry)
    return {name: tuple(entries) for name, entries in found.items()}


def get(code: str) -> WorldLanguage | None:
    return _by_code().get(code.strip().lower())


def named(text: str) -> WorldLanguage | None:
    """The one language `text` is the code or the English name of, if exactly one."""
    if (by_code := get(text)) is not None:
        return by_code
    found = _by_name("en").get(fold(text), ())
    return found[0] if len(found) == 1 else None


def find(text: str, language: str) -> list[WorldLanguage]:
    """The languages `text` names: a code, or a name (the library's own names for the
    languages it has, the ISO name, or the name in the reader's `language`), whole first;
    failing that, those with a name in which a word starts with it (at most SUGGESTIONS,
    shortest names first)."""
    key = fold(text)
    if not key:
        return []
    if (exact := get(key)) is not None:
        return [exact]
    names = dict(_by_name(language))
    for row in Language.objects.only("code", "name", "native_name"):
        if (known := get(row.code)) is not None:
            for name in (row.name, row.native_name):
                names[fold(name)] = (*names.get(fold(name), ()), known)
    if key in names:
        return list(dict.fromkeys(names[key]))
    starts = re.compile(r"(?:^|[\s(-])" + re.escape(key))
    found = {entry for name, entries in names.items() if starts.search(name)
             for entry in entries}
    return sorted(found, key=lambda e: (len(e.name_in(language)), e.name))[:SUGGESTIONS]


def language_row(language: WorldLanguage) -> Language:
    """The library's row for `language`, added on first use: named by its ISO name until
    an editor gives its own name for it, searched with its Snowball stemmer if there is
    one, else word for word."""
    stemmer = language.name.lower()
    row, _created = Language.objects.get_or_create(code=language.code, defaults={
        "name": language.name, "native_name": language.name,
        "stemmer": stemmer if stemmer in Stemmer.algorithms() else ""})
    return row


def offered() -> QuerySet[Language]:
    """The languages a form offers as boxes: the interface's and those of published
    resources, named in themselves. A language added with a proposal is offered once a
    resource in it is published, so proposals cannot lengthen the form."""
    interface = [code for code, _name in settings.LANGUAGES]
    return (Language.objects.filter(Q(code__in=interface) | Q(
        resources__status=Resource.Status.PUBLISHED)).distinct().order_by("native_name"))
