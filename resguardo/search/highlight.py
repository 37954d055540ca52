"""Snippets with the searched words marked, taken from a resource's own text.

One implementation for both backends, so a snippet looks the same whichever database
answers. Matching is by stem prefix and ignores case and accents, like the search.
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from resguardo.search import text
from resguardo.search.query import Query, read

SNIPPET_CHARS = 280


@lru_cache(maxsize=1)
def _accent_classes() -> dict[str, str]:
    """For each folded letter, a character class of the letters that fold to it."""
    groups: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                       if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base.isalpha():
            groups.setdefault(base, {base}).update({ch, ch.upper()})
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in groups.items()}


def _pattern_for(stem: str) -> str:
    classes = _accent_classes()
    return "".join(classes.get(ch, re.escape(ch)) for ch in stem)


def pattern(query: Query, algorithm: str) -> re.Pattern[str] | None:
    """What the query finds in a text in this language: words starting with one of its
    stems, or, for a query made only of stop words, those very words."""
    reading = read(query, algorithm)
    stems = {s for words in reading.positive for s in reading.stems(words)}
    whole = {text.fold(w) for c in query.positive for w in c.words} if reading.stop_only else set()
    if not stems and not whole:
        return None
    alternatives = [_pattern_for(s) + r"\w*" for s in sorted(stems, key=len, reverse=True)]
    alternatives += [_pattern_for(w) + r"(?!\w)" for w in sorted(whole, key=len, reverse=True)]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})", re.IGNORECASE)


def mark(fragment: str, regex: re.Pattern[str] | None) -> SafeString:
    if regex is None:
        return mark_safe(escape(fragment))
    out, last = [], 0
    for m in regex.finditer(fragment):
        out += [escape(fragment[last:m.start()]), "<mark>", escape(m.group()), "</mark>"]
        last = m.end()
    out.append(escape(fragment[last:]))
    return mark_safe("".join(out))


def snippet(body: str, regex: re.Pattern[str] | None, size: int = SNIPPET_CHARS) -> SafeString:
    """About `size` characters of `body` around its first match, on word boundaries."""
    found = regex.search(body) if regex is not None else None
    start = max(0, found.start() - size // 3) if found else 0
    window = body[start:start + size + 40]
    window = " ".join(window.split())
    if start > 0:
        window = "… " + window.split(" ", 1)[-1]
    if len(window) > size:
        window = window[:size].rsplit(" ", 1)[0] + " …"
    return mark(window, regex)
