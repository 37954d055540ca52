"""What else a search finds, shown as its own group above the resources: knowledge pages and
case studies (pages app), webinars and trainings (events app). Those apps build on the
catalogue, which cannot import them, so each adds its finder to `FINDERS` when it starts
(its AppConfig.ready); the catalogue's page asks them all. Also the spelling suggestion
for a search that finds nothing, checked against the resources and every finder."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.safestring import SafeString

from resguardo.catalogue import facets
from resguardo.search import vocabulary
from resguardo.search.query import Query, parse
from resguardo.search.services import backend


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: SafeString
    # The language of the title, and of the snippet, when it is not the reader's:
    # (code, direction).
    title_language: tuple[str, str] | None = None
    snippet_language: tuple[str, str] | None = None
    meta: str = ""  # a line of facts under the title (an event's date)


@dataclass(frozen=True)
class Group:
    heading: str | Promise
    hits: list[Hit]
    total: int  # every match, of which `hits` are the first
    more_url: str = ""  # where the rest of them are, and a link's words for it
    more_label: str | Promise = ""


Finder = Callable[[Query], Group | None]
FINDERS: dict[str, Finder] = {}


def found(query: Query) -> list[Group]:
    """Each finder's group for the query, those that found something."""
    if not query:
        return []
    return [group for finder in FINDERS.values() if (group := finder(query)) and group.hits]


def _finds_anything(query: Query) -> bool:
    return bool(backend().match(query, facets.current().stemmers)) or bool(found(query))


def suggestion(query: Query) -> str:
    """A search like `query`, spelled with words the library has, that finds something; ""
    when there is none."""
    return next((s for s in vocabulary.suggestions(query) if _finds_anything(parse(s))), "")
