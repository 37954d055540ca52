"""Files made to hurt a reader: each is refused with a reason, or read without hanging."""

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from resguardo.ingest import sniff
from resguardo.ingest.base import Extraction, Limits, Refused
from resguardo.ingest.extractors import EXTRACTORS
from resguardo.ingest.tests import files

LIMITS = Limits()


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[Path]:
    """Where a hostile file goes; removed afterwards, big or not."""
    path = tmp_path / "hostile"
    yield path
    path.unlink(missing_ok=True)


def ingest(path: Path, limits: Limits = LIMITS) -> Extraction:
    return EXTRACTORS[sniff.detect(path, limits)](path, limits)


def refusal(path: Path, limits: Limits = LIMITS) -> str:
    with pytest.raises(Refused) as refused:
        ingest(path, limits)
    assert str(refused.value.reason)
    return refused.value.code


def completes(work: Callable[[], object], seconds: float = 20) -> object:
    """The result of `work`, its Refused, or a failure if it is still running after
    `seconds` (a hung PDFium call does not stop the test run)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Refused as refused:
            outcome.append(refused)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    assert outcome, "ended with an error other than a refusal"
    return outcome[0]


@pytest.mark.parametrize("factory, code", [
    (files.docx_zip_bomb, "bomb"),
    (files.docx_lying_sizes, "damaged"),
    (files.docx_external_entity, "xml"),
    (files.docx_billion_laughs, "xml"),
    (files.epub_external_entity, "xml"),
    (files.jpeg_html_polyglot, "format"),
    (files.random_bytes, "format"),
    (files.other_zip, "format"),
])
def test_hostile_files_are_refused_with_a_reason(
        hostile: Path, factory: files.Factory, code: str) -> None:
    assert refusal(factory(hostile)) == code


def test_an_empty_file_is_refused(hostile: Path) -> None:
    hostile.write_bytes(b"")
    assert refusal(hostile) == "empty"


def test_the_zip_bomb_is_refused_from_its_directory_before_anything_is_unpacked(
        hostile: Path) -> None:
    files.docx_zip_bomb(hostile)
    assert hostile.stat().st_size < 2 * 1024 * 1024  # a gigabyte declared
    with pytest.raises(Refused) as refused:
        EXTRACTORS["docx"](hostile, LIMITS)  # the extractor checks too, not only sniffing
    assert refused.value.code == "bomb"


def test_a_bomb_under_the_total_limit_is_caught_by_its_ratio(hostile: Path) -> None:
    files.docx_zip_bomb(hostile)
    assert refusal(hostile, Limits(max_unpacked=2 << 30)) == "bomb"


def test_archives_with_names_outside_themselves_or_encryption_are_refused(
        tmp_path: Path) -> None:
    escaping = files.raw_zip(tmp_path / "a", [
        files._stored("[Content_Types].xml", files.CONTENT_TYPES),
        files._stored("word/document.xml", b"<x/>"), files._stored("../../etc/cron.d/x", b"")])
    assert refusal(escaping) == "archive"
    encrypted = files.raw_zip(tmp_path / "b", [
        files._stored("[Content_Types].xml", files.CONTENT_TYPES),
        files._stored("word/document.xml", b"<x/>")], flags=0x1)
    assert refusal(encrypted) == "archive"


def test_html_full_of_unfinished_tags_is_read_in_linear_time(hostile: Path) -> None:
    # Python's parser (before 3.11.13) looked for each one's end to the end of the text:
    # this took 26 s before `html.defuse`.
    hostile.write_text("<html><body><p>Kept</p>" + "</" * 200_000 + "<a " * 100_000)
    result = completes(lambda: ingest(hostile), seconds=10)
    assert isinstance(result, Extraction) and result.text.startswith("Kept")


def test_deeply_nested_xml_and_html_are_read_without_recursion(hostile: Path) -> None:
    files.docx_deep_nesting(hostile)
    result = completes(lambda: ingest(hostile, Limits(max_ratio=10_000)))
    assert isinstance(result, Extraction) and result.text == "deep"
    hostile.write_text("<html><body>" + "<div><ul><li><table><tr><td>" * 20_000 + "deep")
    result = completes(lambda: ingest(hostile))
    assert isinstance(result, Extraction) and "deep" in result.text


@pytest.mark.parametrize("factory", [
    files.truncated_pdf, files.pdf_kids_cycle, files.pdf_parent_cycle,
    files.pdf_xobject_cycle, files.pdf_prev_cycle, files.pdf_deep_nesting,
])
def test_hostile_pdfs_are_read_or_refused_without_hanging(hostile: Path,
                                                          factory: files.Factory) -> None:
    result = completes(lambda: ingest(factory(hostile)))
    if isinstance(result, Refused):
        assert result.code == "damaged"
    else:
        assert isinstance(result, Extraction) and result.format == "pdf"
        assert result.pages is not None and result.pages <= 3


def test_a_pdf_cut_early_is_refused_as_damaged(hostile: Path) -> None:
    files.truncated_pdf(hostile, keep=0.1)
    assert refusal(hostile) == "damaged"
