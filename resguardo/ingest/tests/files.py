"""Real files of every format, written by the libraries people's tools use, from the seed
texts; and hostile files, written by hand, each kept to a few kilobytes (a megabyte for the
zip bomb). Every factory writes to the path it is given and returns it."""

import datetime
import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

Factory = Callable[[Path], Path]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TITLE = "Collective protection of human rights defenders"
AUTHOR = "Protection International"


@cache
def seed_paragraphs() -> tuple[str, ...]:
    """The seed texts' paragraphs, each on one line, long enough to be prose."""
    found = []
    for seed in sorted(SEEDS.glob("*.txt")):
        for chunk in re.split(r"\n\s*\n", seed.read_text()):
            text = " ".join(chunk.split())
            if len(text) >= 200 and not text.startswith(("-", "•")):
                found.append(text[:900])
    return tuple(found)


def paragraphs(count: int, start: int = 0) -> list[str]:
    found = seed_paragraphs()
    return [found[(start + i) % len(found)] for i in range(count)]


def _latin1(text: str) -> str:
    """PDF core fonts know Latin-1 only."""
    text = text.translate(str.maketrans("‘’“”–—•…", "''\"\"--*."))
    return text.encode("latin-1", "replace").decode("latin-1")


# -- documents ------------------------------------------------------------------------------

def pdf(path: Path, pages: int = 3, *, title: str = TITLE, author: str = AUTHOR,
        per_page: int = 2) -> Path:
    """A PDF of `pages` pages: a heading in 18 pt and a subheading in 14 pt on each, then
    seed paragraphs in 11 pt; title and author in its document info."""
    from fpdf import FPDF

    doc = FPDF(format="A4")
    doc.set_title(title)
    doc.set_author(author)
    doc.set_creation_date(datetime.datetime(2021, 3, 4, 12, 0, tzinfo=datetime.UTC))
    doc.set_auto_page_break(False)
    for number in range(pages):
        doc.add_page()
        doc.set_font("Helvetica", "B", 18)
        doc.multi_cell(0, 10, f"Chapter {number + 1}: protecting together",
                       new_x="LMARGIN", new_y="NEXT")
        doc.set_font("Helvetica", "B", 14)
        doc.multi_cell(0, 9, "Why communities act as one", new_x="LMARGIN", new_y="NEXT")
        doc.set_font("Helvetica", size=11)
        for text in paragraphs(per_page, start=number * per_page):
            doc.multi_cell(0, 5.5, _latin1(text[:700]), new_x="LMARGIN", new_y="NEXT")
            doc.ln(4)
    doc.output(str(path))
    return path


def pdf_with_initials(path: Path) -> Path:
    """Words whose first letter is set on its own, as 001's layout set them: an initial a
    little lower than its word ("a" of "always") and a drop cap ("H" of "Human"), each of
    which PDFium reads as a line of its own; between them, lines that only follow each
    other."""
    from fpdf import FPDF

    doc = FPDF(format="A4")
    doc.add_page()
    doc.set_font("Helvetica", size=11)
    start = "We should not forget that protection, be it individual or collective, is "
    doc.text(20, 50, start)
    x = 20 + doc.get_string_width(start)
    doc.text(x, 51.2, "a")
    doc.text(x + doc.get_string_width("a"), 50, "lways")
    doc.text(20, 56, "relational, as the protection of one defender depends on a lot")
    doc.text(20, 62, "of other people.")
    doc.set_font("Helvetica", size=28)
    doc.text(20, 80, "H")
    cap = doc.get_string_width("H")
    doc.set_font("Helvetica", size=11)
    doc.text(20 + cap, 74, "uman rights defenders do not usually work alone, but in")
    doc.text(20 + cap, 79, "groups and communities.")
    doc.output(str(path))
    return path


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages that are only an image, as a scanner makes them: no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    doc = FPDF(format="A4")
    for _ in range(pages):
        image = Image.new("L", (300, 420), 255)
        ImageDraw.Draw(image).rectangle((30, 40, 270, 60), fill=0)
        doc.add_page()
        doc.image(image, x=0, y=0, w=210)
    doc.output(str(path))
    return path


def docx(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.core_properties.title = TITLE
    doc.core_properties.author = AUTHOR
    doc.core_properties.created = datetime.datetime(2022, 5, 6, 7, 8, 9)
    doc.add_heading("Collective protection", level=1)
    first, second, third = paragraphs(3)
    doc.add_paragraph(first)
    doc.add_heading("What communities do", level=2)
    doc.add_paragraph(second)
    for item in ("Map the risks together", "Agree on alerts", "Keep a network of allies"):
        doc.add_paragraph(item, style="List Bullet")
    for item in ("Meet", "Decide"):
        doc.add_paragraph(item, style="List Number")
    table = doc.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Risk", "Measure"), ("Threats", "Alerts")),
                          strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    doc.add_paragraph(third)
    doc.save(str(path))
    return path


def odt(path: Path) -> Path:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P

    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=TITLE))
    doc.meta.addElement(meta.InitialCreator(text=AUTHOR))
    doc.meta.addElement(meta.CreationDate(text="2020-01-02T03:04:05"))
    bullets = ListStyle(name="Bullets")
    level = ListLevelStyleBullet(level=1, bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore="0.25in", minlabelwidth="0.25in"))
    bullets.addElement(level)
    doc.automaticstyles.addElement(bullets)
    first, second = paragraphs(2)
    doc.text.addElement(H(outlinelevel=1, text="Collective protection"))
    doc.text.addElement(P(text=first))
    doc.text.addElement(H(outlinelevel=2, text="What communities do"))
    items = List(stylename=bullets)
    for text in ("Map the risks together", "Agree on alerts"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    doc.text.addElement(items)
    table = Table(name="Measures")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for cells in (("Risk", "Measure"), ("Threats", "Alerts")):
        row = TableRow()
        for text in cells:
            cell = TableCell()
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    doc.text.addElement(P(text=second))
    doc.save(str(path))
    return path


def epub(path: Path) -> Path:
    from ebooklib import epub as ebook

    book = ebook.EpubBook()
    book.set_identifier("resguardo-test")
    book.set_title(TITLE)
    book.set_language("en")
    book.add_author(AUTHOR)
    book.add_metadata("DC", "date", "2019-09-10")
    chapters = []
    for number, (heading, texts) in enumerate(
            (("Collective protection", paragraphs(2)), ("What communities do", paragraphs(2, 5))),
            start=1):
        chapter = ebook.EpubHtml(title=heading, file_name=f"chapter{number}.xhtml", lang="en")
        body = "".join(f"<p>{text}</p>" for text in texts)
        chapter.content = (f"<h1>{heading}</h1>{body}<ul><li>Item {number} one</li>"
                           f"<li>Item {number} two</li></ul>")
        book.add_item(chapter)
        chapters.append(chapter)
    book.toc = chapters
    book.add_item(ebook.EpubNcx())
    book.add_item(ebook.EpubNav())
    book.spine = ["nav", *chapters]
    ebook.write_epub(str(path), book)
    return path


def html(path: Path) -> Path:
    first, second = paragraphs(2)
    path.write_text(
        "\ufeff<!-- saved from a browser -->\n<!DOCTYPE html>\n<html lang=\"en\"><head>"
        f"<title>{TITLE}</title><meta name=\"author\" content=\"{AUTHOR}\">"
        "<style>p { color: red }</style><script>var hidden = 'never shown';</script></head>"
        "<body><nav><a href=\"/\">Home</a> <a href=\"/menu\">Menu</a></nav>"
        "<h1>Collective protection</h1>"
        f"<p>{first}</p><h2>What  communities\n do</h2>"
        "<ul><li>Map the risks &amp; threats</li><li>Agree on alerts<li>Keep allies</ul>"
        "<ol><li>Meet</li><li>Decide</li></ol>"
        "<table><tr><th>Risk</th><th>Measure</th></tr><tr><td>Threats</td><td>Alerts</td></tr>"
        f"</table><p>{second}<br>Second line.</p></body></html>", encoding="utf-8")
    return path


def markdown(path: Path) -> Path:
    first, second = paragraphs(2)
    path.write_text(f"# {TITLE}\n\n{first}\n\n## What communities do\n\n"
                    f"- Map the risks together\n- Agree on [alerts](https://example.org/)\n\n"
                    f"{second}\n", encoding="utf-8")
    return path


def text(path: Path) -> Path:
    path.write_text("\n\n".join(paragraphs(3)) + "\n", encoding="utf-8")
    return path


# -- hostile files --------------------------------------------------------------------------

def raw_pdf(objects: dict[int, bytes], *, trailer: bytes = b"", tail: bytes | None = None,
            root: int = 1) -> bytes:
    """A PDF assembled from object bodies, with a correct cross-reference table (unless
    `tail` replaces everything after the objects)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    if tail is not None:
        return out.getvalue() + tail
    start, size = out.tell(), max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets.get(number, 0))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n"
              % (size, root, trailer, start))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = _stream(b"BT /F1 12 Tf 72 720 Td (Hello from a hostile file) Tj ET")
_PAGE = b"/MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >>"


def truncated_pdf(path: Path, keep: float = 0.6) -> Path:
    whole = pdf(path, pages=3).read_bytes()
    path.write_bytes(whole[: int(len(whole) * keep)])
    return path


def pdf_kids_cycle(path: Path) -> Path:
    """The page tree lists itself among its own kids."""
    path.write_bytes(raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 3 >>",
        3: b"<< /Type /Page /Parent 2 0 R " + _PAGE + b" >>",
        4: _TEXT, 5: _FONT}))
    return path


def pdf_parent_cycle(path: Path) -> Path:
    """A page whose inherited attributes must be looked up through parents that are each
    other's parent."""
    path.write_bytes(raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 6 0 R >>",
        3: b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        4: _TEXT, 5: _FONT,
        6: b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"}))
    return path


def pdf_xobject_cycle(path: Path) -> Path:
    """A form that draws itself."""
    path.write_bytes(raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >> >>",
        4: _stream(b"/X Do"), 5: _FONT,
        6: _stream(b"BT /F1 12 Tf 72 720 Td (again) Tj ET /X Do",
                   b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                   b"/Resources << /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >>")}))
    return path


def pdf_prev_cycle(path: Path) -> Path:
    """Two cross-reference sections, each naming the other as the one before it."""
    body = raw_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    3: b"<< /Type /Page /Parent 2 0 R " + _PAGE + b" >>",
                    4: _TEXT, 5: _FONT}, tail=b"")
    offsets = [m.start() for m in re.finditer(rb"\d+ 0 obj", body)]
    table = b"0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    first = len(body)
    section = b"xref\n" + table + b"trailer\n<< /Size 6 /Root 1 0 R /Prev %010d >>\n"
    second = first + len(section)
    out = body + section % second + section % first
    path.write_bytes(out + b"startxref\n%d\n%%%%EOF\n" % second)
    return path


def pdf_deep_nesting(path: Path, depth: int = 100_000) -> Path:
    """Arrays nested `depth` deep where a page's contents go, and in the document
    information a reader of metadata parses (400 KB on disk)."""
    arrays = b"[" * depth + b"]" * depth
    dicts = b"<< /Title (Deep) /A " + arrays + b" >>"
    path.write_bytes(raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        5: _FONT, 6: arrays, 7: dicts}, trailer=b"/Info 7 0 R"))
    return path


def raw_zip(path: Path, entries: list[tuple[str, bytes, int, int, int]],
            flags: int = 0) -> Path:
    """A ZIP written by hand from (name, stored bytes, method, crc, declared size): the
    headers say whatever the test wants them to."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, method, crc, size in entries:
        offset, encoded = out.tell(), name.encode()
        fields = (20, flags, method, 0, 0x21, crc, len(data), size, len(encoded))
        out.write(b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields, 0) + encoded + data)
        central.write(b"PK\x01\x02" + struct.pack("<HHHHHHIIIHHHHHII", 20, *fields, 0, 0, 0,
                                                  0, 0, offset) + encoded)
    start, directory = out.tell(), central.getvalue()
    out.write(directory + b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(entries), len(entries), len(directory), start, 0))
    path.write_bytes(out.getvalue())
    return path


def _stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data)


CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/content-types"/>')
W_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with(path: Path, document: bytes) -> Path:
    """The smallest archive we take for a DOCX, around the given word/document.xml."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return path


def docx_zip_bomb(path: Path, gigabytes: int = 1) -> Path:
    """word/document.xml is a gigabyte of zeros, deflated to about a megabyte: each
    megabyte of zeros compresses to the same 1,037 bytes, so the stream is written by
    repeating them instead of compressing a gigabyte."""
    megabyte = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = gigabytes * 1024
    stream = block * count + compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(megabyte, crc)
    return raw_zip(path, [_stored("[Content_Types].xml", CONTENT_TYPES),
                          ("word/document.xml", stream, zipfile.ZIP_DEFLATED, crc,
                           count << 20)])


def docx_lying_sizes(path: Path) -> Path:
    """word/document.xml declares 1,000 bytes (too few to look like a bomb) but its stream
    inflates to 64 MB: a reader that trusts the stream instead of the header runs on."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = compressor.compress(bytes(64 << 20)) + compressor.flush()
    return raw_zip(path, [_stored("[Content_Types].xml", CONTENT_TYPES),
                          ("word/document.xml", stream, zipfile.ZIP_DEFLATED, 0, 1000)])


def docx_external_entity(path: Path) -> Path:
    return docx_with(path, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                           b'"file:///etc/passwd">]><w:document xmlns:w="' + W_NS +
                     b'"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>')


def docx_billion_laughs(path: Path) -> Path:
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10) for n in range(1, 10))
    return docx_with(path, b'<?xml version="1.0"?><!DOCTYPE lolz [' + entities +
                     b']><w:document xmlns:w="' + W_NS + b'"><w:body><w:p><w:r><w:t>&lol9;'
                     b"</w:t></w:r></w:p></w:body></w:document>")


def docx_deep_nesting(path: Path, depth: int = 100_000) -> Path:
    return docx_with(path, b'<w:document xmlns:w="' + W_NS + b'"><w:body>' +
                     b"<w:sdt><w:sdtContent>" * depth + b"<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
                     + b"</w:sdtContent></w:sdt>" * depth + b"</w:body></w:document>")


def epub_external_entity(path: Path) -> Path:
    container = (b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
                 b'opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" '
                 b'media-type="application/oebps-package+xml"/></rootfiles></container>')
    opf = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           b'<package xmlns="http://www.idpf.org/2007/opf"><metadata><dc:title xmlns:dc="http:'
           b'//purl.org/dc/elements/1.1/">&e;</dc:title></metadata></package>')
    return raw_zip(path, [_stored("mimetype", b"application/epub+zip"),
                          _stored("META-INF/container.xml", container),
                          _stored("content.opf", opf)])


def jpeg_html_polyglot(path: Path) -> Path:
    """A real JPEG whose comment is an HTML page: a browser sniffing it may run the script."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(
        out, "JPEG", comment=b"<html><body><script>alert(document.cookie)</script></body></html>")
    path.write_bytes(out.getvalue() + b"<html><body><h1>Not an image</h1></body></html>")
    return path


def random_bytes(path: Path, size: int = 4096) -> Path:
    path.write_bytes(random.Random(7).randbytes(size))
    return path


def other_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a document")
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path
