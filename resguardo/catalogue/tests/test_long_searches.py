"""A pasted paragraph is searched, not refused: a search longer than the box takes is cut
at the end of its last whole word, the page says so, and its links (filters, pages, the
CSV/JSON twins) carry the search as it was read, not the paragraph."""

import re

import pytest
from django.test import Client
from django.utils.http import urlencode

from resguardo.conftest import make_resource
from resguardo.search.query import MAX_QUERY_CHARS

pytestmark = pytest.mark.django_db
PARAGRAPH = ("Las comunidades organizan la alerta temprana con radios comunitarias y "
             "patrullas en el territorio. ") * 20  # 1,860 characters


def test_a_pasted_paragraph_is_cut_at_a_word_and_the_page_says_so(client: Client) -> None:
    make_resource("Alerta temprana con radios comunitarias")
    page = client.get("/es/catalogue/?" + urlencode({"q": PARAGRAPH})).content.decode()
    assert "Su búsqueda era larga: solo se buscaron sus primeros 1000 caracteres." in page
    searched = re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', page)
    assert searched and len(searched.group(1)) <= MAX_QUERY_CHARS
    cut = searched.group(1)
    assert PARAGRAPH.startswith(cut) and PARAGRAPH[len(cut)] == " "  # a whole word
    for link in re.findall(r'href="([^"]+)"', page):
        assert len(link) < 4 * MAX_QUERY_CHARS, link[:80]


def test_a_search_the_box_takes_whole_says_nothing_of_length(client: Client) -> None:
    page = client.get("/en/catalogue/?" + urlencode({"q": PARAGRAPH[:MAX_QUERY_CHARS]}))
    assert "was long" not in page.content.decode()
