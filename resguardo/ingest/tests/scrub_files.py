"""Real documents full of identifying metadata, written from the seed texts for scrub tests.

Each writer library puts in what it can; what it cannot (tracked changes, people, custom
properties, a template path, page-level XMP) is injected into the file afterwards.
"""

import zipfile
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pikepdf
from PIL import Image, PngImagePlugin

SEED = Path(__file__).resolve().parents[2] / "seeds" / "001-pi-collective-approach.txt"
# Names and traces that must not survive scrubbing, in any encoding.
IDENTIFYING = ["Ana Defensora", "Colectivo X", "Beto Revisor", "Users/anadefensora"]
SENTENCE = "Human rights defenders (HRDs) do not usually work alone"
PUBLISHER = "Protection International"  # an EPUB's own creator: public, kept
XMP = f"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:creator><rdf:Seq><rdf:li>{IDENTIFYING[0]}</rdf:li></rdf:Seq></dc:creator>
<xmp:CreatorTool>{IDENTIFYING[1]} Writer</xmp:CreatorTool>
</rdf:Description></rdf:RDF>"""


def paragraphs(count: int = 3) -> list[str]:
    """The seed's first paragraphs, one line each, in Latin-1 (PDF core fonts)."""
    blocks = SEED.read_text().split("\n\n")
    lines = [" ".join(block.split()) for block in blocks if len(block.split()) > 20]
    return [line.encode("latin-1", "ignore").decode("latin-1") for line in lines[:count]]


def jpeg_with_gps() -> bytes:
    """A photo as a phone writes it: artist, copyright, GPS, a comment, turned sideways."""
    exif = Image.Exif()
    exif[0x013B] = IDENTIFYING[0]  # Artist
    exif[0x8298] = IDENTIFYING[1]  # Copyright
    exif[0x0112] = 6  # Orientation: rotate 90° to display
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (4.0, 35.0, 59.0), 3: "W", 4: (74.0, 4.0, 33.0)})
    out = BytesIO()
    Image.new("RGB", (64, 48), "teal").save(out, "JPEG", exif=exif, quality=90,
                                             comment=IDENTIFYING[2].encode())
    return out.getvalue() + b"hidden after the end: " + IDENTIFYING[0].encode()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", IDENTIFYING[0])
    info.add_itxt("Comment", IDENTIFYING[2], zip=True)
    out = BytesIO()
    Image.new("RGB", (32, 32), "orange").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def make_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_author(IDENTIFYING[0])
    pdf.set_creator(f"{IDENTIFYING[1]} Writer")
    pdf.set_producer(f"{IDENTIFYING[1]} PDF")
    pdf.set_title(f"C:/{IDENTIFYING[3]}/informe.docx")
    pdf.set_subject(IDENTIFYING[2])
    pdf.set_keywords(IDENTIFYING[2])
    pdf.set_creation_date(datetime(2024, 5, 1, 10, 0))
    pdf.set_xmp_metadata(XMP)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for paragraph in paragraphs():
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.image(BytesIO(jpeg_with_gps()), w=30)
    pdf.text_annotation(20, 20, "Check the names", title=IDENTIFYING[2])
    plain = BytesIO(bytes(pdf.output()))
    with pikepdf.open(plain) as doc:  # what fpdf2 does not write: per-page XMP, PieceInfo
        page = doc.pages[0].obj
        page.Metadata = doc.make_stream(XMP.encode())
        page.PieceInfo = pikepdf.Dictionary(Editor=pikepdf.Dictionary(
            Private=pikepdf.String(IDENTIFYING[0]), LastModified=pikepdf.String("D:20240501")))
        doc.docinfo["/Company"] = IDENTIFYING[1] + " ñ"  # not Latin-1 only: written UTF-16
        doc.save(path)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
INSERTED = "Words that Beto inserted."
TRACKED = (f'<w:ins w:id="901" w:author="{IDENTIFYING[2]}" w:date="2024-05-01T10:00:00Z">'
           f'<w:r><w:t>{INSERTED}</w:t></w:r></w:ins></w:p>')
DELETED = (f'<w:del w:id="902" w:author="{IDENTIFYING[0]}" w:date="2024-05-02T10:00:00Z">'
           '<w:r><w:delText>old footer</w:delText></w:r></w:del></w:p>')
CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
          '"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt='
          '"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property '
          'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner">'
          f'<vt:lpwstr>{IDENTIFYING[0]}</vt:lpwstr></property></Properties>')
PEOPLE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:people xmlns:w15='
          '"http://schemas.microsoft.com/office/word/2012/wordml"><w15:person w15:author='
          f'"{IDENTIFYING[2]}"><w15:presenceInfo w15:providerId="None" w15:userId='
          f'"{IDENTIFYING[2]}"/></w15:person></w15:people>')
APP_EXTRA = (f"<Company>{IDENTIFYING[1]}</Company><Manager>{IDENTIFYING[2]}</Manager>"
             "</Properties>")
REL = '<Relationship Id="{id}" Type="http://schemas.{type}" Target="{target}"{mode}/>'


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.author, properties.last_modified_by = IDENTIFYING[0], IDENTIFYING[2]
    properties.comments, properties.keywords = IDENTIFYING[1], IDENTIFYING[2]
    properties.created = datetime(2024, 5, 1, 10, 0)
    document.add_heading("Collective protection", 1)
    for paragraph in paragraphs():
        document.add_paragraph(paragraph)
    document.add_comment(document.paragraphs[1].runs, text="Check the names",
                         author=IDENTIFYING[0], initials="AD")
    document.add_picture(BytesIO(jpeg_with_gps()))
    document.add_picture(BytesIO(png_with_text()))
    document.sections[0].footer.paragraphs[0].text = "Footer"
    plain = BytesIO()
    document.save(plain)
    parts = _unzip(plain)
    _inject_docx(parts)
    _zip(parts, path)


def _inject_docx(parts: dict[str, bytes]) -> None:
    def edit(name: str, old: str, new: str) -> None:
        text = parts[name].decode()
        assert old in text, (name, old)
        parts[name] = text.replace(old, new, 1).encode()

    body = "word/document.xml"
    edit(body, "</w:p>", TRACKED)
    footer = next(name for name in parts if name.startswith("word/footer"))
    edit(footer, "</w:p>", DELETED)
    edit(body, "<w:p>", '<w:p w:rsidR="00AB12CD">')
    edit("docProps/app.xml", "</Properties>", APP_EXTRA)
    parts["docProps/custom.xml"], parts["word/people.xml"] = CUSTOM.encode(), PEOPLE.encode()
    openxml = "openxmlformats.org/officeDocument/2006/relationships/"
    edit("_rels/.rels", "</Relationships>", REL.format(
        id="rId90", type=openxml + "custom-properties", target="docProps/custom.xml",
        mode="") + "</Relationships>")
    edit("word/_rels/document.xml.rels", "</Relationships>", REL.format(
        id="rId91", type="microsoft.com/office/2011/relationships/people",
        target="people.xml", mode="") + "</Relationships>")
    parts["word/_rels/settings.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
        '"http://schemas.openxmlformats.org/package/2006/relationships">' + REL.format(
            id="rId1", type=openxml + "attachedTemplate", mode=' TargetMode="External"',
            target=f"file:///C:/{IDENTIFYING[3]}/Templates/Normal.dotm") + "</Relationships>"
    ).encode()
    edit("word/settings.xml", "<w:zoom", '<w:attachedTemplate r:id="rId1"/><w:zoom')
    edit("[Content_Types].xml", "</Types>",
         '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.'
         'openxmlformats-officedocument.custom-properties+xml"/><Override PartName='
         '"/word/people.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'wordprocessingml.people+xml"/></Types>')


def make_odt(path: Path) -> None:
    from odf import config, dc, meta, office, text
    from odf.namespaces import XMLNS
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.meta.addElement(dc.Creator(text=IDENTIFYING[0]))
    document.meta.addElement(meta.InitialCreator(text=IDENTIFYING[2]))
    document.meta.addElement(meta.UserDefined(name="Company", text=IDENTIFYING[1]))
    document.meta.addElement(meta.CreationDate(text="2024-05-01T10:00:00"))
    info = office.ChangeInfo()
    info.addElement(dc.Creator(text=IDENTIFYING[2]))
    info.addElement(dc.Date(text="2024-05-01T10:00:00"))
    insertion = text.Insertion()
    insertion.addElement(info)
    region = text.ChangedRegion(qattributes={(XMLNS, "id"): "ct1"})
    region.addElement(insertion)
    changes = text.TrackedChanges()
    changes.addElement(region)
    document.text.addElement(changes)
    for number, paragraph in enumerate(paragraphs()):
        block = text.P(text=paragraph)
        if number == 0:
            block.addElement(text.ChangeStart(changeid="ct1"))
            block.addText(INSERTED)
            block.addElement(text.ChangeEnd(changeid="ct1"))
            block.addElement(_annotation())
            block.addElement(_odt_picture(document))
        document.text.addElement(block)
    settings = config.ConfigItemSet(name="ooo:configuration-settings")
    settings.addElement(config.ConfigItem(name="PrinterName", type="string",
                                          text=f"{IDENTIFYING[1]} printer"))
    document.settings.addElement(settings)
    document.save(str(path))


def _annotation() -> object:
    from odf import dc, office, text

    note = office.Annotation()
    note.addElement(dc.Creator(text=IDENTIFYING[0]))
    note.addElement(dc.Date(text="2024-05-02T10:00:00"))
    note.addElement(text.P(text="Check the names"))
    return note


def _odt_picture(document: object) -> object:
    from odf import draw

    href = document.addPictureFromString(jpeg_with_gps(), "image/jpeg")  # type: ignore[attr-defined]
    frame = draw.Frame(width="3cm", height="2cm", anchortype="paragraph")
    frame.addElement(draw.Image(href=href))
    return frame


def make_epub(path: Path) -> None:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("resguardo-test-0001")
    book.set_title("Collective protection")
    book.set_language("en")
    book.add_author(PUBLISHER)
    book.add_metadata("DC", "contributor", IDENTIFYING[0], {"id": "contributor"})
    book.add_metadata(None, "meta", IDENTIFYING[2], {"refines": "#contributor",
                                                     "property": "file-as"})
    book.add_metadata(None, "meta", "", {"name": "generator", "content": IDENTIFYING[1]})
    book.add_item(epub.EpubImage(uid="photo", file_name="images/photo.jpg",
                                 media_type="image/jpeg", content=jpeg_with_gps()))
    chapter = epub.EpubHtml(title="Introduction", file_name="intro.xhtml", lang="en")
    chapter.content = "<h1>Introduction</h1>" + "".join(
        f"<p>{paragraph}</p>" for paragraph in paragraphs()) + '<img src="images/photo.jpg"/>'
    book.add_item(chapter)
    book.toc = [chapter]
    book.spine = ["nav", chapter]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    epub.write_epub(str(path), book)


def make_html(path: Path) -> None:
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs())
    path.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<meta name="author" content="{IDENTIFYING[0]}">
<meta name=generator content='{IDENTIFYING[1]} Writer'>
<meta property="article:author" content="{IDENTIFYING[2]}">
<title>Collective protection</title>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>{IDENTIFYING[0]}</o:Author>
</o:DocumentProperties></xml><![endif]-->
<script>var marker = "<!-- kept in scripts -->";</script>
</head><body>{body}<!-- ask {IDENTIFYING[2]} --></body></html>
""")


def _unzip(data: BytesIO) -> dict[str, bytes]:
    with zipfile.ZipFile(data) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes], path: Path | BytesIO) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PACKAGE_REL = "openxmlformats.org/officeDocument/2006/relationships/"


def embedded_xlsx() -> bytes:
    """A chart's workbook as Word embeds it: its own properties, custom ones, an OLE object."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
        'schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/docProps'
        '/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-'
        'properties+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships">' + REL.format(
            id="rId1", type=PACKAGE_REL + "custom-properties", target="docProps/custom.xml",
            mode="") + "</Relationships>",
        "docProps/core.xml": '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:'
        'cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{IDENTIFYING[0]}'
        "</dc:creator></cp:coreProperties>",
        "docProps/app.xml": f"<Properties><Company>{IDENTIFYING[1]}</Company></Properties>",
        "docProps/custom.xml": CUSTOM,
        "xl/workbook.xml": "<workbook/>",
        "xl/embeddings/oleObject1.bin": OLE_MAGIC.decode("latin-1") + IDENTIFYING[2],
    }
    out = BytesIO()
    _zip({name: text.encode("latin-1") for name, text in parts.items()}, out)
    return out.getvalue()


def make_docx_with_embeddings(path: Path) -> None:
    """make_docx's document, with a chart workbook, an OLE object and SharePoint's customXml."""
    make_docx(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/embeddings/Microsoft_Excel_Worksheet.xlsx"] = embedded_xlsx()
    parts["word/embeddings/oleObject1.bin"] = OLE_MAGIC + IDENTIFYING[0].encode("utf-16-le")
    parts["customXml/item1.xml"] = (f"<p:properties xmlns:p='urn:x'><Owner>{IDENTIFYING[0]}"
                                    "</Owner></p:properties>").encode()
    parts["customXml/itemProps1.xml"] = b"<ds:datastoreItem xmlns:ds='urn:y' ds:itemID='{1}'/>"
    parts["customXml/_rels/item1.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships">' + REL.format(
            id="rId1", type=PACKAGE_REL + "customXmlProps", target="itemProps1.xml", mode="")
        + "</Relationships>").encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>", "".join(REL.format(
        id=f"rId9{n}", type=PACKAGE_REL + kind, target=target, mode="") for n, (kind, target)
        in enumerate([("package", "embeddings/Microsoft_Excel_Worksheet.xlsx"),
                      ("oleObject", "embeddings/oleObject1.bin"),
                      ("customXml", "../customXml/item1.xml")])) + "</Relationships>")
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode().replace("</Types>", (
        '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument'
        '.spreadsheetml.sheet"/><Default Extension="bin" ContentType="application/vnd.'
        'openxmlformats-officedocument.oleObject"/><Override PartName="/customXml/'
        'itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'customXmlProperties+xml"/></Types>'))
    parts["[Content_Types].xml"] = types.encode()
    _zip(parts, path)


def make_odt_with_ole(path: Path) -> None:
    """make_odt's document with an OLE object (as LibreOffice keeps one it cannot convert)."""
    make_odt(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["Object 2"] = OLE_MAGIC + IDENTIFYING[0].encode("utf-16-le")
    parts["META-INF/manifest.xml"] = parts["META-INF/manifest.xml"].replace(
        b"</manifest:manifest>", b'<manifest:file-entry manifest:full-path="Object 2" '
        b'manifest:media-type="application/vnd.sun.star.oleobject"/></manifest:manifest>')
    _zip(parts, path)
