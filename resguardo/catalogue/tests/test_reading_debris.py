"""The two kinds of debris readers found in the seeds' light text: markup shown as text
(004's `<i>disempowers</i>`) and words the PDF extraction split (001's "a lways")."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from resguardo.catalogue import reading
from resguardo.catalogue.models import Resource
from resguardo.conftest import make_resource
from resguardo.seeds import FOLDER as SEEDS
from resguardo.seeds import library
from resguardo.seeds.load import load


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}-*.txt")).read_text()


def plain(text: str) -> str:
    return reading.read(text).plain_text


@pytest.mark.parametrize(("line", "shown"), [
    ("| Capacity building <i>disempowers</i> when | <EM>empowers</EM> |",
     "Capacity building disempowers when | empowers"),
    ("A <b>bold</b> and <span class='x'>spanned</span> word.", "A bold and spanned word."),
    ("One line<br>and another<br/>.", "One line and another ."),
    ("The roundtable was structured around *three overarching strands*:",
     "The roundtable was structured around three overarching strands:"),
    ("Watch the video <https://bit.ly/2MBS7yg> or write to <mailto:pi@example.org>.",
     "Watch the video https://bit.ly/2MBS7yg or write to mailto:pi@example.org."),
])
def test_markdowns_inline_marks_and_html_are_read_as_the_words_they_mark(
        line: str, shown: str) -> None:
    assert plain(line).strip() == shown


@pytest.mark.parametrize("line", [
    "When a < b and c > d, the risk grows.",
    "Write to <editors> with the tag <protection> in the subject.",
    "The score was 5 * 3 * 2 and a lone * star.",
    "Keep snake_case and file_name_here as they are.",
])
def test_text_that_only_looks_like_markup_is_kept(line: str) -> None:
    assert plain(line).strip() == line


def _pages(client: Client, resource: Resource) -> str:
    """Every part of the resource's reading view, one after the other."""
    url: str | None = reverse("catalogue:text", args=[resource.slug])
    found = []
    while url:
        page = client.get(url).content.decode()
        found.append(page)
        following = re.search(r'<a rel="next" href="([^"]+)"', page)
        url = following.group(1) if following else None
    return html.unescape(" ".join(found))


def _seed_resource(prefix: str) -> Resource:
    title = next(spec["title"] for spec in library.RESOURCES
                 if spec.get("text", "").startswith(prefix))
    return Resource.objects.get(title=title)


@pytest.mark.django_db
def test_the_roundtable_reports_table_shows_its_words_not_their_tags(client: Client) -> None:
    load()
    shown = _pages(client, _seed_resource("004"))
    assert "<i>" not in shown and "</i>" not in shown and "*three" not in shown
    assert "Capacity building disempowers when" in shown
    assert "Capacity building empowers when" in shown
    assert "structured around three overarching strands:" in shown


@pytest.mark.django_db
def test_the_collective_approachs_split_words_are_read_whole(client: Client) -> None:
    load()
    shown = _pages(client, _seed_resource("001"))
    for whole in ("is always relational", "often abbreviated as the", "did not establish a",
                  "faced by one defender due to", "ignoring that human rights defence"):
        assert whole in shown
    for broken in ("a lways", "a bbreviated", "e stablish", "h uman", "efender due to her/his d"):
        assert broken not in shown


@pytest.mark.django_db
def test_real_pairs_of_words_at_a_line_break_stay_two_words(client: Client) -> None:
    """001 as its extraction left it, with a paragraph whose line breaks (one line indented
    alone, as the split words' are) fall between real words."""
    pairs = ("Before the meeting there was a\n book\non the table. I read a book.\n"
             "Then I\n am\nsure of it, as I am of this. We walk a\n lot\nand talk a lot.")
    resource = make_resource("Collective approach", full_text=seed("001") + "\n\n" + pairs)
    shown = _pages(client, resource)
    assert "there was a book on the table" in shown
    assert "Then I am sure of it" in shown
    assert "We walk a lot and talk a lot." in shown
    assert "is always relational" in shown and "did not establish a" in shown
    assert not re.search(r"\b(abook|Iam|alot)\b", shown)
