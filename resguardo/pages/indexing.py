"""What the search index keeps of the knowledge pages, and keeping it in step with them.
Each page is indexed once in its own language and once per translation, each with its
language's stemmer, in the pages' own index (search's kind "pages"). Only published pages
are in it.

Pages are few (tens, written by editors), so any change to one indexes them all again:
one statement set of a few milliseconds, and no page's translation can be left behind."""

import html
from collections.abc import Iterator

from django.utils.html import strip_tags

from resguardo.pages.markdown import render
from resguardo.pages.models import Page, PageTranslation
from resguardo.search.backends.base import Document
from resguardo.search.services import rebuild_index

KIND = "pages"
# A document's id is its page's id times SLOTS plus its slot: 0 for the page itself,
# then its translations in the order of their language codes.
SLOTS = 256


def plain(markdown: str) -> str:
    """A page's Markdown as the words a reader sees."""
    return html.unescape(strip_tags(render(markdown)))


def rows(page: Page) -> list[Page | PageTranslation]:
    """The page and its translations, each in its slot (translations prefetched, or one
    query); a page with more translations than slots has the first ones indexed."""
    found: list[Page | PageTranslation] = [page]
    found += sorted(page.translations.all(), key=lambda t: str(t.language_id))
    return found[:SLOTS]


def documents(page: Page) -> list[Document]:
    return [Document(id=page.pk * SLOTS + slot, algorithm=row.language.stemmer,
                     title=row.title, meta=row.summary, body=plain(row.body))
            for slot, row in enumerate(rows(page))]


def rebuild() -> int:
    """Index every published page again, in each of its languages; returns how many
    documents (a page in one language each)."""
    return rebuild_index(_batches(), kind=KIND)


def _batches() -> Iterator[list[Document]]:
    pages = Page.objects.published().select_related("language").prefetch_related(
        "translations__language")
    yield [d for page in pages for d in documents(page)]
