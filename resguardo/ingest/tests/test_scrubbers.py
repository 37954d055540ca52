"""The scrubbers' registry and what their formats share, called directly: `scrub()` around
any scrubber, XML parts copied through a rule, zips written again, addresses judged.
(Real documents of each format go through them in test_scrub.py and test_active_content.py.)
"""

import zipfile
from pathlib import Path

import pytest

from resguardo.ingest import scrubbers
from resguardo.ingest.base import DOCUMENTS, Damaged, Limits, Refused
from resguardo.ingest.scrubbers import addresses, markup, xml, zips


def test_every_format_we_take_has_a_scrubber_in_a_module_of_its_name() -> None:
    assert scrubbers.SCRUBBERS.keys() == DOCUMENTS.keys()
    for format, scrubber in scrubbers.SCRUBBERS.items():
        assert scrubber.__module__ == f"resguardo.ingest.scrubbers.{format}"


def test_a_format_without_a_scrubber_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "upload"
    source.write_bytes(b"\x00" * 10)
    with pytest.raises(Refused) as refused:
        scrubbers.scrub(source, "flac", tmp_path / "clean", Limits())
    assert refused.value.code == "format"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["upload"]


def test_a_scrubber_that_finds_damage_ends_in_a_refusal_naming_it_and_no_partial_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_then_damaged(source: Path, target: Path, limits: Limits) -> list[str]:
        target.write_bytes(b"half a copy")
        raise Damaged("a JPEG image is cut short")

    monkeypatch.setitem(scrubbers.SCRUBBERS, "text", half_then_damaged)
    source = tmp_path / "upload"
    source.write_text("text")
    with pytest.raises(Refused) as refused:
        scrubbers.scrub(source, "text", tmp_path / "clean", Limits())
    assert refused.value.code == "damaged"
    assert "a JPEG image is cut short" in str(refused.value.reason)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["upload"]


def test_a_scrubbed_copy_appears_whole_under_its_name_and_says_what_went(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def scrubber(source: Path, target: Path, limits: Limits) -> list[str]:
        target.write_bytes(source.read_bytes().upper())
        return ["names"]

    monkeypatch.setitem(scrubbers.SCRUBBERS, "text", scrubber)
    source = tmp_path / "upload"
    source.write_text("text")
    assert scrubbers.scrub(source, "text", tmp_path / "clean", Limits()) == ["names"]
    assert (tmp_path / "clean").read_bytes() == b"TEXT"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "upload"]


# XML parts

PART = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:doc xmlns:w="urn:w" xmlns:x="urn:x"><!-- by Ana --><w:p w:author="Ana" x:keep="1">'
        b'Text</w:p><w:secret><w:p>inside</w:p></w:secret><w:date>2024</w:date></w:doc>')


class _Rule(xml.XmlRule):
    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        return path[-1] == "{urn:w}secret"

    def text(self, name: str) -> str | None:
        return "1970" if name == "{urn:w}date" else None

    def attribute(self, element: str, name: str, value: str) -> str | None:
        return None if name == "{urn:w}author" else value


def test_an_xml_part_loses_what_its_rule_says_and_keeps_its_prefixes() -> None:
    data, changed = xml.rewrite_xml(PART, _Rule())
    assert data == (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    b'<w:doc xmlns:w="urn:w" xmlns:x="urn:x"><w:p x:keep="1">Text</w:p>'
                    b"<w:date>1970</w:date></w:doc>")
    assert changed == {"{urn:w}secret", "{urn:w}date", "{urn:w}author"}


def test_an_xml_part_the_rule_leaves_alone_stays_byte_for_byte() -> None:
    untouched = PART.replace(b"<!-- by Ana -->", b"")
    assert xml.rewrite_xml(untouched, xml.XmlRule()) == (untouched, set())


def test_an_xml_part_declaring_a_document_type_is_refused_unless_allowed() -> None:
    from defusedxml import DefusedXmlException

    typed = b'<?xml version="1.0"?><!DOCTYPE doc><doc>x</doc>'
    with pytest.raises(DefusedXmlException):
        xml.rewrite_xml(typed, xml.XmlRule())
    assert xml.rewrite_xml(typed, xml.XmlRule(), doctype=True)[0] == typed


def test_names_in_the_log_are_local_with_word_session_ids_counted_once() -> None:
    assert xml.names({"{urn:w}rsidR", "{urn:w}rsidRPr", "{urn:w}author"}) == "author, rsid"


# Zips


def _zip(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 17, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.comment = b"made by Ana"
            archive.writestr(info, data)
    return path


def test_a_zip_written_again_puts_mimetype_first_and_stored_with_no_dates(tmp_path: Path
                                                                          ) -> None:
    source = _zip(tmp_path / "in.zip", [("content.xml", b"<a/>"), ("mimetype", b"x/y"),
                                        ("Thumbnails/t.bin", b"secret")])
    cleaned = zips.rewrite_zip(source, tmp_path / "out.zip", Limits(),
                               lambda name, data: None if name.startswith("Thumb") else data)
    assert cleaned == 0
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["mimetype", "content.xml"]
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert {i.date_time for i in infos} == {zips.EPOCH}
        assert {i.comment for i in infos} == {b""}
        assert archive.read("content.xml") == b"<a/>"


def test_a_zip_with_two_entries_of_one_name_is_damaged(tmp_path: Path) -> None:
    source = tmp_path / "in.zip"
    with pytest.warns(UserWarning), zipfile.ZipFile(source, "w") as archive:
        archive.writestr("a.xml", b"<a/>")
        archive.writestr("a.xml", b"<b/>")
    with pytest.raises(Damaged):
        zips.rewrite_zip(source, tmp_path / "out.zip", Limits(), lambda name, data: data)


def test_a_zip_past_the_entry_limit_is_refused_as_a_bomb(tmp_path: Path) -> None:
    source = _zip(tmp_path / "in.zip", [(f"{n}.xml", b"<a/>") for n in range(5)])
    with pytest.raises(Refused) as refused:
        zips.rewrite_zip(source, tmp_path / "out.zip", Limits(max_entries=4),
                         lambda name, data: data)
    assert refused.value.code == "bomb"


# Addresses and pages


@pytest.mark.parametrize(("url", "remote", "followable"), [
    ("https://example.org/a.png", True, True),
    ("mailto:ana@example.org", True, True),
    ("pictures/a.png", False, True),
    ("#part-two", False, True),
    ("//tracker.example/p.gif", True, False),
    ("  JaVa\tScRiPt:alert(1)", True, False),
    ("file:///C:/Users/ana/informe.docx", True, False),
    ("data:image/png;base64,AAAA", False, False),
])
def test_an_address_is_judged_as_a_browser_reads_it(url: str, remote: bool,
                                                    followable: bool) -> None:
    assert addresses.is_remote(url) is remote
    assert addresses.safe_link(url) is followable


@pytest.mark.parametrize(("css", "fetches"), [
    ("p { color: red }", False),
    ("@import 'x.css';", True),
    ("body { background: url(https://t.example/b.gif) }", True),
    ("body { background: url( 'data:image/png;base64,AA' ) }", False),
    ("body { background: url(local.png) }", False),
])
def test_css_that_loads_from_elsewhere_is_found(css: str, fetches: bool) -> None:
    assert addresses.css_fetches(css) is fetches


def test_the_log_names_what_went_in_words_sorted() -> None:
    assert markup.labels({"script", "form"}) == "forms, scripts"


def test_a_page_larger_than_the_limits_is_refused_before_it_is_read(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>" * 100)
    with pytest.raises(Refused) as refused:
        markup.page_text(page, Limits(max_unpacked=99))
    assert refused.value.code == "too-large"


def test_a_page_in_utf_16_is_read_as_text(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes("\ufeff# Protección colectiva\n".encode("utf-16-le"))
    assert markup.page_text(page, Limits()).lstrip("\ufeff") == "# Protección colectiva\n"
