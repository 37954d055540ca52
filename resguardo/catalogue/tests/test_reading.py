"""Light text versions: structure recovered from extracted text, split into light parts."""

import random
import re

import brotli
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from resguardo.catalogue import reading
from resguardo.conftest import make_resource
from resguardo.seeds import FOLDER as SEEDS

ONE_FLIGHT = 14_336


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}-*.txt")).read_text()


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text or " / ".join(b.items)) for b in reading.structure(text)]


def test_page_numbers_and_running_heads_are_dropped() -> None:
    pages = [f"Community report\n\nParagraph {n} of the report goes on.\n\n{n}\n\f"
             for n in range(1, 6)]
    text = "".join(pages) + "Page 6 of 6\n\n- 7 -\n"
    assert kinds(text) == [("paragraph", f"Paragraph {n} of the report goes on.")
                           for n in range(1, 6)]


def test_lines_of_a_paragraph_are_joined_and_broken_words_mended() -> None:
    text = ("The community drew up a protec-\ntion protocol with its self-\ngovernment "
            "bodies.\n\nA second paragraph.\n\nSelf-government matters.")
    assert kinds(text)[0] == ("paragraph", "The community drew up a protection protocol "
                                           "with its self-government bodies.")


def test_headings_are_told_from_paragraphs_even_when_glued_to_them() -> None:
    text = ("WHAT DO\nWE MEAN BY\nCOLLECTIVE PROTECTION?\n\n"
            "We understand collective protection as a set of strategies.\n"
            "CAN GROUPS BE DEFENDERS?\n\n"
            "Purpose of the roundtable\n\nThe roundtable gathered about 80 participants.")
    assert kinds("7. How to address the root causes of aggressions against HRDs? Protection "
                 "as a means to an end\n\nThe fundamental challenge.")[0][0] == "heading"
    assert kinds(text) == [
        ("heading", "WHAT DO WE MEAN BY COLLECTIVE PROTECTION?"),
        ("paragraph", "We understand collective protection as a set of strategies."),
        ("heading", "CAN GROUPS BE DEFENDERS?"),
        ("heading", "Purpose of the roundtable"),
        ("paragraph", "The roundtable gathered about 80 participants."),
    ]
    levels = [b.level for b in reading.structure(text) if b.kind == "heading"]
    assert levels == [2, 2, 3]  # capitals above mixed case, starting below the page's h1


def test_lists_tables_and_markdown_marks_become_structure() -> None:
    text = ("Expectations:\n- The need to reflect\non practices;\n- ⇒ Networking.\n\n"
            "1. Defining HRDs\n2. Identities\n\n"
            "| Who | Where |\n|---|---|\n| **Pacos Trust** | [Sabah](#) |")
    blocks = reading.structure(text)
    assert [b.kind for b in blocks] == ["paragraph", "list", "list", "table"]
    assert blocks[1].items == ["The need to reflect on practices;", "Networking."]
    assert not blocks[1].ordered and blocks[2].ordered
    assert blocks[3].rows == [["Who", "Where"], ["Pacos Trust", "Sabah"]]


def test_the_documents_own_contents_with_page_numbers_is_left_out() -> None:
    structure = reading.structure(seed("004"))
    texts = [b.text for b in structure if b.kind == "heading"]
    assert "Table of Contents" not in texts
    assert "Purpose of the roundtable" in texts
    assert "CHALLENGES FOR THE SECURITY AND PROTECTION OF HRDs" in texts
    html = "".join(reading.render(b) for b in structure)
    assert "....." not in html and "|" not in html and "**" not in html


def test_infographic_debris_is_dropped_and_the_prose_around_it_kept() -> None:
    plain = reading.read(seed("001")).plain_text
    assert "\nCOL\n" not in plain and "ve o be the" not in plain and "c s t ss" not in plain
    assert "Human rights defenders (HRDs) do not usually work alone, but in groups" in plain
    assert "WHAT DO WE MEAN BY COLLECTIVE PROTECTION?" in plain


def long_text() -> str:
    return "\n\n".join(seed(p) for p in ("001", "003", "004")) * 4


def test_long_documents_split_into_light_parts_losing_nothing() -> None:
    text = long_text()
    document = reading.read(text)
    assert len(document.parts) >= 5
    assert all(p.compressed_size <= reading.PART_BUDGET for p in document.parts)
    joined = "".join(p.html for p in document.parts)
    repeated = re.compile(r'<h(\d) class="continued">[^<]*</h\1>\n')
    assert repeated.search(joined), "a part starting inside a section names the section"
    assert repeated.sub("", joined) == "".join(reading.render(b) for b in reading.structure(text))


def test_a_paragraph_longer_than_a_part_is_cut_between_sentences() -> None:
    words = sorted(set(re.findall(r"[a-z]{4,}", seed("004"))))
    rng = random.Random(3)
    text = " ".join(" ".join(rng.choices(words, k=12)).capitalize() + " with their own protocols."
                    for _ in range(2000))  # one paragraph of 2,000 sentences, no line breaks
    document = reading.read(text)
    assert len(document.parts) > 1
    assert all(p.compressed_size <= reading.PART_BUDGET for p in document.parts)
    paragraphs = [para for p in document.parts for para in p.html.split("</p>") if para.strip()]
    assert paragraphs and all(para.endswith("protocols.") for para in paragraphs)


@pytest.mark.django_db
def test_a_reader_goes_through_a_long_text_by_contents_and_next_links(client: Client) -> None:
    resource = make_resource("A long report", full_text=long_text())
    first = client.get(f"/en/resources/{resource.slug}/text/")
    body = first.content.decode()
    total = len(first.context["document"].parts)
    assert f"Part 1 of {total}" in body
    assert '<h2 id="contents" lang="en">Contents</h2>' in body
    to_part = re.search(rf'href="(/en/resources/{resource.slug}/text/(\d+)/#[\w-]+)"', body)
    assert to_part, "the contents link into later parts"
    assert client.get(to_part.group(1).split("#")[0]).status_code == 200

    seen, url = 1, f"/en/resources/{resource.slug}/text/"
    while match := re.search(r'<a rel="next" href="([^"]+)"', client.get(url).content.decode()):
        url, seen = match.group(1), seen + 1
    assert seen == total
    last = client.get(url).content.decode()
    assert f"Part {total} of {total}" in last and 'rel="prev"' in last
    assert client.get(f"/en/resources/{resource.slug}/text/{total + 1}/").status_code == 404
    assert client.get(f"/en/resources/{resource.slug}/text/1/").status_code == 301


@pytest.mark.django_db
def test_every_part_of_a_long_text_fits_in_one_round_trip(client: Client) -> None:
    resource = make_resource("A long report", full_text=long_text())
    total = len(client.get(f"/en/resources/{resource.slug}/text/").context["document"].parts)
    for number in range(1, total + 1):
        url = f"/en/resources/{resource.slug}/text/" + (f"{number}/" if number > 1 else "")
        for encoding in ("br", "gzip"):
            response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
            assert len(response.content) <= ONE_FLIGHT, (url, encoding, len(response.content))
    page = client.get(f"/en/resources/{resource.slug}/text/", HTTP_ACCEPT_ENCODING="br")
    assert brotli.decompress(page.content).decode().count("<style>") == 1


@pytest.mark.django_db
def test_a_short_text_is_one_page_without_parts(client: Client) -> None:
    resource = make_resource("Short", full_text=seed("003"))
    body = client.get(f"/en/resources/{resource.slug}/text/").content.decode()
    assert "Part 1 of" not in body and 'rel="next"' not in body
    assert "<h2 id=\"non-state-actors\">Non-State actors</h2>" in body


def test_the_contents_list_sections_not_the_title_pages_labels() -> None:
    entries = [e.text for e in reading.contents(reading.read(seed("004")))]
    assert entries[:3] == ["Acknowledgements", "Disclaimer", "Purpose of the roundtable"]
    assert "WAYS FORWARD FOR THE PROTECTION OF HRDs" in entries  # subsections only: kept
    assert not {"ISBN", "EAN", "REPORT", "Donors", "Editors"} & set(entries)


@pytest.mark.django_db
def test_the_first_part_weighs_at_most_a_twentieth_of_a_200_kb_file(client: Client) -> None:
    resource = make_resource("A long report", full_text=long_text())
    first = client.get(f"/en/resources/{resource.slug}/text/", HTTP_ACCEPT_ENCODING="br")
    wire = len(first.content) + sum(len(f"{k}: {v}\r\n") for k, v in first.items())
    assert wire <= 200_000 / 20


@pytest.mark.parametrize("kind", ["list", "table"])
def test_a_list_or_table_longer_than_a_part_is_cut_between_items(kind: str) -> None:
    words = sorted(set(re.findall(r"[a-z]{4,}", seed("004"))))
    rng = random.Random(5)
    lines = [" ".join(rng.choices(words, k=8)) for _ in range(5000)]
    text = "\n".join(f"- {line}" if kind == "list" else f"| {line} | {n} |"
                     for n, line in enumerate(lines))
    document = reading.read(text)
    assert len(document.parts) > 1
    assert all(p.compressed_size <= reading.PART_BUDGET for p in document.parts)
    assert all(line in document.plain_text for line in lines)


def test_short_lines_that_carry_meaning_are_kept() -> None:
    prose = seed("004")  # enough prose to judge words by
    text = (prose + "\n\nCall the emergency line\n155\nif you are threatened.\n\n"
            "Maria Gonzalez Perez\n\n" + "Chorus: the river is ours\n\n" * 5)
    plain = reading.read(text).plain_text
    assert "Call the emergency line 155 if you are threatened." in plain
    assert "Maria Gonzalez Perez" in plain
    assert plain.count("Chorus: the river is ours") == 5  # a refrain is not a running head


def test_markdown_headings_keep_their_levels() -> None:
    blocks = reading.structure("## Hello\n\nSome text here.\n\n### Lower heading\n\nMore text.")
    assert [(b.text, b.level) for b in blocks if b.kind == "heading"] == [
        ("Hello", 2), ("Lower heading", 3)]


# 001 has one long line of an infographic's scattered letters: "pro terpr tual f lead s. St
# in a ding dual", rightly dropped.
@pytest.mark.parametrize(("prefix", "debris"), [
    ("001", {"ding", "dual", "lead", "terpr", "tual"}), ("003", set()), ("004", set())])
def test_every_word_of_the_prose_reaches_the_light_text(prefix: str, debris: set[str]) -> None:
    text = seed(prefix)
    plain = set(re.findall(r"\w+", reading.read(text).plain_text.lower()))
    prose = {w for line in text.splitlines() if len(line) >= 40
             for w in re.findall(r"\w+", line.lower())
             if len(w) >= 4 and not w.isdigit()}
    assert prose - plain == debris


@pytest.mark.django_db
def test_the_next_parts_title_follows_a_colon_the_readers_language_spaces(
        client: Client) -> None:
    resource = make_resource("A long report", full_text=long_text())
    with override("fr"):
        page = client.get(reverse("catalogue:text", args=[resource.slug])).content.decode()
    link = re.search(r'<a rel="next" href="[^"]+">([^<]+)</a>', page)
    assert link and re.match(r"Partie 2\u00a0: \S.* →$", link.group(1)), link
