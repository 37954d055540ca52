"""Search behaviour, through the catalogue page like a reader. The whole suite runs on
SQLite and on PostgreSQL, so each of these runs against both backends."""

import re

import pytest
from django.db import connection

from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def search(client, q: str, **params: str):
    response = client.get("/en/catalogue/", {"q": q, **params})
    assert response.status_code == 200
    return response


def test_the_backend_follows_the_database():
    from resguardo.search.services import backend

    expected = {"sqlite": "SQLiteBackend", "postgresql": "PostgresBackend"}[connection.vendor]
    assert type(backend()).__name__ == expected


def test_words_inside_a_documents_body_are_found(client, seeded):
    response = search(client, "panic buttons")
    assert titles(response) == [
        "Security and Protection of Human Rights Defenders in the face of Non-State Actors: "
        "Initial Reflection and Questions"]


def test_the_snippet_marks_the_words_found_in_the_body(client, seeded):
    body = search(client, "panic buttons").content.decode()
    assert "<mark>panic</mark> <mark>buttons</mark>" in body


def test_snippets_are_short(client, seeded):
    body = search(client, "protection").content.decode()
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', body, re.S)
    assert snippets
    assert all(len(re.sub(r"<[^>]+>", "", s)) <= 300 for s in snippets)


def test_a_title_match_ranks_above_body_matches(client):
    make_resource("Notes", full_text="radio " * 50 + "community radio networks")
    make_resource("Community radio for early warning", full_text="About alerts.")
    assert titles(search(client, "radio"))[0] == "Community radio for early warning"


def test_accents_and_case_do_not_matter(client):
    make_resource("Protección colectiva", languages=["es"])
    assert titles(search(client, "PROTECCION colectiva")) == ["Protección colectiva"]
    assert titles(search(client, "protección")) == ["Protección colectiva"]


@pytest.mark.parametrize("language, text, query", [
    ("en", "Defenders protect their communities", "protecting community"),
    ("es", "Las defensoras protegen a sus comunidades", "comunidad defensora"),
    ("fr", "Les défenseures protègent leurs communautés", "communauté"),
    ("pt", "As defensoras protegem as suas comunidades", "comunidade"),
])
def test_inflected_forms_match_in_the_resources_language(client, language, text, query):
    make_resource(f"Doc {language}", full_text=text, languages=[language])
    assert titles(search(client, query)) == [f"Doc {language}"]


def test_a_quoted_phrase_needs_its_words_together(client):
    make_resource("Together", full_text="a community protocol was agreed")
    make_resource("Apart", full_text="the protocol of a community far away")
    assert titles(search(client, '"community protocol"')) == ["Together"]
    assert sorted(titles(search(client, "community protocol"))) == ["Apart", "Together"]


def test_a_minus_excludes_a_word(client):
    make_resource("Radio only", full_text="community radio")
    make_resource("Radio and television", full_text="community radio and television")
    assert titles(search(client, "radio -television")) == ["Radio only"]


def test_publisher_names_are_searched(client):
    make_resource("Guide", publishers=["Natural Justice"])
    assert titles(search(client, "natural justice")) == ["Guide"]


def test_drafts_and_withdrawn_resources_are_not_found(client):
    make_resource("Draft radio guide", published=False)
    assert titles(search(client, "radio")) == []


def test_search_combines_with_facets(client, seeded):
    everything = titles(search(client, "protection"))
    narrowed = titles(search(client, "protection", theme="well-being-collective-care"))
    assert narrowed and set(narrowed) < set(everything)
    assert "Taking Care of Us" in narrowed


@pytest.mark.parametrize("q", [
    '"', '""', "*", "NEAR(a b)", "a NEAR b", "-", "--x", "^x", "(x", "x)", "title:x",
    "AND", "OR NOT", 'x" OR "y', "\x00", "a\x00b", "x:y:z", "'; DROP TABLE x; --",
    "a" * 5000, "protection " * 1000, "!!x & y | z <-> w", "x:*", "\u202e", "😀",
])
def test_query_syntax_never_causes_an_error(client, seeded, q):
    response = client.get("/en/catalogue/", {"q": q})
    assert response.status_code == 200
    assert b"<h1>" in response.content


def test_a_lone_surrogate_in_the_url_is_a_normal_page(client, seeded):
    assert client.get("/en/catalogue/?q=%ED%A0%80%00x").status_code == 200


def test_past_the_rank_limit_title_matches_come_first_then_the_newest(client, settings):
    settings.SEARCH_RANK_LIMIT = 1
    make_resource("Radio in the title")
    make_resource("Older", full_text="radio radio radio radio")
    make_resource("Newer", full_text="a word on radio")
    assert titles(search(client, "radio")) == ["Radio in the title", "Newer", "Older"]


def test_a_newly_published_resource_is_found_at_once(client):
    make_resource("First radio guide")
    assert titles(search(client, "radio")) == ["First radio guide"]
    make_resource("Second radio guide")
    assert sorted(titles(search(client, "radio"))) == ["First radio guide",
                                                       "Second radio guide"]


def test_a_minus_before_a_quoted_phrase_excludes_the_phrase_only(client):
    make_resource("Phrase", full_text="community radio gives early warning")
    make_resource("Words apart", full_text="community radio: warning signs came early")
    assert titles(search(client, 'radio -"early warning"')) == ["Words apart"]


def test_a_phrase_of_three_words_matches_them_in_order(client):
    make_resource("In order", full_text="the collective protection plan was agreed")
    make_resource("Shuffled", full_text="a plan for protection of the collective")
    assert titles(search(client, '"collective protection plan"')) == ["In order"]


def test_what_is_kept_per_version_is_read_again_once_the_catalogue_changes(db):
    from resguardo.search.models import IndexState
    from resguardo.search.services import mark_changed, per_version

    IndexState.objects.all().delete()
    calls = []
    counted = per_version(lambda: calls.append(1) or len(calls))
    assert [counted(), counted()] == [1, 2]  # no version yet: nothing tells states apart
    mark_changed()
    assert [counted(), counted()] == [3, 3]
    mark_changed()
    assert counted() == 4
