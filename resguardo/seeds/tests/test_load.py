"""The seed loader's pieces (seeds.load), and the seed library's references checked against
the taxonomy the migrations create, so a renamed slug fails here and not on a fresh site."""

import tomllib

import pytest

from resguardo.catalogue.models import Audience, Region, ResourceType, Theme
from resguardo.pages.models import Page, PageTranslation
from resguardo.seeds import library, read
from resguardo.seeds.load import PAGE_TRANSLATIONS, TRANSLATED_INTO, _page_body, load


def test_a_section_becomes_a_heading_over_its_lines_as_paragraphs():
    lines = ["Intro line.", "Second line.", "Heading text", "Body."]
    assert _page_body(lines, [(None, 1, 2), ("A section", 4, 4)]) == (
        "Intro line.\n\nSecond line.\n\n## A section\n\nBody.")


def test_lines_after_one_ending_in_a_colon_are_the_items_of_a_list():
    lines = ["Three steps:", "Identify.", "Evaluate.", "Act.", "After."]
    assert _page_body(lines, [(None, 1, 4), ("Next", 5, 5)]) == (
        "Three steps:\n\n- Identify.\n- Evaluate.\n- Act.\n\n## Next\n\nAfter.")


def test_a_heading_ending_in_a_colon_makes_its_section_a_list():
    assert _page_body(["one", "two"], [("Steps:", 1, 2)]) == "## Steps:\n\n- one\n- two"


def test_every_line_range_of_the_pages_is_inside_the_introduction():
    count = len(read("000-collective-protection-page.txt").splitlines())
    for slug, _title, sections, _titles in library.PAGES:
        for _heading, first, last in sections:
            assert 1 <= first <= last <= count, slug


def test_every_publisher_and_every_text_named_by_a_resource_exists():
    for spec in library.RESOURCES:
        assert set(spec["publishers"]) <= set(library.ORGANISATIONS), spec["title"]
        if "text" in spec:
            assert read(spec["text"]).strip(), spec["text"]
    titles = [spec["title"] for spec in library.RESOURCES]
    assert len(set(titles)) == len(titles)
    for slug, _title, _sections, linked in library.PAGES:
        assert set(linked) <= set(titles), slug


@pytest.mark.django_db
def test_every_term_a_resource_names_is_one_the_migrations_created():
    known = {"type": set(ResourceType.objects.values_list("slug", flat=True)),
             "themes": set(Theme.objects.values_list("slug", flat=True)),
             "audiences": set(Audience.objects.values_list("slug", flat=True)),
             "regions": set(Region.objects.values_list("slug", flat=True))}
    for spec in library.RESOURCES:
        assert spec["type"] in known["type"], spec["title"]
        for field in ("themes", "audiences", "regions"):
            assert set(spec.get(field, [])) <= known[field], (spec["title"], field)


def test_every_translation_file_translates_the_seed_pages_and_only_those():
    slugs = {slug for slug, *_ in library.PAGES}
    for code in TRANSLATED_INTO:
        texts = tomllib.loads(read(PAGE_TRANSLATIONS.format(language=code)))
        assert set(texts) == slugs, code
        for slug, text in texts.items():
            assert text["title"].strip() and text["summary"].strip() and text["body"].strip(), (
                code, slug)


@pytest.mark.django_db
def test_each_page_is_translated_once_and_an_editors_translation_is_kept():
    page = Page.objects.create(slug="what-is-collective-protection", title="Mine", position=0)
    PageTranslation.objects.create(page=page, language_id="fr", title="Le mien", summary="",
                                   body="Écrit par une éditrice.")
    loaded = load()
    assert loaded.pages == len(library.PAGES) - 1  # the existing page is left as it is
    assert loaded.translations == len(TRANSLATED_INTO) * len(library.PAGES) - 1
    assert page.translations.get(language_id="fr").body == "Écrit par une éditrice."
    assert Page.objects.get(slug=page.slug).title == "Mine"
    assert load().translations == 0
