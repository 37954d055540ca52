"""The format comes from the bytes: names and declared types are never asked."""

import codecs
import zipfile
from pathlib import Path

import pytest

from resguardo.ingest import sniff
from resguardo.ingest.base import Limits, Refused, accepted
from resguardo.ingest.tests import files

LIMITS = Limits()


@pytest.mark.parametrize("factory, expected", [
    (files.pdf, "pdf"), (files.docx, "docx"), (files.odt, "odt"), (files.epub, "epub"),
    (files.html, "html"), (files.markdown, "markdown"), (files.text, "text"),
])
def test_each_format_is_known_by_its_content_whatever_its_name(
        tmp_path: Path, factory: files.Factory, expected: str) -> None:
    misleading = "report.docx" if expected == "pdf" else "report.pdf"
    assert sniff.detect(factory(tmp_path / misleading), LIMITS) == expected


def test_a_pdf_may_have_a_few_bytes_before_its_header(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"\r\n" * 100 + files.pdf(tmp_path / "real.pdf", pages=1).read_bytes())
    assert sniff.detect(path, LIMITS) == "pdf"


def test_text_in_utf16_with_a_byte_order_mark_is_text(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(codecs.BOM_UTF16_LE + "Defenders protect one another.\n".encode("utf-16-le"))
    assert sniff.detect(path, LIMITS) == "text"


@pytest.mark.parametrize("start", [
    "<!DOCTYPE html><p>Hi</p>", "\ufeff  <!-- saved --><html><body>Hi", "<HEAD><title>x",
    '<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">',
    "\n\n<body>\nHi", "<h1>Title</h1>",
])
def test_html_is_known_by_how_it_begins(tmp_path: Path, start: str) -> None:
    path = tmp_path / "x"
    path.write_text(start)
    assert sniff.detect(path, LIMITS) == "html"


@pytest.mark.parametrize("content, expected", [
    ("# Guide\n\nHow to protect.\n", "markdown"),
    ("Read [the guide](https://example.org/guide).\n", "markdown"),
    ("Steps:\n\n- map\n- alert\n- **meet** often\n", "markdown"),
    ("Just a letter.\n\nWith two paragraphs, and a - dash.\n", "text"),
    ("Price #1 and item - one\n", "text"),
])
def test_markdown_needs_markdown_structure(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "x"
    path.write_text(content)
    assert sniff.detect(path, LIMITS) == expected


def _refused(path: Path) -> Refused:
    with pytest.raises(Refused) as refused:
        sniff.detect(path, LIMITS)
    return refused.value


def test_an_empty_file_is_refused_as_empty(tmp_path: Path) -> None:
    (tmp_path / "x").write_bytes(b"")
    assert _refused(tmp_path / "x").code == "empty"
    (tmp_path / "y").write_text(" \n\t\n")
    assert _refused(tmp_path / "y").code == "empty"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + bytes(100), b"GIF89a<html>", b"\x7fELF\x02\x01\x01" + bytes(50),
    b"MZ\x90\x00\x03" + bytes(60), b"\x1f\x8b\x08\x00", b"%!PS-Adobe-3.0\n\x00\x01\x02",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(50), "caf\xe9\n".encode("latin-1"),
    b"text with a NUL\x00 inside", b"\x01\x02\x03\x04 controls \x05\x06\x07\x08",
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
    b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
])
def test_anything_else_is_refused_naming_the_accepted_formats(tmp_path: Path,
                                                              data: bytes) -> None:
    (tmp_path / "x").write_bytes(data)
    refused = _refused(tmp_path / "x")
    assert refused.code == "format"
    assert accepted() in str(refused.reason)


def test_a_text_that_begins_like_a_bitmap_is_still_text(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("BMW workers and MZ collective: a report.\n")
    assert sniff.detect(tmp_path / "x", LIMITS) == "text"


def test_an_odt_mimetype_decides_between_odt_and_epub(tmp_path: Path) -> None:
    path = tmp_path / "x"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    assert _refused(path).code == "format"


def test_a_zip_is_checked_before_it_is_named(tmp_path: Path) -> None:
    path = files.docx(tmp_path / "x")
    assert _refused_with(path, Limits(max_entries=3)).code == "bomb"


def _refused_with(path: Path, limits: Limits) -> Refused:
    with pytest.raises(Refused) as refused:
        sniff.detect(path, limits)
    return refused.value
