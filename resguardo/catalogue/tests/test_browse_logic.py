"""The catalogue's listing logic asked directly (`browse()` and its helpers), below the
pages: the order of a search's parts, ranking giving way to dates past the limit, pages
that run across parts, facet counts within the result, and the links it builds."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from resguardo.catalogue.browse import _toggle_url, browse, page_url, shortened
from resguardo.catalogue.indexing import rebuild
from resguardo.catalogue.models import Resource
from resguardo.conftest import make_resource
from resguardo.search.query import MAX_QUERY_CHARS

pytestmark = pytest.mark.django_db


def _titles(params: str, **options: int) -> list[str]:
    return [r.title for r in browse(QueryDict(params), **options).resources]


def _aged(resource: Resource, days: int) -> Resource:
    Resource.objects.filter(pk=resource.pk).update(
        published_at=timezone.now() - timedelta(days=days))
    return resource


@pytest.fixture
def radios() -> None:
    _aged(make_resource("Notes", full_text="radio " * 30), 3)
    _aged(make_resource("Radio for early warning", full_text="alerts"), 2)
    _aged(make_resource("Community radio", full_text="radio radio radio"), 1)
    _aged(make_resource("Patrols", full_text="one radio"), 0)


def test_a_search_lists_title_matches_first_then_body_matches(radios: None) -> None:
    found = _titles("q=radio")
    assert set(found[:2]) == {"Radio for early warning", "Community radio"}
    assert set(found[2:]) == {"Notes", "Patrols"}


def test_past_the_rank_limit_each_part_is_in_date_order(radios: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SEARCH_RANK_LIMIT = 1
    assert _titles("q=radio") == ["Community radio", "Radio for early warning", "Patrols",
                                  "Notes"]


def test_past_the_rank_limit_what_the_filters_leave_is_ranked(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SEARCH_RANK_LIMIT = 3
    _aged(make_resource("Notes", full_text="radio " * 30, year=2020), 3)
    _aged(make_resource("Patrols", full_text="one radio and more words", year=2020), 0)
    _aged(make_resource("Older radio", full_text="radio", year=2019), 5)
    _aged(make_resource("Another radio", full_text="radio", year=2019), 4)
    for n in range(12):  # the word is in a quarter of the library, not more
        make_resource(f"Patrol {n}", full_text="walks")
    # Four match, more than the limit; the two of 2020 are ranked, the stronger first
    # although it is older.
    assert _titles("q=radio&year=2020") == ["Notes", "Patrols"]
    assert _titles("q=radio&year=2020&sort=newest") == ["Patrols", "Notes"]
    # Unfiltered, the two title matches (within the limit) are ranked, the rest by date.
    assert _titles("q=radio")[2:] == ["Patrols", "Notes"]
    # In more than a quarter of the library (no longer), the word ranks nothing apart.
    Resource.objects.filter(title__startswith="Patrol ").delete()
    rebuild()
    assert _titles("q=radio&year=2020") == ["Patrols", "Notes"]


def test_pages_run_on_across_the_parts_without_a_gap_or_a_repeat(radios: None) -> None:
    whole = _titles("q=radio")
    pages = [_titles(f"q=radio&page={n}", page_size=3) for n in (1, 2)]
    assert pages[0] + pages[1] == whole and len(pages[0]) == 3


def test_a_reader_s_language_comes_first_and_the_page_says_it_changed_the_order() -> None:
    make_resource("English guide", languages=["en"])
    make_resource("Guía en español", languages=["es"])
    from django.utils import translation

    with translation.override("es"):
        result = browse(QueryDict(""))
    assert [r.title for r in result.resources] == ["Guía en español", "English guide"]
    assert result.reader_first and result.first_language == "es"
    with translation.override("es"):
        assert not browse(QueryDict("sort=newest")).reader_first  # a chosen sort is kept


def test_facet_counts_are_counted_within_the_result() -> None:
    make_resource("Radio one", themes=["risk-context-analysis"])
    make_resource("Radio two", themes=["risk-context-analysis"])
    make_resource("Care", themes=["digital-security"])
    themes = {f.name: f for f in browse(QueryDict("q=radio")).facets}["theme"]
    assert [(v.key, v.count) for v in themes.values] == [
        ("risk-context-analysis", 2)]


def test_an_unknown_value_matches_nothing_and_a_known_one_can_be_removed() -> None:
    make_resource("Care", themes=["digital-security"])
    assert browse(QueryDict("theme=no-such-theme")).total == 0
    chosen = browse(QueryDict("theme=digital-security&page=2")).chosen
    assert [(c.key, c.url) for c in chosen] == [("digital-security", "?")]


def test_page_links_keep_the_other_parameters() -> None:
    assert page_url(QueryDict("q=radio&theme=a&page=1"), 3) == "?q=radio&theme=a&page=3"
    assert page_url(QueryDict("q=radio"), None) is None


@pytest.mark.parametrize("raw, expected", [
    ("abc " * 250 + "defg", ("abc " * 250).strip()),  # cut at a space: every word kept
    ("ab " * 400, ("ab " * 333).strip()),  # the 334th word was cut through: it goes
    ("x" * 1500, "x" * MAX_QUERY_CHARS),  # one long word is cut at the limit
])
def test_a_long_search_is_cut_at_the_end_of_its_last_whole_word(raw: str,
                                                                expected: str) -> None:
    asked = QueryDict(mutable=True)
    asked["q"] = raw
    params, cut = shortened(asked)
    assert cut and params["q"] == expected and len(params["q"]) <= MAX_QUERY_CHARS


def test_a_search_the_box_takes_is_left_as_it_is() -> None:
    params = QueryDict("q=radio")
    assert shortened(params) == (params, False)


@pytest.mark.parametrize("params", ["", "q=radio", "q=radio&page=3", "page=2",
                                    "q=r%C3%A1dio+%26+co&sort=title", "theme=land&q=x"])
def test_a_value_added_at_the_end_links_as_a_copy_of_the_parameters_would(params: str) -> None:
    make_resource("Community radio", languages=["es", "en"], year=2024)
    for facet in browse(QueryDict(params)).facets:
        for value in facet.values:
            url = value.url() if callable(value.url) else value.url
            assert url == _toggle_url(QueryDict(params), facet.name, value.key), facet.name


def test_a_search_s_snippet_comes_from_where_the_words_are() -> None:
    make_resource("Patrols", description="About radio patrols.",
                  full_text="Nothing here. " * 3000 + "The radio net.", summary="Short.")
    make_resource("Alerts", full_text="Early warning by radio " + "and more " * 10)
    found = {r.title: str(r.snippet) for r in browse(QueryDict("q=radio")).resources}
    # Past the part of the text read for snippets, the description that says it.
    assert found["Patrols"] == "About <mark>radio</mark> patrols."
    assert found["Alerts"].startswith("Early warning by <mark>radio</mark>")
