"""The knowledge pages a search finds, for the catalogue's search page (catalogue/alongside):
each page once, in the reader's language where it has one, with a snippet of the text the
words were found in."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue.alongside import Group, Hit
from resguardo.catalogue.models import Language
from resguardo.pages.indexing import KIND, SLOTS, plain, rows
from resguardo.pages.models import Page, PageTranslation
from resguardo.search import highlight
from resguardo.search.query import Query
from resguardo.search.services import backend

LIMIT = 5


def _stemmers() -> list[str]:
    used = (Language.objects.filter(pk__in=Page.objects.values("language"))
            | Language.objects.filter(pk__in=PageTranslation.objects.values("language")))
    return sorted(set(used.values_list("stemmer", flat=True)))


def found(query: Query) -> Group | None:
    ids = backend(KIND).ranked(query, _stemmers())
    if not ids:
        return None
    matched: dict[int, list[int]] = {}  # page id -> slots matched, best first
    for document in ids:
        matched.setdefault(document // SLOTS, []).append(document % SLOTS)
    pages = Page.objects.published().for_reader(body=True).in_bulk(list(matched)[:LIMIT])
    hits = [_hit(pages[pk], slots, query) for pk, slots in matched.items() if pk in pages]
    return Group(_("Knowledge pages and case studies"), hits, total=len(matched),
                 more_url=reverse("pages:index"), more_label=_("All knowledge pages"))


def _hit(page: Page, slots: list[int], query: Query) -> Hit:
    """The page as the reader gets it; the snippet from that text when the words are in it,
    else from the best matching translation, in its language."""
    shown = page.shown()
    row, language = shown.row, shown.language
    regex = highlight.pattern(query, language.stemmer)
    text = f"{row.summary}\n{plain(row.body)}"
    if regex is None or not regex.search(text):
        other = rows(page)[slots[0]]
        row, language = other, Language.objects.get(pk=other.language_id)
        regex = highlight.pattern(query, language.stemmer)
        text = f"{row.summary}\n{plain(row.body)}"
    title_language = (None if shown.in_reader_language
                      else (shown.language.code, shown.language.direction))
    return Hit(title=shown.title, url=page.get_absolute_url(),
               snippet=highlight.snippet(text, regex), title_language=title_language,
               snippet_language=(title_language if row is shown.row
                                 else (language.code, language.direction)))
