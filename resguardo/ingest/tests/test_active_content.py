"""A published copy does nothing and fetches nothing when it is opened, and the editor is
told what was taken out to make it so.

Each test writes a real document that acts or calls home (see active_files.py), cleans it,
and reads the copy back the way an adversary would: every PDF object walked, every zip
entry parsed, every page's tags and attributes looked at, and every byte searched for the
attacker's host. What a reader needs (the text, headings, tables, web links, local
pictures) must still be there.
"""

import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from resguardo.catalogue.models import Resource, ResourceType
from resguardo.conftest import sign_in
from resguardo.ingest import sniff
from resguardo.ingest.base import Limits, Refused
from resguardo.ingest.scrubbers import scrub
from resguardo.ingest.tests import active_files as hostile
from resguardo.ingest.tests import uploads
from resguardo.ingest.tests.test_ingesting import editor_form, leftovers, stored
from resguardo.ingest.tests.test_scrub import pdf_decompressed

ATTACKER = hostile.ATTACKER.encode()
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "{" + hostile.R + "}"


def cleaned(tmp_path: Path, make: hostile.files.Factory, format: str) -> tuple[Path, list[str]]:
    source, target = tmp_path / f"upload.{format}", tmp_path / f"clean.{format}"
    make(source)
    return target, scrub(source, format, target, Limits())


def every_entry(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def fetches(url: str) -> bool:
    """What a browser or a reader would load from outside the file (the test's own reading,
    independent of the code under test)."""
    url = re.sub(r"[\t\n\r]", "", url).strip().lower()
    return bool(re.match(r"^(?:[a-z][a-z0-9+.\-]*:|//|\\\\|/\\)", url)) and \
        not url.startswith("data:")


def followable(url: str) -> bool:
    url = re.sub(r"[\t\n\r]", "", url).strip().lower()
    return url.startswith(("http:", "https:", "mailto:")) or not fetches(url)


# PDF


def pdf_dictionaries(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Object, pikepdf.Object | None]]:
    """Every dictionary in the file, indirect or written inside another, with the
    dictionary that holds it directly (None for an indirect one)."""
    stack: list[tuple[pikepdf.Object, pikepdf.Object | None]] = [
        (obj, None) for obj in pdf.objects]
    stack.append((pdf.trailer, None))
    while stack:
        obj, holder = stack.pop()
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            yield obj, holder
            children = [(obj[key], obj) for key in obj.keys()]
        elif isinstance(obj, pikepdf.Array):
            children = [(child, holder) for child in obj]
        else:
            continue
        stack.extend((child, parent) for child, parent in children
                     if isinstance(child, pikepdf.Dictionary | pikepdf.Array)
                     and not child.is_indirect)


ACTING_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA", "/Next"}
ACTING_KINDS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE",
                "/Rendition", "/RichMediaExecute"}


def assert_inert_pdf(path: Path) -> list[str]:
    """No script, automatic action or outside reference anywhere; returns the web links
    left on link annotations."""
    links = []
    with pikepdf.open(path) as pdf:
        for obj, holder in pdf_dictionaries(pdf):
            assert not ACTING_KEYS & set(obj.keys()), set(obj.keys())
            assert obj.get("/S") not in ACTING_KINDS, obj.get("/S")
            assert not isinstance(obj.get("/OpenAction"), pikepdf.Dictionary)
            assert obj.get("/Subtype") not in ("/3D", "/RichMedia", "/Screen", "/Movie")
            if obj.get("/S") == pikepdf.Name.URI:
                assert holder is not None and holder.get("/Subtype") == pikepdf.Name.Link
                assert str(obj.URI).startswith(("http://", "https://", "mailto:"))
                links.append(str(obj.URI))
    assert ATTACKER not in pdf_decompressed(path)
    return links


def test_the_pdf_beacon_calls_home_and_acts_before_cleaning(tmp_path: Path) -> None:
    source = hostile.pdf_beacon(tmp_path / "beacon.pdf")
    with pytest.raises(AssertionError):
        assert_inert_pdf(source)
    assert ATTACKER in pdf_decompressed(source)


def test_a_pdf_beacon_is_published_without_any_script_or_action(tmp_path: Path) -> None:
    target, removed = cleaned(tmp_path, hostile.pdf_beacon, "pdf")
    assert assert_inert_pdf(target) == [hostile.KEPT_LINK]
    with pikepdf.open(target) as pdf:
        assert "/OpenAction" not in pdf.Root and "/JavaScript" not in pdf.Root.get(
            "/Names", {})
        assert len(pdf.pages) == 1 and "/AcroForm" in pdf.Root  # the form stays, unable to send


def test_the_editor_is_told_which_pdf_actions_were_removed(tmp_path: Path) -> None:
    _target, removed = cleaned(tmp_path, hostile.pdf_beacon, "pdf")
    [line] = [line for line in removed if line.startswith("PDF scripts and actions")]
    names = line.partition(": ")[2].split(", ")
    assert {"OpenAction", "AA", "JavaScript", "Launch", "GoToR", "SubmitForm", "ImportData",
            "URI", "XFA", "3D"} <= set(names)


@pytest.mark.parametrize("as_action", [False, True], ids=["destination", "goto-action"])
def test_an_ordinary_pdf_keeps_its_opening_page_and_gets_no_action_line(
        tmp_path: Path, as_action: bool) -> None:
    source = hostile.files.pdf(tmp_path / "plain.pdf")
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        page = pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.Fit])
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=page) \
            if as_action else page
        pdf.save(source)
    target = tmp_path / "clean.pdf"
    removed = scrub(source, "pdf", target, Limits())
    assert not [line for line in removed if line.startswith("PDF scripts")]
    with pikepdf.open(target) as pdf:
        opening = pdf.Root.OpenAction
        assert (opening.D if as_action else opening)[0].objgen == pdf.pages[1].obj.objgen


# HTML and EPUB pages


class Inspector(HTMLParser):
    """Everything on a page that would act or load from outside, as a list of problems."""

    FORBIDDEN = {"script", "base", "form", "input", "button", "textarea", "select", "iframe",
                 "frame", "frameset", "object", "embed", "applet", "portal"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.pictures: list[str] = []
        self.links: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.in_style = tag == "style"
        if tag in self.FORBIDDEN:
            self.problems.append(tag)
        if tag == "meta" and "http-equiv" in values and \
                values["http-equiv"].lower() != "content-type":
            self.problems.append("meta http-equiv")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(name)
            elif name == "href" and tag in ("a", "area"):
                self.links.append(value)
                if not followable(value):
                    self.problems.append(f"link {value}")
            elif name in ("src", "href", "xlink:href", "srcset", "poster", "data",
                          "background") and fetches(value):
                self.problems.append(f"{tag} {name}={value}")
            elif name == "style" and "url(" in value:
                self.problems.append("style url")
        if tag == "img":
            self.pictures.append(values.get("src", ""))

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style and ("@import" in data or "url(" in data):
            self.problems.append("style loads")


def inspect(page: bytes) -> Inspector:
    inspector = Inspector()
    inspector.feed(page.decode())
    inspector.close()
    assert ATTACKER not in page
    return inspector


def test_the_html_tracker_acts_and_calls_home_before_cleaning(tmp_path: Path) -> None:
    page = hostile.html_tracker(tmp_path / "tracker.html").read_bytes()
    inspector = Inspector()
    inspector.feed(page.decode())
    assert {"script", "base", "form", "input", "object", "embed", "iframe", "onload",
            "onerror", "meta http-equiv", "style loads"} <= set(inspector.problems)


def test_an_html_tracker_is_published_with_its_text_and_nothing_that_acts_or_fetches(
        tmp_path: Path) -> None:
    target, _removed = cleaned(tmp_path, hostile.html_tracker, "html")
    page = target.read_bytes()
    inspector = inspect(page)
    assert inspector.problems == []
    assert inspector.links == [hostile.KEPT_LINK]
    assert "images/map.png" in inspector.pictures and not any(
        fetches(src) for src in inspector.pictures)
    text = page.decode()
    assert hostile.SENTENCE in text and "<h1>Collective protection</h1>" in text
    assert "<td>Threats</td>" in text and "<li>Agree on alerts</li>" in text
    assert "<title>Collective protection</title>" in text and '<html lang="en">' in text
    assert sniff.detect(target, Limits()) == "html"  # read again as HTML when reindexed


def test_the_editor_is_told_what_went_from_an_html_page(tmp_path: Path) -> None:
    _target, removed = cleaned(tmp_path, hostile.html_tracker, "html")
    assert removed == [
        "HTML scripts and remote content: a base address, an automatic redirect, event "
        "handlers (on… attributes), forms, frames and embedded objects, javascript: links, "
        "remote pictures, remote stylesheets, fonts and other files, scripts"]


def test_an_epub_is_published_without_scripts_or_remote_content(tmp_path: Path) -> None:
    source = hostile.epub_remote(tmp_path / "source.epub")
    assert ATTACKER in b"".join(every_entry(source).values())
    target, removed = cleaned(tmp_path, hostile.epub_remote, "epub")
    entries = every_entry(target)
    page = entries["EPUB/intro.xhtml"]
    inspector = inspect(page)
    assert inspector.problems == [] and inspector.links == [hostile.KEPT_LINK]
    assert inspector.pictures == ["images/map.png", "images/map.png"]
    ElementTree.fromstring(page)  # still XHTML: readers need it well formed
    assert hostile.SENTENCE.encode() in page
    assert entries["EPUB/track.js"] == b"" and b"@import" not in entries["EPUB/style.css"]
    assert all(ATTACKER not in data for data in entries.values())
    assert "EPUB scripts and remote content: event handlers (on… attributes), forms, " \
           "javascript: links, remote pictures, remote stylesheets, fonts and other files, " \
           "scripts" in removed


def test_a_cleaned_epub_still_opens_with_its_text(tmp_path: Path) -> None:
    from ebooklib import ITEM_DOCUMENT, epub

    target, _removed = cleaned(tmp_path, hostile.epub_remote, "epub")
    book = epub.read_epub(str(target), {"ignore_ncx": True})
    pages = b"".join(item.get_content() for item in book.get_items_of_type(ITEM_DOCUMENT))
    assert hostile.SENTENCE.encode() in pages


# OOXML


def assert_inert_ooxml(path: Path) -> None:
    """No outside relationship but hyperlinks to web or mail addresses, no reference to a
    relationship that is not there, no macro part, nothing naming the attacker."""
    entries = every_entry(path)
    for name, data in entries.items():
        assert ATTACKER not in data, name
        assert "vba" not in name.lower(), name
        if not name.endswith(".rels"):
            continue
        folder, base = name.rsplit("/", 1) if "/" in name else ("", name)
        part = f"{folder.removesuffix('_rels')}{base.removesuffix('.rels')}"
        relationships = ElementTree.fromstring(data).iter(_RELS + "Relationship")
        ids = set()
        for relationship in relationships:
            ids.add(relationship.get("Id"))
            if relationship.get("TargetMode") == "External":
                assert relationship.get("Type", "").endswith("/hyperlink"), relationship.attrib
                assert followable(relationship.get("Target", ""))
        if part in entries and part.endswith(".xml"):
            used = {value for element in ElementTree.fromstring(entries[part]).iter()
                    for key, value in element.attrib.items() if key.startswith(_R)}
            assert used <= ids, (part, used - ids)


def test_the_word_document_fetches_from_elsewhere_before_cleaning(tmp_path: Path) -> None:
    source = hostile.docx_remote(tmp_path / "remote.docx")
    with pytest.raises(AssertionError):
        assert_inert_ooxml(source)


def test_a_word_document_loses_its_remote_template_picture_and_objects(tmp_path: Path
                                                                       ) -> None:
    import docx

    target, removed = cleaned(tmp_path, hostile.docx_remote, "docx")
    assert_inert_ooxml(target)
    document = docx.Document(str(target))
    assert hostile.SENTENCE in "\n".join(p.text for p in document.paragraphs)
    body = every_entry(target)["word/document.xml"]
    assert b"r:embed=" in body and b"r:link=" not in body and b"w:subDoc" not in body
    assert b"Protection International" in body and b'r:id="rIdLink1"' in body
    assert b"INCLUDEPICT" not in body and b"DDEAUTO" not in body and b"cmd.exe" not in body
    assert b"Pasted picture" in body and b" PAGE " in body  # the result shows, as text
    assert body.count(b"<w:fldChar ") == 3  # the page number's field stays whole
    assert "DOCX links to files elsewhere, which Word would fetch on opening: DDEAUTO, "\
           "INCLUDEPICTURE, attachedTemplate, frame, image, oleObject, subDocument" in removed


@pytest.mark.parametrize("main_type, part", [
    (hostile.MACRO_DOCUMENT, "word/vbaProject.bin"),
    (hostile.WORD_DOCUMENT, "word/vbaProject.bin"),
    (hostile.WORD_DOCUMENT, "word/vbaData.xml"),
    (hostile.WORD_DOCUMENT, "word/media/image9.bin"),
], ids=["docm", "docx-type-with-vbaProject", "docx-type-with-vbaData",
        "renamed-part-found-by-its-relationship"])
def test_a_word_document_with_macros_is_refused_whatever_its_header_says(
        tmp_path: Path, main_type: str, part: str) -> None:
    source, target = tmp_path / "macros.docx", tmp_path / "clean.docx"
    hostile.word_macros(source, main_type, part)
    assert sniff.detect(source, Limits()) == "docx"  # it looks like a Word document
    with pytest.raises(Refused) as refused:
        scrub(source, "docx", target, Limits())
    assert refused.value.code == "macros" and "macros" in str(refused.value.reason)
    assert not target.exists() and list(tmp_path.iterdir()) == [source]


# ODF


def test_an_odt_loses_its_macros_remote_objects_and_dde_and_keeps_its_web_link(
        tmp_path: Path) -> None:
    from odf import opendocument, teletype, text

    source = hostile.odt_remote(tmp_path / "source.odt")
    assert ATTACKER in b"".join(every_entry(source).values())
    target, removed = cleaned(tmp_path, hostile.odt_remote, "odt")
    entries = every_entry(target)
    assert not [name for name in entries if name.startswith("Basic/")]
    for name, data in entries.items():
        assert ATTACKER not in data and b"vnd.sun.star.script" not in data, name
        assert b"event-listener" not in data and b"dde-connection" not in data, name
        assert b"Basic/" not in data, name
    content = entries["content.xml"]
    assert b"draw:image" not in content and b"draw:object" not in content
    assert b"text:section-source" not in content and b"Cached section text." in content
    document = opendocument.load(str(target))
    links = [link.getAttribute("href") for link in document.getElementsByType(text.A)]
    assert links == [hostile.KEPT_LINK, None]
    assert hostile.SENTENCE in "\n".join(
        teletype.extractText(p) for p in document.getElementsByType(text.P))
    [line] = [line for line in removed if line.startswith("ODT macros")]
    assert set(line.partition(": ")[2].split(", ")) == {
        "Basic", "dde-connection", "event-listeners", "href", "image", "object",
        "section-source"}


def test_an_epub_2_page_with_the_xhtml_dtd_and_named_characters_is_still_taken(
        tmp_path: Path) -> None:
    source, target = tmp_path / "upload.epub", tmp_path / "clean.epub"
    hostile.files.epub(source)
    entries = every_entry(source)
    name = "EPUB/chapter1.xhtml"
    page = entries[name].decode()
    page = re.sub(r"<!DOCTYPE[^>]*>", "", page)
    entries[name] = page.replace("<html", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
                                 '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n<html', 1)\
        .replace("<p>", "<p>Before&nbsp;after&mdash;", 1).encode()
    with zipfile.ZipFile(source, "w") as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    scrub(source, "epub", target, Limits())
    cleaned_page = every_entry(target)[name]
    text = "".join(ElementTree.fromstring(cleaned_page).itertext())
    assert "Before\u00a0after\u2014" in text and b"DOCTYPE" not in cleaned_page


@pytest.mark.parametrize("make, format", [
    (hostile.files.pdf, "pdf"), (hostile.files.docx, "docx"), (hostile.files.odt, "odt"),
    (hostile.files.epub, "epub")])
def test_an_ordinary_document_gets_no_line_about_active_content(
        tmp_path: Path, make: hostile.files.Factory, format: str) -> None:
    _target, removed = cleaned(tmp_path, make, format)
    assert not [line for line in removed if re.search(
        "scripts|actions|elsewhere|remote", line)], removed


# Every file the ingestion tests make


def assert_inert(path: Path, format: str) -> None:
    if format == "pdf":
        assert_inert_pdf(path)
    elif format == "html":
        assert inspect(path.read_bytes()).problems == []
    elif format in ("docx", "odt", "epub"):
        for name, data in every_entry(path).items():
            assert b"<script" not in data and b"javascript:" not in data, name
        if format == "docx":
            assert_inert_ooxml(path)


@pytest.mark.parametrize("kind", hostile.EXISTING)
def test_every_file_the_ingestion_tests_make_ends_refused_or_inert(
        tmp_path: Path, kind: str) -> None:
    source, target = tmp_path / "upload", tmp_path / "clean"
    hostile.EXISTING[kind](source)
    try:
        format = sniff.detect(source, Limits())
        scrub(source, format, target, Limits())
    except Refused as refusal:
        assert str(refusal.reason) and not target.exists()
    else:
        assert_inert(target, format)


# Through the sandbox and the editors' form


@pytest.mark.django_db
def test_an_editor_uploading_a_tracking_page_sees_what_was_removed_and_it_is_stored_inert(
        client: Client, editor, media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, editor)
    page = hostile.html_tracker(tmp_path / "tracker.html").read_bytes()
    response = client.post("/editors/catalogue/resource/add/", editor_form(
        ResourceType.objects.get(slug="guides-manuals"),
        upload=SimpleUploadedFile("tracker.html", page)), follow=True)
    body = response.content.decode()
    assert "Removed from the stored copy" in body
    assert "HTML scripts and remote content: a base address, an automatic redirect" in body
    resource = Resource.objects.get(slug="uploaded-guide")
    assert resource.file_format == "html" and hostile.SENTENCE in resource.full_text
    [copy] = stored(media)
    assert inspect(copy.read_bytes()).problems == []
    assert any("HTML scripts" in line for line in resource.file_facts["removed"])
    assert leftovers(settings) == []


@pytest.mark.django_db
def test_an_editor_is_told_in_their_language_why_a_macro_document_is_refused(
        client: Client, editor, media: Path, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = hostile.word_macros(tmp_path / "informe.docx")
    with source.open("rb") as upload, pytest.raises(Refused) as refused:
        uploads.ingest(upload, language="es")
    assert refused.value.code == "macros" and "macros" in str(refused.value.reason)
    assert "nunca publicamos" in str(refused.value.reason)
    sign_in(client, editor)
    response = client.post("/editors/catalogue/resource/add/", editor_form(
        ResourceType.objects.get(slug="guides-manuals"),
        upload=SimpleUploadedFile("informe.docx", source.read_bytes())))
    assert "holds macros or ActiveX controls" in response.content.decode()
    assert stored(media) == [] and leftovers(settings) == []


def test_a_pdf_beacon_taken_in_through_the_sandbox_is_stored_inert(
        media: Path, tmp_path: Path, db: None) -> None:
    source = hostile.pdf_beacon(tmp_path / "beacon.pdf")
    with source.open("rb") as upload:
        ingested = uploads.ingest(upload)
    [copy] = stored(media)
    assert assert_inert_pdf(copy) == [hostile.KEPT_LINK]
    assert any(line.startswith("PDF scripts and actions") for line in ingested.removed)
