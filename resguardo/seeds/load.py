"""Load the seed library idempotently: what exists already (perhaps edited since) is left
as it is; only what is missing is added."""

import csv
import io
import tomllib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from resguardo.catalogue.models import (
    Audience,
    Language,
    Organisation,
    Region,
    Resource,
    ResourceType,
    Strategy,
    Theme,
)
from resguardo.catalogue.reading import first_paragraph
from resguardo.catalogue.services import create_resource, update_resource
from resguardo.pages import indexing as pages_indexing
from resguardo.pages.models import Page, PageTranslation
from resguardo.seeds import library, read

INTRODUCTION = "000-collective-protection-page.txt"
# The knowledge pages in other languages: one file per language, a table per page slug.
PAGE_TRANSLATIONS = "knowledge-pages.{language}.toml"
TRANSLATED_INTO = ["es", "fr", "pt"]
# Addresses found in stored public pages for some seed resources, each with the page and
# the words that show it, and how sure the finder was (a copy of the project's
# shared/seeds/links.csv). Those found with high or medium confidence become the
# resources' links; all of them are pages about the work on its publisher's site (a launch
# note, a list of manuals), none a copy of it, so they are marked as such.
LINKS = "links.csv"
TRUSTED = {"high", "medium"}


@dataclass
class Loaded:
    resources: int = 0
    pages: int = 0
    organisations: int = 0
    translations: int = 0
    links: int = 0


def _organisations(loaded: Loaded) -> dict[str, Organisation]:
    found = {}
    for name, country in library.ORGANISATIONS.items():
        org, created = Organisation.objects.get_or_create(
            name=name, defaults={"slug": slugify(name)[:200], "country": country})
        found[name] = org
        loaded.organisations += created
    return found


def _same(title: str) -> str:
    # The finder wrote straight apostrophes where the seed texts have curly ones.
    return title.replace("’", "'").casefold()


def publisher_pages() -> dict[str, str]:
    """Seed resource title -> the address of its page on the publisher's site, for the
    addresses found with enough confidence. A row whose title names no seed resource is an
    error (KeyError): a link must never land on the wrong resource."""
    titles = {_same(spec["title"]): spec["title"] for spec in library.RESOURCES}
    return {titles[_same(row["title"])]: row["url"]
            for row in csv.DictReader(io.StringIO(read(LINKS)))
            if row["confidence"] in TRUSTED and row["url"].startswith(("https://", "http://"))}


def _link(url: str) -> dict[str, str]:
    return {"url": url, "link_kind": Resource.LinkKind.PAGE} if url else {}


def _add_missing_links(pages: dict[str, str], loaded: Loaded) -> None:
    """A seed resource loaded before its link was known gets it, unless it has one."""
    for title, url in pages.items():
        for resource in Resource.objects.filter(slug=slugify(title)[:200], url=""):
            update_resource(resource=resource, fields=_link(url))
            loaded.links += 1


def _resource(spec: dict[str, Any], organisations: dict[str, Organisation], english: Language,
              url: str) -> Resource | None:
    slug = slugify(spec["title"])[:200]
    if Resource.objects.filter(slug=slug).exists():
        return None
    text = read(spec["text"]) if "text" in spec else ""
    return create_resource(fields={**_link(url),
        "title": spec["title"], "slug": slug, "status": Resource.Status.PUBLISHED,
        "summary": first_paragraph(text) if spec.get("summary_from_text") else "",
        "description": spec.get("description", ""), "full_text": text,
        "resource_type": ResourceType.objects.get(slug=spec["type"]),
        "year": spec.get("year"), "countries": spec.get("countries", []),
        "themes": Theme.objects.filter(slug__in=spec["themes"]),
        "audiences": Audience.objects.filter(slug__in=spec["audiences"]),
        "regions": Region.objects.filter(slug__in=spec.get("regions", [])),
        "strategies": Strategy.objects.filter(slug__in=spec.get("strategies", [])),
        "languages": [english],
        "publishers": [organisations[name] for name in spec["publishers"]],
    })


def _page_body(lines: list[str], sections: list[tuple[str | None, int, int]]) -> str:
    """Markdown from line ranges: a heading per section; lines after one that ends in a
    colon are the items of a list."""
    blocks: list[str] = []
    for heading, first, last in sections:
        if heading:
            blocks.append(f"## {heading}")
        items: list[str] = []
        for line in lines[first - 1:last]:
            if items or (blocks and blocks[-1].rstrip().endswith(":")):
                items.append(f"- {line}")
            else:
                blocks.append(line)
        if items:
            blocks.append("\n".join(items))
    return "\n\n".join(blocks)


def _pages(loaded: Loaded) -> None:
    lines = read(INTRODUCTION).splitlines()
    for position, (slug, title, sections, titles) in enumerate(library.PAGES):
        if Page.objects.filter(slug=slug).exists():
            continue
        first = lines[sections[0][1] - 1]
        page = Page.objects.create(
            slug=slug, title=title, position=position,
            summary=first.split(". ")[0].rstrip(".") + ".",
            body=_page_body(lines, sections),
        )
        page.resources.set(Resource.objects.filter(title__in=titles))
        loaded.pages += 1


def _page_translations(loaded: Loaded) -> None:
    """Each seed page in each language it has a file for, unless that page has a
    translation into that language already (an editor's, perhaps)."""
    pages = {p.slug: p for p in Page.objects.filter(slug__in=[s for s, *_ in library.PAGES])}
    for code in TRANSLATED_INTO:
        texts = tomllib.loads(read(PAGE_TRANSLATIONS.format(language=code)))
        for slug, text in texts.items():
            page = pages.get(slug)
            if page is None or page.language_id == code:
                continue
            _row, created = PageTranslation.objects.get_or_create(
                page=page, language_id=code,
                defaults={"title": text["title"], "summary": text["summary"],
                          "body": text["body"].strip()})
            loaded.translations += created


def load() -> Loaded:
    loaded = Loaded()
    with transaction.atomic():
        organisations = _organisations(loaded)
        english = Language.objects.get(code="en")
        pages = publisher_pages()
        _add_missing_links(pages, loaded)
        loaded.resources = sum(
            _resource(spec, organisations, english, pages.get(spec["title"], "")) is not None
            for spec in library.RESOURCES)
        _pages(loaded)
        _page_translations(loaded)
        pages_indexing.rebuild()
    return loaded
