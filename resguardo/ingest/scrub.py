"""A copy of a document without the metadata that could identify the people who made it.

Contributors may be at risk, so the copy we publish keeps the content and drops who wrote,
edited, commented or photographed it, with what, where and when. `scrub()` returns what it
removed, in words for the editor log. Choices, and why:

- Titles go with the rest of the document properties (PDF, DOCX, ODT): they are often a
  working file name ("Microsoft Word - informe_ana_v3.docx") and the catalogue carries the
  real title. EPUB keeps dc:title, dc:identifier and dc:language (the format requires them)
  and the book's public record (creator, publisher, date, rights, description, subject):
  a book's creator is the organisation or author publishing it. Contributors, tool names and
  everything else in its metadata go.
- Comments and tracked changes are content an editor may still need, so they stay, but their
  authors become "Author" in Word (what Word's own "remove personal information" writes; the
  attribute is required) and are removed in ODT (optional there), and their dates go
  (a required ODT date becomes 1970-01-01). Word's session and document ids (rsid, docId),
  which would link the copy to the author's own files, go, and so do ODT printer names.
- Images lose EXIF (GPS included), XMP, IPTC and comments without being re-encoded; a JPEG
  keeps its orientation in a fresh, one-tag EXIF so it is not shown sideways.
- HTML loses `<meta>` other than charset, http-equiv and those that shape display or search
  (viewport, description, keywords, robots…) and every comment (Word hides its document
  properties in one). Pictures written into a page (HTML, EPUB) or a Markdown file (`data:`)
  are decoded, cleaned like any other and encoded again (`DataPictures`); one we cannot
  clean goes. Plain text is copied as it is.
- Zips are written again: same entries in the same order (`mimetype` first and stored),
  same bytes inside except what we clean, but no dates, extra fields or comments.

- PDF attached files go whole (names, associated files, attachment annotations). Packages
  embedded in DOCX/ODT (a chart's workbook) are cleaned like the document, one level deep;
  OLE objects and deeper packages are left out with their relationships and logged.
  TIFF and GIF are written again by Pillow; HEIC, AVIF, JPEG 2000 and JPEG XL are refused.

Nothing in the copy may act or fetch when it is opened (see `active.py`): PDF actions and
scripts, HTML rebuilt from an allow-list, EPUB pages' scripts and remote resources, DOCX
relationships to outside files and fields that fetch or run, and ODT macros, event
listeners and remote objects go, each named in the log; a DOCX with macros or ActiveX
controls is refused. In Markdown (`inert_markdown.py`) remote pictures become links, raw
HTML goes through the HTML allow-list, and only the blocks that changed are written again.

Every XML part is parsed with defusedxml (no DTD except in an EPUB package, as in
extraction; no entities, nothing external) and written again
with its prefixes and namespace declarations as they were, because Word refuses a part whose
declarations moved. Names of zip entries are never used as paths.
"""

import base64
import html.entities
import os
import posixpath
import re
import shutil
import tempfile
import urllib.parse
import zipfile
import zlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.sax import SAXException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

import defusedxml.sax
import pikepdf
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

from resguardo.ingest import active, archives, inert_markdown, sniff
from resguardo.ingest.base import FORMATS, Limits, Refused, accepted

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W1X = ("{http://schemas.microsoft.com/office/word/2010/wordml}",
       "{http://schemas.microsoft.com/office/word/2012/wordml}")
W16 = ("{http://schemas.microsoft.com/office/word/2018/wordml/cex}",
       "{http://schemas.microsoft.com/office/word/2023/wordml/word16du}")
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
DC = "{http://purl.org/dc/elements/1.1/}"
OPF = "{http://www.idpf.org/2007/opf}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
OFFICE_URI = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
OFFICE = "{" + OFFICE_URI + "}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
CONFIG = "{urn:oasis:names:tc:opendocument:xmlns:config:1.0}"
XML_NS = "http://www.w3.org/XML/1998/namespace"
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no date at all

Scrubber = Callable[[Path, Path, Limits], list[str]]


class Damaged(ValueError):
    """A structure we cannot walk safely (an image, a zip); becomes Refused("damaged")."""


def scrub(source: Path, format: str, target: Path, limits: Limits) -> list[str]:
    """Write to `target` a copy of `source` without identifying metadata; say what went.

    The copy is written under a temporary name beside `target` and renamed when complete,
    so a refusal or a crash never leaves a partial file at `target`.
    """
    if format not in SCRUBBERS:
        raise Refused(_("We do not take this kind of file. We take: %(formats)s.")
                      % {"formats": accepted()}, "format")
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(handle)
    partial = Path(name)
    try:
        removed = _refusing_damage(SCRUBBERS[format], source, partial, limits)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return removed


def _refusing_damage(scrubber: Scrubber, source: Path, target: Path, limits: Limits) -> list[str]:
    try:
        return scrubber(source, target, limits)
    except DefusedXmlException as error:  # a DTD, an entity or an external reference
        raise Refused(_("This file's XML declares entities or a document type, which "
                        "documents do not need and we never expand."), "xml") from error
    except Damaged as error:
        raise Refused(_("This file seems damaged or incomplete (%(detail)s), so we could not "
                        "remove its metadata safely. Please save or export it again and send "
                        "the new file.") % {"detail": error}, "damaged") from error
    except (pikepdf.PdfError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
            SAXException, ParseError) as error:  # their words name our paths: kept for the log
        raise Refused(_("This file seems damaged or incomplete, so we could not remove its "
                        "metadata safely. Please save or export it again and send the new "
                        "file."), "damaged") from error


# PDF


def scrub_pdf(source: Path, target: Path, limits: Limits) -> list[str]:
    with pikepdf.open(source) as pdf:
        if len(pdf.pages) > limits.max_pages:
            raise Refused(ngettext("This PDF has more than %(pages)d page.",
                                   "This PDF has more than %(pages)d pages.", limits.max_pages)
                          % {"pages": limits.max_pages}, "too-large")
        removed = _pdf_info(pdf)
        counts = {"metadata": 0, "pieces": 0, "annotations": 0, "files": 0, "images": 0}
        counts["files"] = _pdf_attachments(pdf)
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                _pdf_object(obj, counts)
        for page in pdf.pages:  # annotations are often direct objects, not in pdf.objects
            for annotation in page.obj.get("/Annots", []):
                counts["annotations"] += _pdf_annotation(annotation)
        actions = active.pdf_actions(pdf)
        pdf.save(target, deterministic_id=True, fix_metadata_version=False)
    return removed + _pdf_log(counts) + _pdf_actions_log(actions)


def _pdf_actions_log(actions: set[str]) -> list[str]:
    if not actions:
        return []
    return [_("PDF scripts and actions that run, send or open something by themselves: "
              "%(names)s") % {"names": ", ".join(sorted(actions))}]


def _pdf_info(pdf: pikepdf.Pdf) -> list[str]:
    info = pdf.trailer.get("/Info")
    if info is None:
        return []
    keys = [str(key)[1:] for key in info.keys()] if isinstance(info, pikepdf.Dictionary) else []
    del pdf.trailer["/Info"]
    return [_("PDF document info: %(keys)s") % {"keys": ", ".join(keys) or "-"}]


def _pdf_attachments(pdf: pikepdf.Pdf) -> int:
    """Attached files go whole: their names are paths on the sender's computer and their
    content is a document we have not cleaned. Removes the document's list of them
    (/Names/EmbeddedFiles), portfolios, associated files (/AF) and file attachment
    annotations; what no longer refers to them is not written out. Returns how many."""
    count = 0
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/EmbeddedFiles" in names:
        count += len(pdf.attachments)
        del names["/EmbeddedFiles"]
    _pdf_drop_keys(pdf.Root, ["/Collection", "/AF"])
    for page in pdf.pages:
        _pdf_drop_keys(page.obj, ["/AF"])
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = [a for a in annotations if not (
            isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") == pikepdf.Name.FileAttachment)]
        if len(kept) != len(annotations):
            count += len(annotations) - len(kept)
            page.obj.Annots = pikepdf.Array(kept)
    return count


_PDF_DROP = {"/Metadata": "metadata", "/PieceInfo": "pieces", "/LastModified": "pieces",
             "/AF": "files"}


def _pdf_object(obj: pikepdf.Object, counts: dict[str, int]) -> None:
    for key, count in _PDF_DROP.items():
        if key in obj:
            del obj[key]
            counts[count] += 1
    if "/EF" in obj:  # a file specification still reached some other way: no file in it
        counts["files"] += _pdf_drop_keys(obj, ["/EF", "/RF", "/UF", "/Desc", "/DOS", "/Mac",
                                                "/Unix"])
        obj.F = pikepdf.String("")
    if obj.get("/Type") == pikepdf.Name.EmbeddedFile and isinstance(obj, pikepdf.Stream):
        obj.write(b"")  # unreachable now, unless something we do not know points at it
        _pdf_drop_keys(obj, ["/Params", "/Subtype"])
    elif obj.get("/Subtype") == pikepdf.Name.Image and isinstance(obj, pikepdf.Stream):
        counts["images"] += _pdf_jpeg(obj)


def _pdf_annotation(annotation: pikepdf.Object) -> int:
    if not isinstance(annotation, pikepdf.Dictionary):
        return 0
    if annotation.get("/Subtype") == pikepdf.Name.Widget:  # a form field: /T is its name
        return _pdf_drop_keys(annotation, ["/M"])
    popup = annotation.get("/Popup")
    if isinstance(popup, pikepdf.Dictionary):
        _pdf_drop_keys(popup, ["/T", "/M", "/CreationDate"])
    return _pdf_drop_keys(annotation, ["/T", "/M", "/CreationDate"])


def _pdf_drop_keys(obj: pikepdf.Object, keys: list[str]) -> int:
    present = [key for key in keys if key in obj]
    for key in present:
        del obj[key]
    return 1 if present else 0


def _pdf_jpeg(stream: pikepdf.Stream) -> int:
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array) and len(filters) == 1:
        filters = filters[0]
    if filters != pikepdf.Name.DCTDecode:
        return 0
    raw = stream.read_raw_bytes()
    clean = clean_jpeg(raw)
    if clean == raw:
        return 0
    stream.write(clean, filter=pikepdf.Name.DCTDecode)
    return 1


def _pdf_log(counts: dict[str, int]) -> list[str]:
    lines = {
        "metadata": _("PDF XMP metadata streams: %(n)d"),
        "pieces": _("PDF private application data and edit dates: %(n)d"),
        "annotations": _("PDF annotation authors and dates: %(n)d"),
        # a file may be reached several ways (list, annotation, /AF): no count
        "files": _("PDF attached files, with their names and content"),
    }
    log = [line % {"n": counts[key]} for key, line in lines.items() if counts[key]]
    return log + _images_log(counts["images"])


def _images_log(count: int) -> list[str]:
    if not count:
        return []
    return [ngettext("Image metadata (EXIF, GPS, XMP, comments): %(n)d image",
                     "Image metadata (EXIF, GPS, XMP, comments): %(n)d images", count)
            % {"n": count}]


# Images: metadata blocks dropped without decoding or re-encoding the picture


_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
                b"mif1", b"msf1", b"avif", b"avis"}


def clean_image(data: bytes) -> bytes:
    """`data` without its metadata if it is an image we can clean (JPEG, PNG, WebP; TIFF and
    GIF written again by Pillow); otherwise unchanged. Images whose metadata we cannot
    remove (HEIC, AVIF, JPEG 2000, JPEG XL: phone photos with GPS) are refused."""
    if data.startswith(b"\xff\xd8\xff"):
        return clean_jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _clean_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _clean_webp(data)
    if data.startswith((b"II*\0", b"MM\0*")):
        return _resave(data, "TIFF")
    if data.startswith((b"GIF87a", b"GIF89a")):
        return _resave(data, "GIF")
    kind = "HEIC/AVIF" if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS else \
        "JPEG 2000" if data.startswith(b"\0\0\0\x0cjP  \r\n\x87\n") else \
        "JPEG XL" if data.startswith((b"\xff\x0a", b"\0\0\0\x0cJXL \r\n\x87\n")) else None
    if kind:
        raise Refused(_("This file holds a picture in a format whose metadata (who took it, "
                        "where) we cannot remove (%(kind)s). Please change the picture to JPEG "
                        "or PNG, save the file again and send it.") % {"kind": kind}, "image")
    return data


def _resave(data: bytes, format: str) -> bytes:
    """TIFF and GIF decoded and written again with only what draws them: no EXIF, GPS, XMP,
    IPTC, Photoshop data or comments (Pillow copies some of these from the image it read,
    so each frame is copied into a new image first)."""
    try:
        with Image.open(BytesIO(data)) as image:
            frames, durations = [], []
            for number in range(getattr(image, "n_frames", 1)):
                image.seek(number)
                durations.append(image.info.get("duration", 0))
                frame = image.copy()
                frame.info = {key: image.info[key] for key in
                              ("transparency", "dpi", "icc_profile") if key in image.info}
                frames.append(frame)
            loop = image.info.get("loop")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise Damaged(_("a %(format)s image cannot be read") % {"format": format}) from error
    out = BytesIO()
    options: dict[str, object] = {"save_all": len(frames) > 1, "append_images": frames[1:]}
    if format == "GIF" and len(frames) > 1:
        options.update(duration=durations, loop=loop or 0)
    frames[0].save(out, format, **options)
    return out.getvalue()


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker == 0xE0:
        return payload.startswith(b"JFIF\0")
    if marker == 0xE2:
        return payload.startswith(b"ICC_PROFILE\0")  # colours; MPF (more pictures) goes
    if marker == 0xEE:
        return payload.startswith(b"Adobe")  # how to read CMYK
    return not (0xE1 <= marker <= 0xEF or marker == 0xFE)  # APPn: EXIF, XMP, IPTC; COM


def clean_jpeg(data: bytes) -> bytes:
    kept, pos = [b"\xff\xd8"], 2
    while pos + 1 < len(data):
        if data[pos] != 0xFF:
            raise Damaged(_("a JPEG image has a broken structure"))
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            break  # end of image: whatever follows (hidden pictures, data) goes
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            kept.append(data[pos:pos + 2])
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        if length < 2 or pos + 2 + length > len(data):
            raise Damaged(_("a JPEG image is cut short"))
        end = pos + 2 + length
        if _keep_jpeg_segment(marker, data[pos + 4:end]):
            kept.append(data[pos:end])
        pos = _scan_end(data, end) if marker == 0xDA else end
        if marker == 0xDA:
            kept.append(data[end:pos])
    kept.append(b"\xff\xd9")
    return _with_orientation(b"".join(kept), _orientation(data))


def _scan_end(data: bytes, pos: int) -> int:
    """Where the compressed data after a start-of-scan ends: the next real marker."""
    while (pos := data.find(b"\xff", pos)) != -1 and pos + 1 < len(data):
        following = data[pos + 1]
        if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1
            continue
        return pos
    return len(data)


def _orientation(data: bytes) -> int:
    try:
        with Image.open(BytesIO(data)) as image:
            value = image.getexif().get(0x0112, 1)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return 1
    return value if isinstance(value, int) and 2 <= value <= 8 else 1


def _with_orientation(jpeg: bytes, orientation: int) -> bytes:
    if orientation == 1:
        return jpeg
    exif = Image.Exif()
    exif[0x0112] = orientation
    payload = exif.tobytes()  # starts with b"Exif\0\0"
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    at = 2 + 2 + int.from_bytes(jpeg[4:6], "big") if jpeg[2:4] == b"\xff\xe0" else 2
    return jpeg[:at] + segment + jpeg[at:]


_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT",
             b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL",
             b"fcTL", b"fdAT"}


def _clean_png(data: bytes) -> bytes:
    """Keeps what draws the picture; text, EXIF and dates go, and anything after the end."""
    kept, pos = [data[:8]], 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, end = data[pos + 4:pos + 8], pos + 12 + length
        if end > len(data):
            raise Damaged(_("a PNG image is cut short"))
        if kind in _PNG_KEEP or kind[:1].isupper():  # an unknown critical chunk must stay
            kept.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(kept)


def _clean_webp(data: bytes) -> bytes:
    kept, pos = [], 12
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos + 4:pos + 8], "little")
        kind, end = data[pos:pos + 4], pos + 8 + size + (size & 1)
        if kind == b"VP8X" and size >= 4:
            flags = data[pos + 8] & ~0x0C  # no EXIF, no XMP
            kept.append(data[pos:pos + 8] + bytes([flags]) + data[pos + 9:end])
        elif kind not in (b"EXIF", b"XMP "):
            kept.append(data[pos:end])
        pos = end
    body = b"WEBP" + b"".join(kept)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


# XML parts, written again with their prefixes


class XmlRule:
    """What one kind of XML part loses. Names are in Clark notation: {namespace}local."""

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        """Whether the element at the end of `path` goes, with everything inside it."""
        return False

    def text(self, name: str) -> str | None:
        """New text for elements called `name`, whose content then goes; None: unchanged."""
        return None

    def attribute(self, element: str, name: str, value: str) -> str | None:
        """The attribute's new value; None removes it."""
        return value


class _Copy(ContentHandler):
    def __init__(self, rule: XmlRule) -> None:
        super().__init__()
        self.rule, self.out, self.changed = rule, [""], set[str]()
        self.scopes: list[dict[str, str]] = [{"xml": XML_NS, "": ""}]
        self.stack: list[tuple[str, str, str]] = []  # (clark name, qname, keep|text|drop)
        self.open = False

    def _clark(self, qname: str, attribute: bool = False) -> str:
        prefix, colon, local = qname.rpartition(":")
        if colon:
            namespace = self.scopes[-1].get(prefix, prefix)
        else:  # an attribute without a prefix is in no namespace, an element in the default one
            namespace = "" if attribute else self.scopes[-1][""]
        return f"{{{namespace}}}{local}" if namespace else local

    def _close(self) -> None:
        if self.open:
            self.out.append(">")
            self.open = False

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802 (SAX API)
        if self.stack and self.stack[-1][2] != "keep":
            self.stack.append(("", name, "drop"))
            return
        scope = dict(self.scopes[-1])
        for key, value in attrs.items():
            if key == "xmlns" or key.startswith("xmlns:"):
                scope[key[6:]] = value
        self.scopes.append(scope)
        clark = self._clark(name)
        values = {self._clark(k, True): v for k, v in attrs.items() if not k.startswith("xmlns")}
        if self.rule.drop([*(s[0] for s in self.stack), clark], values):
            self.changed.add(clark)
            self.stack.append((clark, name, "drop"))
            return
        self._close()
        self.out.append("<" + name + self._attributes(clark, attrs))
        self.open = True
        self._replace_text(clark, name)

    def _attributes(self, element: str, attrs: AttributesImpl) -> str:
        written = []
        for key, value in attrs.items():
            new = value if key.startswith("xmlns") else \
                self.rule.attribute(element, self._clark(key, True), value)
            if new != value:
                self.changed.add(self._clark(key, True))
            if new is not None:
                written.append(f' {key}="{_escape(new, attribute=True)}"')
        return "".join(written)

    def _replace_text(self, clark: str, name: str) -> None:
        text = self.rule.text(clark)
        if text is None:
            self.stack.append((clark, name, "keep"))
            return
        self.changed.add(clark)
        self._close()
        self.out.append(_escape(text))
        self.stack.append((clark, name, "text"))

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX API)
        clark, qname, mode = self.stack.pop()
        if mode == "drop" and not clark:
            return
        self.scopes.pop()
        if mode == "drop":
            return
        self.out.append("/>" if self.open else f"</{qname}>")
        self.open = False

    def characters(self, content: str) -> None:
        if not self.stack or self.stack[-1][2] == "keep":
            self._close()
            self.out.append(_escape(content))

    def ignorableWhitespace(self, whitespace: str) -> None:  # noqa: N802 (SAX API)
        self.characters(whitespace)

    def processingInstruction(self, target: str, data: str) -> None:  # noqa: N802 (SAX API)
        if not self.stack or self.stack[-1][2] == "keep":
            self._close()
            self.out.append(f"<?{target} {data}?>")


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


_STANDALONE = re.compile(rb"standalone\s*=\s*[\"']yes")


def rewrite_xml(data: bytes, rule: XmlRule, doctype: bool = False) -> tuple[bytes, set[str]]:
    """`data` as `rule` wants it (comments go too), and the names that changed. A document
    type declaration is refused unless `doctype` (where the extractor allows one: the OPF)."""
    copy = _Copy(rule)
    # the same rules as archives.parse_xml: no DTD, no entities, nothing external
    defusedxml.sax.parseString(data, copy, forbid_dtd=not doctype)
    if not copy.changed and b"<!--" not in data:
        return data, copy.changed  # untouched parts stay byte for byte
    standalone = ' standalone="yes"' if _STANDALONE.search(data[:200]) else ""
    copy.out[0] = f'<?xml version="1.0" encoding="UTF-8"{standalone}?>\n'
    return "".join(copy.out).encode(), copy.changed


def _children(data: bytes, under: str | None = None) -> list[str]:
    """Local names of the elements with content below the root (or below `under`)."""
    root = archives.parse_xml(data)
    parent = root.find(under) if under else root
    return [child.tag.rpartition("}")[2] for child in (parent if parent is not None else [])
            if (child.text or "").strip() or len(child) or child.attrib]


def _names(changed: set[str]) -> str:
    return ", ".join(sorted({re.sub(r"^rsid.*", "rsid", c.rpartition("}")[2]) for c in changed}))


# Zip-based formats (DOCX, ODT, EPUB)

EntryFix = Callable[[str, bytes], bytes | None]  # None: the entry goes


def _entries(archive: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries or \
            sum(info.file_size for info in infos) > limits.max_unpacked:
        raise Refused(_("This file unpacks to more than we can take."), "bomb")
    if len({info.filename for info in infos}) != len(infos):
        raise Damaged(_("two entries of the archive have the same name"))
    return sorted(infos, key=lambda info: info.filename != "mimetype")  # stable: mimetype first


def rewrite_zip(source: Path, target: Path, limits: Limits, fix: EntryFix) -> int:
    """Copies the archive entry by entry through `fix`; returns how many images it cleaned."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        return _copy_zip(old, new, limits, fix)


def _copy_zip(old: zipfile.ZipFile, new: zipfile.ZipFile, limits: Limits, fix: EntryFix) -> int:
    images = 0
    for info in _entries(old, limits):
        if info.flag_bits & 0x1:
            raise Damaged(_("part of the archive is encrypted"))
        data = old.read(info)  # zipfile stops at the declared size and checks the CRC
        clean = clean_image(data)
        images += clean != data
        result = fix(info.filename, clean)
        if result is not None:
            stored = info.compress_type == zipfile.ZIP_STORED or info.filename == "mimetype"
            entry = zipfile.ZipInfo(info.filename, date_time=EPOCH)
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            new.writestr(entry, result)
    return images


# Files inside the document: packages (a chart's workbook) are cleaned like the document, one
# level deep; anything else we cannot read (OLE objects, a package inside a package) goes.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
MAX_EMBEDDED = 64 * 1024 * 1024  # one embedded package, unpacked: far beyond a chart's data


def _embedded(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
              nested: bool) -> tuple[set[str], set[str]]:
    """(packages we clean, objects that go) among the entries, from their first bytes."""
    packages, dropped = set(), set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise Damaged(_("part of the archive is encrypted"))
        with archive.open(info) as member:
            head = member.read(8)
        if head.startswith(_ZIP) and not nested and info.file_size <= MAX_EMBEDDED and \
                _package_kind(archive.read(info)):
            packages.add(info.filename)
        elif head.startswith((_ZIP, _OLE)) or "/embeddings/" in f"/{info.filename}":
            dropped.add(info.filename)
    return packages, dropped


def _package_kind(data: bytes) -> str | None:
    with zipfile.ZipFile(BytesIO(data)) as package:
        names = set(package.namelist())
        if "[Content_Types].xml" in names:
            return "ooxml"
        if "mimetype" in names and package.getinfo("mimetype").file_size < 100 and \
                package.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
            return "odf"
    return None


def _scrub_package(data: bytes, limits: Limits, log: dict[str, set[str]]) -> bytes | None:
    """An embedded DOCX/XLSX/PPTX or ODF package, cleaned by the same rules; None if it is
    neither (then it goes)."""
    inner = Limits(max_entries=limits.max_entries,
                   max_unpacked=min(limits.max_unpacked, MAX_EMBEDDED))
    out = BytesIO()
    kind = _package_kind(data)
    with zipfile.ZipFile(BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        if kind == "ooxml":
            images = _ooxml(old, new, inner, log, nested=True)
        elif kind == "odf":
            images = _odf(old, new, inner, log, nested=True)
        else:
            return None
    if images:
        log.setdefault("images", set()).add(str(images))
    return out.getvalue()


def _embedded_fix(name: str, data: bytes, packages: set[str], limits: Limits,
                  log: dict[str, set[str]]) -> bytes | None:
    clean = _scrub_package(data, limits, log) if name in packages else None
    if clean is None:
        log.setdefault("dropped", set()).add(name)
    else:
        log.setdefault("embedded", set()).add(name)
    return clean


def _embedded_log(log: dict[str, set[str]]) -> list[str]:
    lines = {
        "embedded": _("Documents embedded in it, cleaned the same way: %(names)s"),
        "dropped": _("Embedded objects we cannot clean, left out: %(names)s"),
    }
    return [line % {"names": ", ".join(sorted(log[key]))} for key, line in lines.items()
            if log.get(key)]


def _embedded_images(log: dict[str, set[str]]) -> int:
    return sum(int(n) for n in log.get("images", ()))


class _Relations(XmlRule):
    """[Content_Types].xml and *.rels without the parts we removed, template paths, and
    links to files outside the package (`_fetches`)."""

    def __init__(self, entry: str, removed: set[str]) -> None:
        base = posixpath.dirname(posixpath.dirname(entry))  # word/_rels/x.rels -> word
        self.base, self.removed = base, removed

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        if path[-1] == TYPES + "Override":
            return attrs.get("PartName", "").lstrip("/") in self.removed
        if path[-1] != RELS + "Relationship":
            return False
        target = attrs.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(self.base, target))
        return part in self.removed or attrs.get("Type", "").endswith("/attachedTemplate") \
            or _fetches(attrs)


def _fetches(relationship: dict[str, str]) -> bool:
    """A relationship to something outside the package that Word or Excel would load
    (a template, a picture, a linked object, a frame, a subdocument): only a hyperlink a
    reader clicks, to a web or mail address or a relative one, stays."""
    if relationship.get("TargetMode") != "External":
        return False
    return not (relationship.get("Type", "").endswith("/hyperlink")
                and active.safe_link(relationship.get("Target", "")))


def _outside_links(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
                   log: dict[str, set[str]]) -> dict[str, set[str]]:
    """For each part, the ids of its relationships that `_fetches`, so the part's references
    to them go too (Word calls a file with a dangling one damaged). Logs their types."""
    links: dict[str, set[str]] = {}
    for info in infos:
        folder, name = posixpath.split(info.filename)
        if not name.endswith(".rels") or posixpath.basename(folder) != "_rels":
            continue
        part = posixpath.join(posixpath.dirname(folder), name[:-5])
        for relationship in archives.parse_xml(archive.read(info)).iter(RELS + "Relationship"):
            if _fetches(relationship.attrib):
                links.setdefault(part, set()).add(relationship.get("Id", ""))
                kind = relationship.get("Type", "").rpartition("/")[2]
                log.setdefault("outside", set()).add(kind[:40])
    return links


# Word's parts that only hold a reference to an outside file: they go with it.
_OUTSIDE_ELEMENTS = {W + "subDoc"}
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


class _Unlinked(XmlRule):
    """A part without its references (r:id, r:link…) to relationships that went."""

    def __init__(self, ids: set[str]) -> None:
        self.ids, self.unlinked = ids, set[str]()

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        if path[-1] in _OUTSIDE_ELEMENTS and any(
                key.startswith(R) and value in self.ids for key, value in attrs.items()):
            self.unlinked.add(path[-1])
            return True
        return False

    def attribute(self, element: str, name: str, value: str) -> str | None:
        if name.startswith(R) and value in self.ids:
            self.unlinked.add(name)
            return None
        return value


# Fields that load a file (INCLUDEPICTURE "http://…", which Word updates on opening) or
# start a program (DDEAUTO): their code goes, the result they show stays.
_FIELD_ACTS = re.compile(r"\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|IMPORT|DDEAUTO|DDE)\b", re.I)
_FIELD_PIECES = (W + "fldChar", W + "instrText")


def _acting_fields(data: bytes) -> tuple[set[int], set[str]]:
    """The ordinals, among a part's w:fldChar and w:instrText in document order, of the
    pieces of fields that `_FIELD_ACTS`, and those fields' names. A field's instruction can
    be split over several runs, and fields nest: each piece belongs to the innermost field
    open. (Pieces inside a w:fldSimple that acts are not counted: it goes whole.)"""
    pieces: set[int] = set()
    kinds: set[str] = set()
    if b"instrText" not in data:
        return pieces, kinds
    ordinal, fields = 0, list[tuple[list[int], list[str]]]()
    # One tree for both walks: ids are only unique among objects alive at the same time,
    # and a second parse would reuse the first one's (a field then went unseen, at random).
    tree = archives.parse_xml(data)
    skipped = {id(child) for simple in tree.iter(W + "fldSimple")
               if _FIELD_ACTS.match(simple.get(W + "instr", "")) for child in simple.iter()}
    for element in tree.iter():
        if element.tag not in _FIELD_PIECES or id(element) in skipped:
            continue
        kind = element.get(W + "fldCharType")
        if kind == "begin":
            fields.append(([ordinal], []))
        elif fields:
            fields[-1][0].append(ordinal)
            if element.tag == W + "instrText":
                fields[-1][1].append(element.text or "")
            elif kind == "end":
                field, instruction = fields.pop()
                if found := _FIELD_ACTS.match("".join(instruction)):
                    pieces.update(field)
                    kinds.add(found.group(1).upper())
        ordinal += 1
    return pieces, kinds


class _Word(_Unlinked):
    """Authors and dates of comments and tracked changes, editing sessions, template path;
    and the code of fields that load a file or start a program (`fields`, `_acting_fields`)."""

    def __init__(self, ids: set[str], data: bytes = b"") -> None:
        super().__init__(ids)
        self.fields, self.acting = _acting_fields(data)
        self.ordinal = 0

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        if path[-1] == W + "fldSimple" and (found := _FIELD_ACTS.match(attrs.get(W + "instr",
                                                                                 ""))):
            self.acting.add(found.group(1).upper())  # a one-element field: it goes whole
            self.unlinked.add(path[-1])
            return True
        if path[-1] in _FIELD_PIECES:
            self.ordinal += 1
            if self.ordinal - 1 in self.fields:
                self.unlinked.add(path[-1])
                return True
        # docId, like rsids, would link this copy to the author's own copies of the file
        return path[-1] in (W + "rsids", W + "attachedTemplate", W + "docVars",
                            W1X[0] + "docId", W1X[1] + "docId") or super().drop(path, attrs)

    def attribute(self, element: str, name: str, value: str) -> str | None:
        if name == W + "author":
            return "Author"
        if name in (W + "initials", W + "date") or name.startswith(W + "rsid"):
            return None
        if name in (W16[0] + "dateUtc", W16[1] + "dateUtc"):
            return None
        return super().attribute(element, name, value)


# A package holding a program: Word runs its macros (VBA) or ActiveX controls on opening
# or on a click. Decided from the parts and their declared types, never from the bytes of
# the program part (an OLE header can be cut short and still be run).
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")
_MACRO_TYPES = ("macroenabled", "vbaproject", "vbadata", "activex", "ms-office.vba")


def _refuse_programs(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuses a package with a program part, found by name, by content type ([Content_
    Types].xml) or by the type of a relationship to it, whatever the part is called."""
    names = [info.filename.lower() for info in infos]
    found = any(posixpath.basename(name) in _MACRO_PARTS or "/activex/" in f"/{name}"
                for name in names)
    for info, name in zip(infos, names, strict=True):
        if found:
            break
        if name == "[content_types].xml":
            declared = [element.get("ContentType") for element in
                        archives.parse_xml(archive.read(info))]
        elif name.endswith(".rels"):
            declared = [element.get("Type") for element in
                        archives.parse_xml(archive.read(info))]
        else:
            continue
        found = any(kind in (value or "").lower() for value in declared
                    for kind in _MACRO_TYPES)
    if found:
        raise Refused(_("This document holds macros or ActiveX controls (programs that can "
                        "run when it is opened), which we never publish. Please save it as "
                        "a Word document without macros (.docx) and send it again."), "macros")


_CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp='
         b'"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc='
         b'"http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
         b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
         b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>')
_APP = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        b'"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt='
        b'"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')


def scrub_docx(source: Path, target: Path, limits: Limits) -> list[str]:
    """Embedded packages (a chart's .xlsx) are cleaned like the document; embedded objects
    we cannot clean (OLE .bin objects) are left out with their relationships, and the log
    names them. SharePoint's customXml parts (owners, server ids) go too."""
    log: dict[str, set[str]] = {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        images = _ooxml(old, new, limits, log, nested=False)
    return _docx_log(log) + _embedded_log(log) + _images_log(images + _embedded_images(log))


def _ooxml(old: zipfile.ZipFile, new: zipfile.ZipFile, limits: Limits,
           log: dict[str, set[str]], nested: bool) -> int:
    infos = _entries(old, limits)
    _refuse_programs(old, infos)
    removed = {"docProps/custom.xml", "word/people.xml"}
    custom = {i.filename for i in infos if i.filename.startswith(("customXml/", "xl/persons/"))}
    packages, dropped = _embedded(old, infos, nested)
    removed |= custom | dropped
    outside = _outside_links(old, infos, log)

    def fix(name: str, data: bytes) -> bytes | None:
        if name in custom:
            log.setdefault("customXml", set())
            return None
        if name in dropped or name in packages:
            return _embedded_fix(name, data, packages, limits, log)
        if name in removed:
            log.setdefault(name, set())
            return None
        if name in ("docProps/core.xml", "docProps/app.xml"):
            log.setdefault(name, set()).update(_children(data))
            return _CORE if name.endswith("core.xml") else _APP
        ids = outside.get(name, set())
        rule = _Relations(name, removed) if name.endswith(".rels") or name == \
            "[Content_Types].xml" else _Word(ids, data) if name.startswith("word/") and \
            name.endswith(".xml") else _Unlinked(ids) if ids else None
        if rule is None:
            return data
        data, changed = rewrite_xml(data, rule)
        if isinstance(rule, _Word) and changed - rule.unlinked:
            log.setdefault("word", set()).update(changed - rule.unlinked)
        if isinstance(rule, _Word) and rule.acting:
            log.setdefault("outside", set()).update(rule.acting)
        return data

    return _copy_zip(old, new, limits, fix)


def _docx_log(log: dict[str, set[str]]) -> list[str]:
    lines = {
        "docProps/core.xml": _("DOCX document properties: %(names)s"),
        "docProps/app.xml": _("DOCX application properties: %(names)s"),
        # Removed whole: no names to list.
        "docProps/custom.xml": _("DOCX custom properties"),
        "word/people.xml": _("DOCX list of people who edited or commented"),
        "customXml": _("DOCX custom XML parts (server and owner data)"),
        "word": _("DOCX comments, tracked changes and settings: %(names)s"),
        "outside": _("DOCX links to files elsewhere, which Word would fetch on opening: "
                     "%(names)s"),
    }
    return [line % {"names": _names(log[key])} for key, line in lines.items() if key in log]


XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# What runs or talks to another program: macros bound to events, applets, plugins, DDE links.
# (office:scripts stays: every file has one, most of them empty; what it holds goes.)
_ODF_ACTING = {OFFICE + "script", OFFICE + "event-listeners", OFFICE + "dde-source",
               "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}applet",
               "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}plugin"}
# Elements whose xlink:href a reader clicks; every other one is loaded with the document.
_ODF_LINKS = {"{urn:oasis:names:tc:opendocument:xmlns:text:1.0}a",
              "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}a"}
# A form's or a button's xlink:href is where it sends what a reader typed: it always goes.
_ODF_FORMS = {"{urn:oasis:names:tc:opendocument:xmlns:form:1.0}form",
              "{urn:oasis:names:tc:opendocument:xmlns:form:1.0}button"}
_ODF_MACROS = ("Basic/", "Scripts/", "Dialogs/")  # the package's macro libraries


class _Odf(XmlRule):
    """Who made tracked changes and annotations, and when; printer names in settings.
    And what acts or fetches: scripts, event listeners, DDE links, applets, plugins, and
    pictures, objects, sections or fonts loaded from outside the package (`acting`)."""

    def __init__(self) -> None:
        self.acting = set[str]()

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        if path[-1] == CONFIG + "config-item":
            return attrs.get(CONFIG + "name") in ("PrinterName", "PrinterSetup")
        local = path[-1].rpartition("}")[2]
        if path[-1] in _ODF_ACTING or local.startswith("dde-connection") or \
                local.startswith("dde-link") or (path[-1] not in _ODF_LINKS | _ODF_FORMS
                                                  and _outside(attrs.get(XLINK_HREF, ""))):
            self.acting.add(path[-1])
            return True
        return path[-1] in (DC + "creator", META + "creator-initials")

    def attribute(self, element: str, name: str, value: str) -> str | None:
        # a link a reader clicks keeps a web or mail address; a macro
        # ("vnd.sun.star.script:…") or a file goes, and so does where a form sends
        if name == XLINK_HREF and (element in _ODF_FORMS or (
                element in _ODF_LINKS and not active.safe_link(value))):
            self.acting.add(name)
            return None
        return value

    def text(self, name: str) -> str | None:
        return "1970-01-01T00:00:00" if name == DC + "date" else None


def _outside(href: str) -> bool:
    """An ODF reference the application loads from outside the package: another host, any
    scheme, an absolute path or a path above the package ("../picture.png")."""
    return active.is_remote(href) or href.lstrip().startswith(("/", "../", "\\"))


def _odf_meta(data: bytes) -> bytes:
    version = archives.parse_xml(data).get(OFFICE + "version", "1.2")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office='
            f'"{OFFICE_URI}" office:version="{_escape(version, True)}"><office:meta/>'
            f"</office:document-meta>").encode()


class _Manifest(XmlRule):
    """META-INF/manifest.xml without the entries we left out, macro libraries included."""

    def __init__(self, removed: set[str]) -> None:
        self.removed = removed

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        full = attrs.get(MANIFEST + "full-path", "")
        return path[-1] == MANIFEST + "file-entry" and (
            full in self.removed or full.startswith(_ODF_MACROS))


def scrub_odt(source: Path, target: Path, limits: Limits) -> list[str]:
    """Embedded objects ("Object 1/") are folders of the same package, cleaned like it;
    embedded packages are cleaned one level deep, and objects we cannot clean (OLE) are
    left out with their manifest entries, and the log names them."""
    log: dict[str, set[str]] = {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        images = _odf(old, new, limits, log, nested=False)
    lines = {"meta": _("ODT document properties: %(names)s"),
             "content": _("ODT tracked changes, annotations and printer: %(names)s"),
             "acting": _("ODT macros, scripts and links to files elsewhere, which would run "
                         "or be fetched on opening: %(names)s")}
    return [line % {"names": _names(log[key])} for key, line in lines.items()
            if log.get(key)] + _embedded_log(log) + _images_log(images + _embedded_images(log))


def _odf(old: zipfile.ZipFile, new: zipfile.ZipFile, limits: Limits,
         log: dict[str, set[str]], nested: bool) -> int:
    packages, dropped = _embedded(old, _entries(old, limits), nested)

    def fix(name: str, data: bytes) -> bytes | None:
        if name in dropped or name in packages:
            return _embedded_fix(name, data, packages, limits, log)
        if name == "META-INF/manifest.xml":
            return rewrite_xml(data, _Manifest(dropped))[0]
        if name.startswith(_ODF_MACROS):
            log.setdefault("acting", set()).add(name.partition("/")[0])
            return None
        base = posixpath.basename(name)
        if base == "meta.xml":
            log.setdefault("meta", set()).update(_children(data, OFFICE + "meta"))
            return _odf_meta(data)
        if base in ("content.xml", "styles.xml", "settings.xml"):
            rule = _Odf()
            data, changed = rewrite_xml(data, rule)
            log.setdefault("content", set()).update(changed - rule.acting)
            log.setdefault("acting", set()).update(rule.acting)
        return data

    return _copy_zip(old, new, limits, fix)


_OPF_KEEP = {DC + name for name in ("title", "identifier", "language", "creator", "publisher",
                                    "date", "rights", "description", "subject", "type")}
_OPF_PROPERTIES = {"dcterms:modified", "title-type", "display-seq", "file-as", "role",
                   "identifier-type", "alternate-script", "belongs-to-collection",
                   "collection-type", "group-position"}


class _Opf(XmlRule):
    """The package metadata, reduced to the book's public record."""

    def __init__(self, data: bytes) -> None:
        root = archives.parse_xml(data, doctype=True)
        block = root.find(OPF + "metadata")
        self.dropped_ids = {child.get("id") for child in (block if block is not None else [])
                            if child.tag not in _OPF_KEEP | {OPF + "meta", OPF + "link"}}
        self.remote = False

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        if path[1:] == [OPF + "manifest", OPF + "item"] and active.is_remote(
                attrs.get("href", "")):  # EPUB 3's "remote resources": fetched on opening
            self.remote = True
            return True
        if len(path) != 3 or path[1] != OPF + "metadata" or path[2] in _OPF_KEEP | {OPF + "link"}:
            return False
        if path[2] != OPF + "meta":
            return True
        if attrs.get("refines", "").lstrip("#") in self.dropped_ids:
            return True
        prop = attrs.get("property", "")
        return not (prop in _OPF_PROPERTIES or prop.startswith("rendition:")
                    or attrs.get("name") == "cover")


_EMPTY_CSS = b"/* Removed: it loaded files from elsewhere. */\n"


def scrub_epub(source: Path, target: Path, limits: Limits) -> list[str]:
    """Pages (XHTML, SVG) lose identifying `<meta>` and what acts or fetches (`_Page`);
    stylesheets that load files from elsewhere and script files are emptied (the package
    still lists them, so readers and checkers find every file it names)."""
    packages = _opf_paths(source)
    log: list[str] = []
    html: set[str] = set()
    acting: set[str] = set()
    pictures = DataPictures()

    def fix(name: str, data: bytes) -> bytes | None:
        lower = name.lower()
        if posixpath.basename(name).startswith("iTunesMetadata"):
            log.append(_("EPUB store record (%(name)s)") % {"name": name})
            return None
        if name in packages or lower.endswith(".opf"):  # any other OPF too
            opf = _Opf(data)
            data, changed = rewrite_xml(data, opf, doctype=True)
            acting.update(["resource"] if opf.remote else [])
            if changed - {OPF + "item"}:
                log.append(_("EPUB package metadata: %(names)s")
                           % {"names": _names(changed - {OPF + "item"})})
        elif lower.endswith((".xhtml", ".html", ".htm", ".svg")):
            data = _numeric_entities(_DOCTYPE.sub(b"", data, count=1))
            page = _Page(data, pictures)
            data = rewrite_xml(data, page, doctype=True)[0]
            html.update(page.metadata)
            acting.update(page.acting)
        elif lower.endswith(".js") or (lower.endswith(".css") and _css_fetches(data)):
            acting.add("script" if lower.endswith(".js") else "resource")
            return b"" if lower.endswith(".js") else _EMPTY_CSS
        return data

    images = rewrite_zip(source, target, limits, fix)
    if html:
        log.append(_("EPUB pages' metadata: %(names)s") % {"names": ", ".join(sorted(html))})
    if acting:
        log.append(_("EPUB scripts and remote content: %(names)s") % {"names": _labels(acting)})
    return log + pictures.log(images)


def _css_fetches(data: bytes) -> bool:
    """CSS that loads something from elsewhere. A backslash counts too: CSS escapes can
    spell `url(` or `@import` in ways a search for them misses."""
    text = data.decode("utf-8", "replace")
    return active.css_fetches(text) or "\\" in text


# A page's document type names the XHTML DTD, which a parser would fetch to know &nbsp;:
# the type goes (EPUB readers do not need it), and named characters become numbers.
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*>", re.I)
_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def _numeric_entities(data: bytes) -> bytes:
    """HTML's named characters (&nbsp;) as numbers (&#160;): EPUB 2 pages use them on the
    strength of the XHTML document type, whose DTD our parser never reads. Unknown names
    are left for the parser to refuse."""

    def number(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        character = html.entities.html5.get(name.decode() + ";")
        if name in _XML_ENTITIES or character is None:
            return match.group(0)
        return "".join(f"&#{ord(c)};" for c in character).encode()

    return _ENTITY.sub(number, data)


XHTML_MEDIA = {"img", "image", "video", "audio", "source", "track", "picture", "input", "use",
               "feImage"}
_PAGE_DROPS = {"script": "script", "base": "base", "form": "form", "button": "form",
               "textarea": "form", "select": "form", "iframe": "embed", "frame": "embed",
               "frameset": "embed", "object": "embed", "embed": "embed", "applet": "embed",
               "portal": "embed", "input": "form"}


class _Page(XmlRule):
    """An EPUB page (XHTML, or SVG) as XML, since readers need it well formed: identifying
    `<meta>` and comments go (`metadata`), and so does what acts or fetches (`acting`, keys
    of `active.LABELS`). Elements are matched by local name, in XHTML and SVG alike."""

    def __init__(self, data: bytes, pictures: "DataPictures") -> None:
        root = archives.parse_xml(data, doctype=True)
        self.pictures = pictures
        self.styles_fetch = any(_css_fetches((element.text or "").encode())
                                for element in root.iter() if isinstance(element.tag, str)
                                and element.tag.rpartition("}")[2] == "style")
        self.metadata = {"comments"} if b"<!--" in data else set[str]()
        self.acting = set[str]()

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        name = path[-1].rpartition("}")[2]
        values = {key.rpartition("}")[2]: value for key, value in attrs.items()}
        kind = _PAGE_DROPS.get(name) or self._meta(name, values) or (
            "resource" if name == "link" and active.is_remote(values.get("href", "")) else
            "resource" if name == "style" and self.styles_fetch else
            "image" if name in XHTML_MEDIA and any(active.is_remote(values.get(key, ""))
                                                   for key in ("src", "href", "poster")) else
            None)
        if kind:
            self.acting.add(kind)
        return bool(kind) or (name == "meta" and self._identifying(values))

    def _meta(self, name: str, values: dict[str, str]) -> str | None:
        return "refresh" if name == "meta" and \
            values.get("http-equiv", "").lower() == "refresh" else None

    def _identifying(self, values: dict[str, str]) -> bool:
        if "charset" in values or "http-equiv" in values or \
                values.get("name", "").lower() in active.HEAD_META:
            return False
        self.metadata.add((values.get("name") or values.get("property") or "meta")[:40].lower())
        return True

    def attribute(self, element: str, name: str, value: str) -> str | None:
        local, tag = name.rpartition("}")[2], element.rpartition("}")[2]
        if tag in ("img", "image") and local in ("src", "href") and \
                active.scheme(value) == "data":
            return self.pictures(value)  # cleaned of its metadata, or gone (and counted)
        kind = "handler" if local.lower().startswith("on") else \
            "javascript" if active.scheme(value) in ("javascript", "vbscript") else \
            "resource" if local == "style" and _css_fetches(value.encode()) else \
            "image" if local in ("src", "href", "poster", "background", "srcset") and \
            tag not in ("a", "area") and active.is_remote(value) else \
            "elsewhere" if local == "href" and not active.safe_link(value) else None
        if kind:
            self.acting.add(kind)
        return None if kind else value


def _opf_paths(source: Path) -> set[str]:
    """Every package document container.xml names, looked up as the extractor does (in
    <rootfiles>; a rootfile anywhere else means nothing), so we clean the one it reads."""
    with zipfile.ZipFile(source) as archive:
        try:
            info = archive.getinfo("META-INF/container.xml")
        except KeyError:
            return set()
        if info.file_size > 1024 * 1024:
            raise Damaged(_("the EPUB container file is too large"))
        root = archives.parse_xml(archive.read(info))
    return {found.get("full-path", "") for found in root.findall(f"{CONTAINER}rootfiles/"
                                                                  f"{CONTAINER}rootfile")}


# HTML, Markdown, text

# Each token, once started, always matches: what is left unclosed (a comment, a script, a
# quote inside <meta) runs to the end of the file, as browsers read it. So no token is ever
# rescanned from a later start, and the whole pass is linear in the size of the file.
_HTML_TOKEN = re.compile(rb"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)"
                         rb"|<meta\b(?:[^>\"']++|\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z))*+(?:>|\Z)",
                         re.S | re.I)
_HTML_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_HTML_KEEP = {b"viewport", b"description", b"keywords", b"robots", b"color-scheme",
              b"referrer", b"theme-color", b"format-detection"}


def clean_html(data: bytes) -> tuple[bytes, set[str]]:
    """HTML without comments and identifying `<meta>`; what kinds of thing went."""
    found: set[str] = set()

    def replace(match: re.Match[bytes]) -> bytes:
        token = match.group(0)
        if token.startswith(b"<!--"):
            found.add("comments")
            return b""
        if match.group(1):
            return token  # script or style: a "<!--" inside is not a comment
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or b""
                 for m in _HTML_ATTRIBUTE.finditer(token[5:])}
        if b"charset" in attrs or b"http-equiv" in attrs or \
                attrs.get(b"name", b"").lower() in _HTML_KEEP:
            return token
        label = attrs.get(b"name") or attrs.get(b"property") or b"meta"
        found.add(label.decode("latin-1")[:40].lower())
        return b""

    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: the byte patterns need UTF-8
        data = b"\xef\xbb\xbf" + data.decode("utf-16", "replace").encode()
    return _HTML_TOKEN.sub(replace, data), found


def _labels(keys: set[str]) -> str:
    return ", ".join(sorted(str(active.LABELS[key]) for key in keys))  # as the reader reads


class DataPictures:
    """Cleans the `data:` pictures written into a page (HTML, Markdown) as `clean_image`
    cleans pictures in a file: decoded, cleaned, encoded again. One we cannot clean (it does
    not hold the picture it claims, or is damaged, or in a format we cannot clean) goes.
    Counts both for the log."""

    def __init__(self) -> None:
        self.cleaned = self.dropped = 0
        # Each address once: the same picture may be used twice, and Markdown is read again
        # after cleaning (GIF, written again by Pillow, need not come out the same twice).
        self.seen: dict[str, str | None] = {}

    def __call__(self, url: str) -> str | None:
        if url not in self.seen:
            if url in self.seen.values():
                return url  # one we made
            self.seen[url] = self._clean(url)
        return self.seen[url]

    def _clean(self, url: str) -> str | None:
        header, _comma, payload = url.strip().partition(",")
        data = self._decode(header, payload) if active.is_data_picture(url) else None
        try:
            clean = clean_image(data) if data is not None and _is_picture(data) else None
        except (Refused, Damaged):  # HEIC inside, or a broken picture: the picture goes
            clean = None
        if clean is None:
            self.dropped += 1
            return None
        if clean == data:
            return url  # as the contributor wrote it
        self.cleaned += 1
        kind = header.split(";")[0]
        return f"{kind};base64,{base64.b64encode(clean).decode()}"

    @staticmethod
    def _decode(header: str, payload: str) -> bytes | None:
        try:
            if header.lower().endswith(";base64"):
                return base64.b64decode("".join(payload.split()), validate=True)
            return urllib.parse.unquote_to_bytes(payload)
        except ValueError:  # binascii.Error: not base64
            return None

    def log(self, images: int = 0) -> list[str]:
        """What went, with `images` cleaned elsewhere in the same file counted in."""
        dropped = [ngettext("Pictures written into the page that we could not clean, left "
                            "out: %(n)d picture",
                            "Pictures written into the page that we could not clean, left "
                            "out: %(n)d pictures", self.dropped)
                   % {"n": self.dropped}] if self.dropped else []
        return _images_log(self.cleaned + images) + dropped


def _is_picture(data: bytes) -> bool:
    """JPEG, PNG, GIF or WebP: what `active.is_data_picture` lets a `data:` address be."""
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) \
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _page_text(source: Path, limits: Limits) -> str:
    if source.stat().st_size > limits.max_unpacked:
        raise Refused(_("This file is larger than we can take."), "too-large")
    data = source.read_bytes()
    text = sniff.decode(data)
    return text if text is not None else data.decode("utf-8", "replace")


def scrub_html(source: Path, target: Path, limits: Limits) -> list[str]:
    """Identifying `<meta>` and comments are named in the log, then the page is rebuilt
    from an allow-list (`active.sanitize_html`), which leaves out what acts or fetches."""
    if source.stat().st_size > limits.max_unpacked:
        raise Refused(_("This file is larger than we can take."), "too-large")
    data, found = clean_html(source.read_bytes())
    text = sniff.decode(data)
    pictures = DataPictures()
    document, acting = active.sanitize_html(
        text if text is not None else data.decode("utf-8", "replace"), pictures)
    target.write_bytes(document.encode())
    log = [_("HTML metadata: %(names)s") % {"names": ", ".join(sorted(found))}] if found else []
    if acting:
        log.append(_("HTML scripts and remote content: %(names)s") % {"names": _labels(acting)})
    return log + pictures.log()


def scrub_markdown(source: Path, target: Path, limits: Limits) -> list[str]:
    """Remote pictures become links, raw HTML goes through the HTML allow-list, `data:`
    pictures are cleaned (`inert_markdown`); blocks with none of these stay as written."""
    pictures = DataPictures()
    try:
        text, acting = inert_markdown.clean(_page_text(source, limits), pictures)
    except inert_markdown.Unsettled as error:
        raise Damaged(_("its Markdown kept changing as we cleaned it")) from error
    target.write_bytes(text.encode())
    log = [_("Markdown comments (hidden notes in its HTML)")] if "comments" in acting else []
    acting.discard("comments")
    if acting:
        log.append(_("Markdown scripts and remote content: %(names)s")
                   % {"names": _labels(acting)})
    return log + pictures.log()


def copy_as_is(source: Path, target: Path, limits: Limits) -> list[str]:
    shutil.copyfile(source, target)
    return []


SCRUBBERS: dict[str, Scrubber] = {
    "pdf": scrub_pdf,
    "docx": scrub_docx,
    "odt": scrub_odt,
    "epub": scrub_epub,
    "html": scrub_html,
    "markdown": scrub_markdown,
    "text": copy_as_is,
}
assert SCRUBBERS.keys() == FORMATS.keys()
