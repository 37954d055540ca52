"""Check and clean one cell of a catalogue CSV, column by column (the rules are in
columns.py). A cleaner returns the value to store and reports what is wrong in words a
coordinator with a spreadsheet understands."""

import hashlib
import re
import unicodedata
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.dateparse import parse_duration
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from resguardo.catalogue import world_languages
from resguardo.catalogue.models import Audience, Resource, ResourceType, Strategy, Theme
from resguardo.exports.csv import vocabulary as words
from resguardo.exports.csv.columns import (
    AUDIENCES,
    DESCRIPTION,
    DURATION,
    FILE,
    ID,
    LANGUAGES,
    LICENCE,
    LINK_KIND,
    NEEDED,
    ORGANISATIONS,
    PAGES,
    PLACES,
    RATING,
    SAME_WORK,
    SEPARATOR,
    STATUS,
    SUMMARY,
    THEMES,
    TITLE,
    TYPE,
    URL,
    WORKS,
    YEAR,
)

YEARS = (1900, 2100)  # the range Resource.year accepts
PAGES_MAX = 2_147_483_647  # what Resource.page_count holds on every database
LICENCE_LENGTH = 200  # Resource.licence
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what a resource's address (<slug:slug>) may hold
# The export writes "'" before a cell a spreadsheet would take for a formula (a title
# like "=HYPERLINK(...)" from a contribution); the import takes it off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A value that itself starts with "'" before one of those gets one more on export, or the
# import would take its own "'" off.
_ESCAPED = re.compile("'+[=+@\t\r-]")

UNKNOWN = {
    TYPE: gettext_lazy("“%(value)s” is not a type we know."),
    THEMES: gettext_lazy("“%(value)s” is not a theme we know."),
    WORKS: gettext_lazy("“%(value)s” is not a strategy we know."),
    NEEDED: gettext_lazy("“%(value)s” is not a strategy we know."),
    AUDIENCES: gettext_lazy("“%(value)s” is not an audience we know."),
    LANGUAGES: gettext_lazy("“%(value)s” is not a language we know."),
    PLACES: gettext_lazy("“%(value)s” is not a country or a region we know."),
    STATUS: gettext_lazy("“%(value)s” is not a status we know: use published, draft or "
                         "withdrawn."),
}

Report = Callable[[str], None]


class Context:
    """What checking a cell needs, looked up once per file."""

    def __init__(self, files: Path | None) -> None:
        self.files = files
        self.types = words.terms(ResourceType)
        self.themes = words.terms(Theme)
        self.strategies = words.terms(Strategy)
        self.audiences = words.terms(Audience)
        self.languages = words.languages()
        self.places = words.places()
        self.statuses = words.statuses()


def clean(column: str, cell: str, context: Context, report: Report) -> Any:
    cell = unescape(cell).strip()
    found = sorted({c for c in cell if unicodedata.category(c) == "Cc" and c not in "\n\r\t"})
    if found:
        report(_("“%(value)s” holds a control character (%(codes)s) that cannot be stored. "
                 "Remove it.") % {"value": shown(cell), "codes": _codes(found)})
        return None
    return CLEANERS[column](cell, context, report)


def unescape(cell: str) -> str:
    return cell[1:] if _ESCAPED.match(cell) else cell


def escape(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) or _ESCAPED.match(cell) else cell


def slug_for(title: str) -> str:
    """The identifier of a row without an ID (the rule is in columns.py)."""
    slug = slugify(title)[:200].strip("-")
    return slug or "r-" + hashlib.sha256(title.encode()).hexdigest()[:12]


def shown(value: str, limit: int = 80) -> str:
    """A value as a message may show it: invisible and control characters as [U+XXXX] (a
    right-to-left override would otherwise turn the rest of the message around)."""
    value = "".join(f"[U+{ord(c):04X}]" if _invisible(c) else c for c in value)
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _invisible(c: str) -> bool:
    return unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _codes(characters: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in characters)


def values(cell: str) -> list[str]:
    """The values of a multi-valued cell, once each, in order."""
    return list(dict.fromkeys(v.strip() for v in cell.split(SEPARATOR) if v.strip()))


def _lookup(column: str, vocabulary: words.Vocabulary[Any], cell: str, report: Report
            ) -> list[Any]:
    found = []
    for value in values(cell):
        known = vocabulary.get(value)
        if known is None:
            message = str(UNKNOWN[column]) % {"value": shown(value)}
            if suggestion := vocabulary.closest(value):
                message += " " + _("Did you mean “%(suggestion)s”?") % {
                    "suggestion": suggestion}
            report(message)
        elif known not in found:
            found.append(known)
    return found


def _id(cell: str, context: Context, report: Report) -> str:
    if cell and (not SLUG.fullmatch(cell) or len(cell) > 200):
        report(_("“%(value)s” cannot be an ID: use only letters without accents, digits, "
                 "“-” and “_” (at most 200), like “%(example)s”.") % {
            "value": shown(cell), "example": slugify(cell)[:200] or "guide-2019"})
    return cell


def _same_work(cell: str, context: Context, report: Report) -> list[str]:
    """The IDs named; whether each names a line or a resource is checked once the whole
    file is read (read.py)."""
    return [_id(value, context, report) for value in values(cell)]


def _title(cell: str, context: Context, report: Report) -> str:
    if not cell:
        report(_("every resource needs a title."))
    elif len(cell) > 500:
        report(ngettext("the title is %(count)d character long; at most 500 fit.",
                        "the title is %(count)d characters long; at most 500 fit.", len(cell))
               % {"count": len(cell)})
    return cell


def _text(cell: str, context: Context, report: Report) -> str:
    return cell


def _licence(cell: str, context: Context, report: Report) -> str:
    if len(cell) > LICENCE_LENGTH:
        report(ngettext(
            "the licence is %(count)d character long; at most %(limit)d fit. Give its name "
            "and link to the full text from the Description.",
            "the licence is %(count)d characters long; at most %(limit)d fit. Give its name "
            "and link to the full text from the Description.", len(cell))
            % {"count": len(cell), "limit": LICENCE_LENGTH})
    return cell


def _link_kind(cell: str, context: Context, report: Report) -> str:
    """"work" or "page"; empty is the work itself, the form's default."""
    kinds = {"": Resource.LinkKind.WORK, "work": Resource.LinkKind.WORK,
             "page": Resource.LinkKind.PAGE}
    found = kinds.get(words.key(cell))
    if found is None:
        report(_("“%(value)s” is not what a link leads to: write “page” for a page about the "
                 "work on the publisher's site, or leave it empty for the work itself.")
               % {"value": shown(cell)})
        return Resource.LinkKind.WORK
    return found


def _type(cell: str, context: Context, report: Report) -> Any:
    if not values(cell):
        report(_("every resource needs a type."))
    elif len(values(cell)) > 1:
        report(_("a resource has one type; this cell names %(count)d.") % {
            "count": len(values(cell))})
    found = _lookup(TYPE, context.types, cell, report)
    return found[0] if found else None


def _themes(cell: str, context: Context, report: Report) -> list[Any]:
    return _lookup(THEMES, context.themes, cell, report)


def _strategies(column: str, group: str, cell: str, context: Context, report: Report
                ) -> list[Any]:
    """The strategies of one group: one of the other group is in the wrong column."""
    found = _lookup(column, context.strategies, cell, report)
    for strategy in found:
        if strategy.group != group:
            other = NEEDED if column == WORKS else WORKS
            report(_("“%(value)s” is a strategy of “%(group)s”: put it in the %(column)s "
                     "column.") % {"value": strategy.name,
                                   "group": strategy.get_group_display(), "column": other})
    return found


def _works(cell: str, context: Context, report: Report) -> list[Any]:
    return _strategies(WORKS, Strategy.Group.WORKS, cell, context, report)


def _needed(cell: str, context: Context, report: Report) -> list[Any]:
    return _strategies(NEEDED, Strategy.Group.NEEDED, cell, context, report)


def _audiences(cell: str, context: Context, report: Report) -> list[Any]:
    return _lookup(AUDIENCES, context.audiences, cell, report)


def _languages(cell: str, context: Context, report: Report) -> list[Any]:
    """The library's languages, and any other living language by its ISO 639 code or
    English name (a WorldLanguage, which becomes a row of the library's when loaded)."""
    found: list[Any] = []
    for value in values(cell):
        language = context.languages.get(value) or world_languages.named(value)
        if language is None:
            _lookup(LANGUAGES, context.languages, value, report)  # says what it might be
        elif language not in found:
            found.append(language)
    return found


def _places(cell: str, context: Context, report: Report) -> tuple[list[Any], list[str]]:
    """(regions, country codes)."""
    found = _lookup(PLACES, context.places, cell, report)
    return ([p for p in found if not isinstance(p, str)],
            sorted(p for p in found if isinstance(p, str)))


def _organisations(cell: str, context: Context, report: Report) -> list[str]:
    names = values(cell)
    for name in names:
        if len(name) > 300:
            report(_("“%(value)s” is longer than the 300 characters a name can have.") % {
                "value": shown(name)})
    return names


def _number(cell: str, low: int, high: int, report: Report, message: Promise) -> int | None:
    if not cell:
        return None
    if not re.fullmatch(r"[0-9]+", cell) or not low <= int(cell) <= high:
        report(str(message) % {"value": shown(cell), "low": low, "high": high})
        return None
    return int(cell)


def _year(cell: str, context: Context, report: Report) -> int | None:
    return _number(cell, *YEARS, report, gettext_lazy(
        "“%(value)s” is not a year we can take: write the year of publication with four "
        "digits, from %(low)d to %(high)d."))


def _rating(cell: str, context: Context, report: Report) -> int | None:
    return _number(cell, 1, 5, report, gettext_lazy(
        "“%(value)s” is not a rating: use a whole number from %(low)d to %(high)d."))


def _pages(cell: str, context: Context, report: Report) -> int | None:
    return _number(cell, 1, PAGES_MAX, report, gettext_lazy(
        "“%(value)s” is not a number of pages: write a whole number from 1, like 24."))


def _duration(cell: str, context: Context, report: Report) -> timedelta | None:
    duration = parse_duration(cell) if cell else None
    if cell and (duration is None or duration < timedelta(0)):
        report(_("“%(value)s” is not a duration: write hours, minutes and seconds, like "
                 "1:05:00 for an hour and five minutes, or minutes and seconds, like "
                 "45:00.") % {"value": shown(cell)})
        return None
    return duration


def duration_cell(duration: timedelta | None) -> str:
    """A duration as the Duration column writes it: hours:minutes:seconds, the hours
    counted on past a day, so that a spreadsheet reads it as a time."""
    if duration is None:
        return ""
    seconds, micro = divmod(duration // timedelta(microseconds=1), 1_000_000)
    text = f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{text}.{micro:06d}" if micro else text


def _url(cell: str, context: Context, report: Report) -> str:
    try:
        if cell:
            URLValidator(schemes=["http", "https"])(cell)
        if len(cell) > 1000:
            raise ValidationError("too long")
    except ValidationError:
        report(_("“%(value)s” is not a web address we can link to: it must start with "
                 "http:// or https://, like https://example.org/guide.pdf, and be at most "
                 "1000 characters.") % {"value": shown(cell)})
    return cell


def _file(cell: str, context: Context, report: Report) -> str:
    invisible = sorted({c for c in cell if _invisible(c)})
    if invisible:
        report(_("the file name “%(value)s” holds invisible or control characters "
                 "(%(codes)s). Rename the file without them.") % {
            "value": shown(cell), "codes": _codes(invisible)})
    elif "/" in cell or "\\" in cell or cell in (".", "..") or len(cell.encode()) > 255:
        report(_("“%(value)s” is not a file name. Give only the name of a file inside the "
                 "files folder, with no folder before it.") % {"value": shown(cell)})
    elif cell and context.files is not None:
        return _found(cell, context.files, report)
    return cell


def _found(name: str, folder: Path, report: Report) -> str:
    """The name as the folder spells it: a spreadsheet writes "é" as one character, a Mac
    may have named the file with two (e and an accent)."""
    for spelling in dict.fromkeys([name, unicodedata.normalize("NFC", name),
                                   unicodedata.normalize("NFD", name)]):
        path = folder / spelling
        if path.is_symlink() or (path.exists() and not path.is_file()):
            report(_("“%(value)s” in %(folder)s is a link or a folder, not a file. Put the "
                     "file itself there.") % {"value": shown(name), "folder": folder})
            return name
        if path.is_file():
            return spelling
    report(_("there is no file “%(value)s” in %(folder)s.") % {
        "value": shown(name), "folder": folder})
    return name


def _status(cell: str, context: Context, report: Report) -> str | None:
    found = _lookup(STATUS, context.statuses, cell, report) if cell else []
    if len(found) > 1:
        report(_("a resource has one status; this cell names %(count)d.") % {
            "count": len(found)})
    return found[0] if len(found) == 1 else None


CLEANERS: dict[str, Callable[[str, Context, Report], Any]] = {
    ID: _id, TITLE: _title, SUMMARY: _text, TYPE: _type, THEMES: _themes,
    WORKS: _works, NEEDED: _needed, AUDIENCES: _audiences, LANGUAGES: _languages,
    PLACES: _places,
    ORGANISATIONS: _organisations, YEAR: _year, RATING: _rating, URL: _url, FILE: _file,
    STATUS: _status, DESCRIPTION: _text, LICENCE: _licence, PAGES: _pages,
    DURATION: _duration, SAME_WORK: _same_work, LINK_KIND: _link_kind,
}
