"""Real files of each format give their text with its structure, and their facts."""

from pathlib import Path

import pytest
from django.utils.translation import override

from resguardo.catalogue.reading import structure
from resguardo.ingest import sniff
from resguardo.ingest.base import Extraction, Limits
from resguardo.ingest.extractors import EXTRACTORS
from resguardo.ingest.language import detect_language
from resguardo.ingest.tests import files

LIMITS = Limits()


def extracted(path: Path, limits: Limits = LIMITS) -> Extraction:
    return EXTRACTORS[sniff.detect(path, limits)](path, limits)


def kinds(text: str) -> list[str]:
    return [block.kind for block in structure(text)]


def test_every_format_has_an_extractor() -> None:
    from resguardo.ingest.base import DOCUMENTS

    assert set(EXTRACTORS) == set(DOCUMENTS)


def test_a_pdf_gives_pages_headings_and_its_document_information(tmp_path: Path) -> None:
    result = extracted(files.pdf(tmp_path / "guide.pdf", pages=3))
    assert (result.format, result.pages, result.has_text_layer) == ("pdf", 3, True)
    assert (result.title, result.author, result.date) == (
        files.TITLE, files.AUTHOR, "2021-03-04")
    pages = result.text.split("\f")
    assert len(pages) == 3
    assert pages[1].startswith("# Chapter 2: protecting together\n\n## Why communities act")
    assert "\n\nHuman rights defenders (HRDs) do not usually work alone" in pages[1]
    headings = [b.text for b in structure(result.text) if b.kind == "heading"]
    assert headings[:2] == ["Chapter 1: protecting together", "Why communities act as one"]
    assert detect_language(result.text) == "en"


def test_a_word_whose_first_letter_is_set_apart_comes_out_whole(tmp_path: Path) -> None:
    text = extracted(files.pdf_with_initials(tmp_path / "initials.pdf")).text
    assert "or collective, is always\nrelational, as the protection" in text
    assert "depends on a lot\nof other people." in text
    assert "\n\nHuman rights defenders do not usually work alone, but in\ngroups" in text
    assert [b.kind for b in structure(text)] == ["paragraph", "paragraph"]


def test_a_scanned_pdf_is_flagged_not_silently_empty(tmp_path: Path) -> None:
    result = extracted(files.scanned_pdf(tmp_path / "scan.pdf", pages=2))
    assert (result.pages, result.has_text_layer) == (2, False)
    assert not result.text.strip("\f\n ")
    assert any("OCR" in note for note in result.notes)


def test_pdf_pages_beyond_the_limit_are_left_with_a_note(tmp_path: Path) -> None:
    with override("en"):
        result = extracted(files.pdf(tmp_path / "long.pdf", pages=4), Limits(max_pages=2))
    assert result.pages == 4
    assert result.text.count("\f") == 1
    assert "Only the first 2 pages were read." in result.notes
    with override("es"):
        result = extracted(files.pdf(tmp_path / "long.pdf", pages=4), Limits(max_pages=1))
    assert "Solo se leyó la primera página." in result.notes


def test_a_docx_gives_headings_lists_tables_and_core_properties(tmp_path: Path) -> None:
    result = extracted(files.docx(tmp_path / "guide.pdf"))
    assert (result.format, result.title, result.author, result.date) == (
        "docx", files.TITLE, files.AUTHOR, "2022-05-06")
    text = result.text
    assert text.startswith("# Collective protection\n\n")
    assert "\n\n## What communities do\n\n" in text
    assert "\n\n- Map the risks together\n- Agree on alerts\n- Keep a network of allies\n\n" in text
    assert "\n\n1. Meet\n2. Decide\n\n" in text
    assert "\n\n| Risk | Measure |\n| Threats | Alerts |\n\n" in text
    assert kinds(text) == ["heading", "paragraph", "heading", "paragraph", "list", "list",
                           "table", "paragraph"]
    assert detect_language(text) == "en"


def test_an_odt_gives_headings_lists_tables_and_meta(tmp_path: Path) -> None:
    result = extracted(files.odt(tmp_path / "guide.docx"))
    assert (result.format, result.title, result.author, result.date) == (
        "odt", files.TITLE, files.AUTHOR, "2020-01-02")
    assert result.text.startswith("# Collective protection\n\n")
    assert "\n\n## What communities do\n\n- Map the risks together\n- Agree on alerts\n\n" in (
        result.text)
    assert "| Risk | Measure |\n| Threats | Alerts |" in result.text
    assert kinds(result.text) == ["heading", "paragraph", "heading", "list", "table",
                                  "paragraph"]
    assert detect_language(result.text) == "en"


def test_an_epub_gives_its_chapters_in_reading_order_without_the_navigation(
        tmp_path: Path) -> None:
    result = extracted(files.epub(tmp_path / "book.html"))
    assert (result.format, result.title, result.author, result.date) == (
        "epub", files.TITLE, files.AUTHOR, "2019-09-10")
    first, second = result.text.index("# Collective protection"), result.text.index(
        "# What communities do")
    assert first < result.text.index("- Item 1 one\n- Item 1 two") < second
    assert result.text.count("Collective protection\n") == 1  # not again from the nav
    assert detect_language(result.text) == "en"


def test_html_keeps_structure_and_leaves_out_scripts_styles_and_navigation(
        tmp_path: Path) -> None:
    result = extracted(files.html(tmp_path / "page.txt"))
    assert (result.format, result.title, result.author) == ("html", files.TITLE, files.AUTHOR)
    text = result.text
    assert text.startswith("# Collective protection\n\n")
    assert "\n\n## What communities do\n\n" in text  # whitespace collapsed
    assert "- Map the risks & threats\n- Agree on alerts\n- Keep allies\n\n1. Meet\n2. Decide" in (
        text)
    assert "| Risk | Measure |\n| Threats | Alerts |" in text
    assert "\nSecond line." in text
    for hidden in ("hidden", "color", "Menu", "saved from"):
        assert hidden not in text


def test_html_without_a_title_is_named_by_its_first_h1(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_text("<html><body><h2>Part</h2><h1>The &amp; guide</h1><p>Text</p>")
    assert extracted(path).title == "The & guide"


def test_html_whose_head_is_never_closed_still_gives_its_body(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_text("<html><head><title>T</title><body><p>Visible text</p></body></html>")
    assert extracted(path).text == "Visible text"


def test_markdown_and_text_come_back_as_they_are(tmp_path: Path) -> None:
    markdown = files.markdown(tmp_path / "notes.md")
    result = extracted(markdown)
    assert (result.format, result.title) == ("markdown", files.TITLE)
    assert result.text == markdown.read_text()
    plain = files.text(tmp_path / "notes.txt")
    assert extracted(plain).text == plain.read_text()
    assert detect_language(extracted(plain).text) == "en"


def test_text_beyond_the_limit_is_cut_with_a_note(tmp_path: Path) -> None:
    result = extracted(files.text(tmp_path / "x"), Limits(max_text=100))
    assert len(result.text) == 100
    assert result.notes


@pytest.mark.parametrize("text, expected", [
    ("Las comunidades se protegen juntas frente a las amenazas y construyen redes de apoyo "
     "entre defensoras y defensores de derechos humanos.", "es"),
    ("Les communautés se protègent ensemble face aux menaces et construisent des réseaux de "
     "soutien entre défenseurs des droits humains.", "fr"),
    ("Protect", ""),
    ("12 34 56 — 78", ""),
])
def test_language_is_told_only_when_there_is_enough_text(text: str, expected: str) -> None:
    assert detect_language(text) == expected
