"""Scrubbed copies keep the content and lose every trace of who made them.

Each test writes a real document full of names, scrubs it, then reads the copy back as a
reader would and as an adversary would (every byte, decompressed, in several encodings).
"""

import posixpath
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image

from resguardo.ingest.base import Limits, Refused
from resguardo.ingest.scrubbers import scrub
from resguardo.ingest.scrubbers.images import clean_image, clean_jpeg
from resguardo.ingest.tests import scrub_files as files

GPS, ARTIST, COPYRIGHT, ORIENTATION = 0x8825, 0x013B, 0x8298, 0x0112


def traces(name: str) -> list[bytes]:
    """How a name can sit in a file: UTF-8, UTF-16 either way, and as PDF hex strings."""
    utf16 = name.encode("utf-16-be")
    return [name.encode(), utf16, name.encode("utf-16-le"), utf16.hex().encode(),
            utf16.hex().upper().encode(), name.encode().hex().encode()]


def assert_no_identifying(data: bytes, where: str) -> None:
    for name in files.IDENTIFYING:
        for trace in traces(name):
            assert trace not in data, f"{name!r} left in {where}"


def assert_clean_image(data: bytes, where: str) -> None:
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        assert GPS not in exif and ARTIST not in exif and COPYRIGHT not in exif, where
        assert not exif.get_ifd(GPS), where
        assert not {"comment", "xmp", "Author", "Comment"} & set(image.info), where


def zip_entries(path: Path) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            yield name, archive.read(name)


def assert_clean_zip(path: Path) -> int:
    """No name in any entry; every image without metadata. Returns how many images."""
    images = 0
    for name, data in zip_entries(path):
        assert_no_identifying(data, name)
        if data.startswith((b"\xff\xd8\xff", b"\x89PNG")):
            assert_clean_image(data, name)
            images += 1
    return images


def scrubbed(tmp_path: Path, format: str) -> tuple[Path, list[str]]:
    source, target = tmp_path / f"upload.{format}", tmp_path / f"clean.{format}"
    getattr(files, f"make_{format}")(source)
    return target, scrub(source, format, target, Limits())


# PDF


def pdf_decompressed(path: Path) -> bytes:
    with pikepdf.open(path) as pdf:
        out = BytesIO()
        pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
        return out.getvalue()


def pdf_jpegs(path: Path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [obj.read_raw_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                and obj.get("/Subtype") == pikepdf.Name.Image
                and obj.get("/Filter") == pikepdf.Name.DCTDecode]


def test_the_test_pdf_carries_the_names_we_look_for(tmp_path: Path) -> None:
    source = tmp_path / "upload.pdf"
    files.make_pdf(source)
    data = pdf_decompressed(source)
    assert all(any(trace in data for trace in traces(name)) for name in files.IDENTIFYING)
    assert any(GPS in Image.open(BytesIO(jpeg)).getexif() for jpeg in pdf_jpegs(source))


def test_a_scrubbed_pdf_has_no_names_info_or_xmp_and_keeps_its_text(tmp_path: Path) -> None:
    target, removed = scrubbed(tmp_path, "pdf")
    assert_no_identifying(pdf_decompressed(target), "the PDF")
    with pikepdf.open(target) as pdf:
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
        assert not any(isinstance(obj, pikepdf.Dictionary | pikepdf.Stream)
                       and ("/Metadata" in obj or "/PieceInfo" in obj) for obj in pdf.objects)
    text = pypdfium2.PdfDocument(target)[0].get_textpage().get_text_range()
    assert files.SENTENCE in " ".join(text.split())
    assert removed[0].startswith("PDF document info: ") and "Author" in removed[0]


def test_photos_inside_a_pdf_lose_exif_and_gps(tmp_path: Path) -> None:
    target, removed = scrubbed(tmp_path, "pdf")
    jpegs = pdf_jpegs(target)
    assert jpegs
    for jpeg in jpegs:
        assert_clean_image(jpeg, "the PDF's photo")
    assert "Image metadata (EXIF, GPS, XMP, comments): 1 image" in removed


def test_a_pdf_annotation_keeps_its_note_but_not_its_author(tmp_path: Path) -> None:
    target, removed = scrubbed(tmp_path, "pdf")
    with pikepdf.open(target) as pdf:
        (note,) = pdf.pages[0].Annots
        assert str(note.Contents) == "Check the names" and "/T" not in note
    assert "PDF annotation authors and dates: 1" in removed


# DOCX, ODT, EPUB


@pytest.mark.parametrize("format", ["docx", "odt", "epub"])
def test_the_test_archives_carry_the_names_and_gps_we_look_for(tmp_path: Path,
                                                               format: str) -> None:
    source = tmp_path / f"upload.{format}"
    getattr(files, f"make_{format}")(source)
    entries = dict(zip_entries(source))
    everything = b"".join(entries.values())
    assert all(name.encode() in everything for name in files.IDENTIFYING[:3])
    assert any(GPS in Image.open(BytesIO(data)).getexif() for data in entries.values()
               if data.startswith(b"\xff\xd8\xff"))


def test_a_scrubbed_docx_has_no_names_anywhere(tmp_path: Path) -> None:
    target, removed = scrubbed(tmp_path, "docx")
    assert assert_clean_zip(target) == 3  # two pictures and the template's thumbnail
    names = dict(zip_entries(target))
    assert "docProps/custom.xml" not in names and "word/people.xml" not in names
    assert b"custom.xml" not in names["[Content_Types].xml"] + names["_rels/.rels"]
    assert b"w:rsid" not in names["word/document.xml"] + names["word/settings.xml"]
    assert any(line.startswith("DOCX document properties: ") and "lastModifiedBy" in line
               for line in removed)


def test_a_scrubbed_docx_opens_with_its_text_comments_and_tracked_changes(tmp_path: Path) -> None:
    import docx

    target, _removed = scrubbed(tmp_path, "docx")
    document = docx.Document(str(target))
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert files.SENTENCE in body and files.INSERTED in document.element.body.xml
    (comment,) = document.comments
    assert comment.text == "Check the names" and comment.author == "Author"
    assert not comment.initials
    assert document.core_properties.author == "" and len(document.inline_shapes) == 2


def test_every_relationship_left_in_a_docx_points_at_a_part_that_exists(tmp_path: Path) -> None:
    target, _removed = scrubbed(tmp_path, "docx")
    assert_relationships_exist(dict(zip_entries(target)))


def assert_relationships_exist(names: dict[str, bytes]) -> None:
    for name, data in names.items():
        if name.endswith(".rels"):
            base = name.split("_rels/")[0]
            for target_name in _internal_targets(data):
                part = target_name.lstrip("/") if target_name.startswith("/") else \
                    posixpath.normpath(base + target_name)
                assert part in names, (name, target_name)


def _internal_targets(rels: bytes) -> list[str]:
    import defusedxml.ElementTree as ET

    ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    return [rel.get("Target", "") for rel in ET.fromstring(rels).iter(ns + "Relationship")
            if rel.get("TargetMode") != "External"]


def test_scrubbing_the_same_file_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    source = tmp_path / "upload.docx"
    files.make_docx(source)
    scrub(source, "docx", tmp_path / "one.docx", Limits())
    scrub(source, "docx", tmp_path / "two.docx", Limits())
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()


# ODT


def test_a_scrubbed_odt_has_no_names_and_keeps_mimetype_first_and_stored(tmp_path: Path) -> None:
    target, removed = scrubbed(tmp_path, "odt")
    assert assert_clean_zip(target) == 1
    with zipfile.ZipFile(target) as archive:
        first = archive.infolist()[0]
        meta = archive.read("meta.xml")
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert b"<office:meta/>" in meta
    assert any("initial-creator" in line for line in removed)


def test_a_scrubbed_odt_opens_with_its_text_and_annotation(tmp_path: Path) -> None:
    from odf import office, teletype, text
    from odf.opendocument import load

    target, _removed = scrubbed(tmp_path, "odt")
    document = load(str(target))
    body = "\n".join(teletype.extractText(p) for p in document.getElementsByType(text.P))
    assert files.SENTENCE in body and files.INSERTED in body
    assert len(document.getElementsByType(office.Annotation)) == 1


# EPUB


def test_a_scrubbed_epub_keeps_its_public_record_and_text_but_no_names(tmp_path: Path) -> None:
    from ebooklib import ITEM_DOCUMENT, epub

    target, removed = scrubbed(tmp_path, "epub")
    assert assert_clean_zip(target) == 1
    book = epub.read_epub(str(target), {"ignore_ncx": True})
    assert book.get_metadata("DC", "title")[0][0] == "Collective protection"
    assert book.get_metadata("DC", "creator")[0][0] == files.PUBLISHER
    assert book.get_metadata("DC", "identifier") and not book.get_metadata("DC", "contributor")
    pages = b"".join(item.get_content() for item in book.get_items_of_type(ITEM_DOCUMENT))
    assert files.SENTENCE.encode() in pages
    with zipfile.ZipFile(target) as archive:
        assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
    assert "EPUB package metadata: contributor, meta" in removed


# HTML, Markdown, text


def test_html_loses_identifying_meta_and_comments_but_not_its_charset(tmp_path: Path) -> None:
    target, removed = scrubbed(tmp_path, "html")
    html = target.read_bytes()
    assert_no_identifying(html, "the HTML")
    assert b'<meta charset="utf-8">' in html and b'name="viewport"' in html
    assert b"<script" not in html and files.SENTENCE.encode() in html
    assert removed == ["HTML metadata: article:author, author, comments, generator",
                       "HTML scripts and remote content: scripts"]


@pytest.mark.parametrize("format", ["markdown", "text"])
def test_markdown_and_text_are_copied_as_they_are(tmp_path: Path, format: str) -> None:
    source = tmp_path / "upload"
    source.write_text("# Notes\n\nBy Ana Defensora.\n")
    assert scrub(source, format, tmp_path / "copy", Limits()) == []
    assert (tmp_path / "copy").read_bytes() == source.read_bytes()


# Images


def test_a_jpeg_keeps_its_orientation_and_loses_everything_else() -> None:
    clean = clean_jpeg(files.jpeg_with_gps())
    with Image.open(BytesIO(clean)) as image:
        assert dict(image.getexif()) == {ORIENTATION: 6}
        image.load()
    assert_no_identifying(clean, "the JPEG")
    assert clean.endswith(b"\xff\xd9")  # what hid after the end is gone


def test_a_png_loses_its_text_chunks_and_still_decodes() -> None:
    clean = clean_image(files.png_with_text())
    assert_no_identifying(clean, "the PNG")
    with Image.open(BytesIO(clean)) as image:
        image.load()
        assert image.size == (32, 32)


@pytest.mark.parametrize("options", [{"format": "JPEG", "progressive": True},
                                     {"format": "WEBP"}], ids=["progressive-jpeg", "webp"])
def test_progressive_jpegs_and_webp_lose_exif_and_xmp(options: dict[str, object]) -> None:
    exif = Image.open(BytesIO(files.jpeg_with_gps())).getexif()
    out = BytesIO()
    Image.new("RGB", (40, 30), "navy").save(out, exif=exif, xmp=files.XMP.encode(), **options)
    assert files.IDENTIFYING[0].encode() in out.getvalue()
    clean = clean_image(out.getvalue())
    assert_no_identifying(clean, "the image")
    with Image.open(BytesIO(clean)) as image:
        image.load()
        assert GPS not in image.getexif() and image.size == (40, 30)


# Refusals


def assert_nothing_left(tmp_path: Path, *kept: str) -> None:
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(kept)


def test_a_damaged_pdf_is_refused_and_leaves_no_copy(tmp_path: Path) -> None:
    source = tmp_path / "upload.pdf"
    source.write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Cat" + b"\x00garbage" * 50)
    with pytest.raises(Refused) as refusal:
        scrub(source, "pdf", tmp_path / "clean.pdf", Limits())
    assert refusal.value.code == "damaged" and "damaged or incomplete" in str(refusal.value)
    assert str(tmp_path) not in str(refusal.value)  # the sender never sees our paths
    assert_nothing_left(tmp_path, "upload.pdf")


def test_a_docx_with_a_broken_picture_is_refused_rather_than_published_unclean(
        tmp_path: Path) -> None:
    source = tmp_path / "upload.docx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("word/media/image1.jpeg", files.jpeg_with_gps()[:30])
    with pytest.raises(Refused) as refusal:
        scrub(source, "docx", tmp_path / "clean.docx", Limits())
    assert refusal.value.code == "damaged" and "JPEG image is cut short" in str(refusal.value)
    assert_nothing_left(tmp_path, "upload.docx")


def test_a_cut_short_docx_is_refused_and_leaves_no_copy(tmp_path: Path) -> None:
    source = tmp_path / "upload.docx"
    files.make_docx(source)
    source.write_bytes(source.read_bytes()[:4000])
    with pytest.raises(Refused) as refusal:
        scrub(source, "docx", tmp_path / "clean.docx", Limits())
    assert refusal.value.code == "damaged"
    assert_nothing_left(tmp_path, "upload.docx")


def test_xml_that_declares_entities_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "upload.docx"
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="urn:x">&b;</w:document>')
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", bomb)
    with pytest.raises(Refused) as refusal:
        scrub(source, "docx", tmp_path / "clean.docx", Limits())
    assert refusal.value.code == "xml" and "entities" in str(refusal.value)  # as extraction
    assert_nothing_left(tmp_path, "upload.docx")


def test_an_archive_larger_unpacked_than_the_limits_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "upload.odt"
    files.make_odt(source)
    with pytest.raises(Refused) as refusal:
        scrub(source, "odt", tmp_path / "clean.odt", Limits(max_unpacked=1000))
    assert refusal.value.code == "bomb"
    assert_nothing_left(tmp_path, "upload.odt")


# Review fixes: what hid in attachments, embedded files, DTDs, other OPFs and other images


def test_a_docx_embedded_workbook_is_cleaned_and_ole_objects_and_custom_xml_go(
        tmp_path: Path) -> None:
    import docx

    source, target = tmp_path / "upload.docx", tmp_path / "clean.docx"
    files.make_docx_with_embeddings(source)
    removed = scrub(source, "docx", target, Limits())
    names = dict(zip_entries(target))
    assert_clean_zip(target)
    assert not [name for name in names if name.startswith("customXml/")]
    assert "word/embeddings/oleObject1.bin" not in names
    assert b"customXml" not in names["[Content_Types].xml"] + names[
        "word/_rels/document.xml.rels"]
    workbook = tmp_path / "chart.xlsx"
    workbook.write_bytes(names["word/embeddings/Microsoft_Excel_Worksheet.xlsx"])
    inner = dict(zip_entries(workbook))
    assert_clean_zip(workbook)
    assert "docProps/custom.xml" not in inner and "xl/embeddings/oleObject1.bin" not in inner
    assert b"custom.xml" not in inner["_rels/.rels"] + inner["[Content_Types].xml"]
    assert_relationships_exist(names)
    assert_relationships_exist(inner)
    assert len(docx.Document(str(target)).inline_shapes) == 2
    assert "Embedded objects we cannot clean, left out: word/embeddings/oleObject1.bin, " \
           "xl/embeddings/oleObject1.bin" in removed
    assert any(line.startswith("DOCX custom XML parts") for line in removed)


def test_an_odt_loses_an_ole_object_and_its_manifest_entry(tmp_path: Path) -> None:
    from odf.opendocument import load

    source, target = tmp_path / "upload.odt", tmp_path / "clean.odt"
    files.make_odt_with_ole(source)
    removed = scrub(source, "odt", target, Limits())
    names = dict(zip_entries(target))
    assert_clean_zip(target)
    assert "Object 2" not in names and b'"Object 2"' not in names["META-INF/manifest.xml"]
    assert "Embedded objects we cannot clean, left out: Object 2" in removed
    load(str(target))


def test_pdf_attachments_go_with_their_names_and_content(tmp_path: Path) -> None:
    source, target = tmp_path / "upload.pdf", tmp_path / "clean.pdf"
    files.make_pdf(source)
    path = "C:/Users/ana.defensora/informe.docx"
    secret = b"Informe de Ana Defensora"
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        spec = pikepdf.AttachedFileSpec(pdf, secret, filename=path, description=path)
        pdf.attachments[path] = spec
        note = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment,
            Rect=[0, 0, 10, 10], FS=spec.obj))
        pdf.pages[0].Annots.append(note)
        pdf.Root.AF = pikepdf.Array([spec.obj])
        pdf.save(source)
    assert b"ana.defensora" in pdf_decompressed(source)
    removed = scrub(source, "pdf", target, Limits())
    data = pdf_decompressed(target)
    assert_no_identifying(data, "the PDF")
    for trace in traces("ana.defensora") + traces("informe.docx") + [secret]:
        assert trace not in data
    with pikepdf.open(target) as pdf:
        assert not pdf.attachments and "/AF" not in pdf.Root
        assert [str(a.Subtype) for a in pdf.pages[0].Annots] == ["/Text"]
    assert any("attached files" in line for line in removed)


@pytest.mark.parametrize("token", [b'<meta "', b"<script ", b"<!--", b"<meta '", b"<style "])
def test_html_full_of_unclosed_tokens_is_cleaned_in_linear_time(tmp_path: Path,
                                                                token: bytes) -> None:
    import time

    source, target = tmp_path / "upload.html", tmp_path / "clean.html"
    source.write_bytes(b'<html><meta name="author" content="Ana Defensora">' + token * 200_000)
    started = time.monotonic()
    scrub(source, "html", target, Limits())
    assert time.monotonic() - started < 5
    assert b'<meta name="author"' not in target.read_bytes()


@pytest.mark.parametrize("part", ["word/settings.xml", "[Content_Types].xml"])
def test_a_docx_declaring_a_document_type_is_refused(tmp_path: Path, part: str) -> None:
    source = tmp_path / "upload.docx"
    files.make_docx(source)
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    declaration, _sep, rest = parts[part].partition(b"?>")
    parts[part] = declaration + b'?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">' + rest
    files._zip(parts, source)
    with pytest.raises(Refused) as refusal:
        scrub(source, "docx", tmp_path / "clean.docx", Limits())
    assert refusal.value.code == "xml" and "document type" in str(refusal.value)
    assert_nothing_left(tmp_path, "upload.docx")


def test_an_epub_opf_with_a_doctype_is_still_cleaned(tmp_path: Path) -> None:
    source, target = tmp_path / "upload.epub", tmp_path / "clean.epub"
    files.make_epub(source)
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    opf = next(name for name in parts if name.endswith(".opf"))
    declaration, _sep, rest = parts[opf].partition(b"?>")
    parts[opf] = declaration + b"?><!DOCTYPE package>" + rest
    files._zip(parts, source)
    scrub(source, "epub", target, Limits())
    assert_clean_zip(target)


def test_the_epub_package_the_extractor_reads_is_the_one_cleaned(tmp_path: Path) -> None:
    source, target = tmp_path / "upload.epub", tmp_path / "clean.epub"
    files.make_epub(source)
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    opf = next(name for name in parts if name.endswith(".opf"))
    real = parts.pop(opf)
    parts["EPUB/package"] = real  # not named .opf: found only through container.xml
    parts["META-INF/container.xml"] = (
        b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
        b'opendocument:xmlns:container"><rootfile full-path="decoy.xml"/><rootfiles>'
        b'<rootfile full-path="EPUB/package" media-type="application/oebps-package+xml"/>'
        b"</rootfiles></container>")
    files._zip(parts, source)
    scrub(source, "epub", target, Limits())
    assert_clean_zip(target)


@pytest.mark.parametrize("format", ["TIFF", "GIF"])
def test_tiff_and_gif_pictures_are_written_again_without_metadata(format: str) -> None:
    exif = Image.open(BytesIO(files.jpeg_with_gps())).getexif()
    del exif[ORIENTATION]
    extra = {"exif": exif} if format == "TIFF" else {"comment": files.IDENTIFYING[0].encode()}
    frames = [Image.new("RGB", (20, 10), colour) for colour in ("red", "blue")]
    out = BytesIO()
    frames[0].save(out, format, save_all=True, append_images=frames[1:],
                   xmp=files.XMP.encode(), **extra)
    assert files.IDENTIFYING[0].encode() in out.getvalue()
    clean = clean_image(out.getvalue())
    assert_no_identifying(clean, f"the {format}")
    with Image.open(BytesIO(clean)) as image:
        assert image.n_frames == 2 and image.size == (20, 10)
    assert_clean_image(clean, f"the {format}")


def test_a_docx_with_a_heic_photo_is_refused_rather_than_published_unclean(
        tmp_path: Path) -> None:
    source = tmp_path / "upload.docx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("word/media/image1.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic")
    with pytest.raises(Refused) as refusal:
        scrub(source, "docx", tmp_path / "clean.docx", Limits())
    assert refusal.value.code == "image" and "HEIC" in str(refusal.value)
    assert_nothing_left(tmp_path, "upload.docx")
