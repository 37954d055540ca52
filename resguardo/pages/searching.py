"""The knowledge pages a search finds, for the catalogue's search page (catalogue/alongside):
each page once, in the reader's language where it has one, with a snippet of the text the
words were found in."""

import re

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue.alongside import Group, Hit
from resguardo.catalogue.models import Language
from resguardo.pages.indexing import KIND, SLOTS, rows
from resguardo.pages.models import Page, PageTranslation
from resguardo.search import highlight
from resguardo.search.query import Query
from resguardo.search.services import backend, per_version

LIMIT = 5


@per_version
def _stemmers() -> list[str]:
    used = (Language.objects.filter(pk__in=Page.objects.values("language"))
            | Language.objects.filter(pk__in=PageTranslation.objects.values("language")))
    return sorted(set(used.values_list("stemmer", flat=True)))


# Every translation of the pages found, for the order of their slots (pages/indexing.rows),
# without their bodies: a snippet is taken from the text the reader is shown, which
# for_reader() loads, and another row's body is read only when the words are only there.
_SLOTS = Prefetch("translations", queryset=PageTranslation.objects.select_related("language")
                  .defer("body", "updated_at"))


# What a snippet leaves out of a page's Markdown: heading and list marks, emphasis, and
# links' addresses (their words stay). Rendering the Markdown instead costs a few
# milliseconds a page on every search; the index gets the rendered words (indexing.plain).
_MARKUP = re.compile(r"^\s*(?:#{1,6}|[-+*>]|\d+\.)\s+|[*_`]+|!?\[([^\]]*)\]\([^)]*\)", re.M)


def readable(markdown: str) -> str:
    return _MARKUP.sub(lambda m: m.group(1) or "", markdown)


def found(query: Query) -> Group | None:
    ids = backend(KIND).ranked(query, _stemmers())
    if not ids:
        return None
    matched: dict[int, list[int]] = {}  # page id -> slots matched, best first
    for document in ids:
        matched.setdefault(document // SLOTS, []).append(document % SLOTS)
    pages = (Page.objects.published().for_reader(body=True).prefetch_related(_SLOTS)
             .in_bulk(list(matched)[:LIMIT]))
    patterns = _Patterns(query)
    hits = [_hit(pages[pk], slots, patterns) for pk, slots in matched.items() if pk in pages]
    return Group(_("Knowledge pages and case studies"), hits, total=len(matched),
                 more_url=reverse("pages:index"), more_label=_("All knowledge pages"))


class _Patterns(dict[str, "re.Pattern[str] | None"]):
    """The query's highlighting pattern in each language, made once per search."""

    def __init__(self, query: Query):
        super().__init__()
        self.query = query

    def __missing__(self, stemmer: str) -> "re.Pattern[str] | None":
        self[stemmer] = highlight.pattern(self.query, stemmer)
        return self[stemmer]


def _hit(page: Page, slots: list[int], patterns: _Patterns) -> Hit:
    """The page as the reader gets it; the snippet from that text if the search found it,
    else from the text that matched best, in its language."""
    shown = page.shown()
    texts = rows(page)
    found = [texts[slot] for slot in slots if slot < len(texts)]
    row = shown.row
    if found and all((type(r), r.pk) != (type(row), row.pk) for r in found):
        row = found[0]
    language = row.language
    text = f"{row.summary}\n{readable(row.body)}"
    title_language = (None if shown.in_reader_language
                      else (shown.language.code, shown.language.direction))
    return Hit(title=shown.title, url=page.get_absolute_url(),
               snippet=highlight.snippet(text, patterns[language.stemmer]),
               title_language=title_language,
               snippet_language=(title_language if row is shown.row
                                 else (language.code, language.direction)))
