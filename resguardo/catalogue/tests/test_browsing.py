import csv
import io
import re

import pytest

from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    """The resources listed (not the knowledge pages a search finds beside them)."""
    results = response.content.decode().split('<section class="results"', 1)[-1]
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', results)


def facet_links(response, heading: str) -> dict[str, tuple[str, int]]:
    """label -> (href, count) for the values listed under a facet heading."""
    body = response.content.decode()
    section = body.split(f"<h3>{heading}</h3>", 1)[1].split("</ul>", 1)[0]
    found = re.findall(r'<a href="([^"]+)"[^>]*>(?:<span class="vh">[^<]*</span>)?([^<]+)</a>'
                       r' <span class="count">(\d+)</span>', section)
    return {label: (href.replace("&amp;", "&"), int(n)) for href, label, n in found}


def test_every_facet_value_shows_its_count(client, seeded):
    response = client.get("/en/catalogue/")
    themes = facet_links(response, "Theme")
    assert themes["Well-being and collective care"][1] == 4
    types = facet_links(response, "Type")
    assert types["Case studies"][1] == 2
    assert facet_links(response, "Year") == {"2017": ("?year=2017", 1)}
    assert facet_links(response, "Language")["English"][1] == 17


def test_a_facet_link_narrows_and_a_second_click_removes_it(client, seeded):
    themes = facet_links(client.get("/en/catalogue/"), "Theme")
    href, count = themes["Community protocols and governance"]
    narrowed = client.get("/en/catalogue/" + href)
    assert len(titles(narrowed)) == count == 2
    again, _ = facet_links(narrowed, "Theme")["Community protocols and governance"]
    assert len(titles(client.get("/en/catalogue/" + again))) == 17


def test_facets_combine(client, seeded):
    response = client.get("/en/catalogue/",
                          {"theme": "community-protocols", "type": "case-studies"})
    assert titles(response) == ["Community-Led Collective Protection through Community Protocols"]
    assert "Remove filter: Case studies" in response.content.decode()


def test_an_unknown_facet_value_matches_nothing(client, seeded):
    response = client.get("/en/catalogue/", {"theme": "no-such-theme"})
    assert response.status_code == 200
    assert titles(response) == []


def test_pages_hold_twenty_and_link_onwards(client):
    for n in range(45):
        make_resource(f"Guide {n:02d}")
    first = client.get("/en/catalogue/", {"sort": "title"})
    assert titles(first) == [f"Guide {n:02d}" for n in range(20)]
    assert 'rel="next" href="?sort=title&amp;page=2"' in first.content.decode()
    last = client.get("/en/catalogue/", {"sort": "title", "page": "3"})
    assert titles(last) == [f"Guide {n:02d}" for n in range(40, 45)]
    assert titles(client.get("/en/catalogue/", {"sort": "title", "page": "99"})) == titles(last)
    assert client.get("/en/catalogue/", {"page": "x"}).status_code == 200


def test_sort_by_newest_and_by_title(client):
    make_resource("B first")
    make_resource("A second")
    assert titles(client.get("/en/catalogue/", {"sort": "newest"})) == ["A second", "B first"]
    assert titles(client.get("/en/catalogue/", {"sort": "title"})) == ["A second", "B first"]


def test_json_and_csv_twins_hold_the_same_rows_as_the_page(client, seeded):
    params = {"q": "protection", "theme": "collective-protection-basics", "sort": "title"}
    shown = titles(client.get("/en/catalogue/", params))
    data = client.get("/en/catalogue.json", params).json()
    assert [r["title"] for r in data["results"]] == shown
    assert data["total"] == len(shown)
    rows = list(csv.DictReader(io.StringIO(client.get("/en/catalogue.csv", params)
                                           .content.decode())))
    assert [r["title"] for r in rows] == shown
    assert rows[0]["url"].startswith("http://testserver/en/resources/")


def test_the_json_twin_pages_like_the_html(client):
    for n in range(25):
        make_resource(f"Item {n:02d}")
    data = client.get("/en/catalogue.json", {"sort": "title", "page": "2"}).json()
    assert [r["title"] for r in data["results"]] == [f"Item {n:02d}" for n in range(20, 25)]
    assert data["previous"].endswith("page=1") and data["next"] is None


def test_home_shows_themes_with_counts_newest_and_knowledge_pages(client, seeded):
    body = client.get("/en/").content.decode()
    assert "Well-being and collective care</a> <span class=\"count\">4</span>" in body
    assert "What is collective protection?" in body
    assert body.count('<li class="item">') == 6


def test_a_listing_without_a_query_shows_summaries_not_the_start_of_the_text(client):
    make_resource("Guide", summary="A short summary.", full_text="Page 1 of 300 ...")
    body = client.get("/en/catalogue/").content.decode()
    assert '<p class="snippet">A short summary.</p>' in body
    assert "Page 1 of 300" not in body


def test_the_json_twin_does_not_query_per_row(client, django_assert_max_num_queries):
    for n in range(20):
        make_resource(f"Item {n}", themes=["digital-security"])
    client.get("/en/catalogue.json")  # builds the facet index
    with django_assert_max_num_queries(20):
        client.get("/en/catalogue.json")
