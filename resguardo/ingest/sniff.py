"""What a file is, from its bytes alone: never from its name or the type it was sent with.

Magic numbers first (so a JPEG that also parses as HTML is an image), then the entries of a
ZIP, then text: UTF-8 (or UTF-16 with a byte order mark), no NUL bytes and few control
characters, told apart as HTML, Markdown or plain text by how it begins and what it holds.
"""

import codecs
import re
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from resguardo.ingest import archives
from resguardo.ingest.base import Limits, Refused, accepted

SAMPLE = 1024 * 1024  # bytes of a text file looked at; its extractor decodes all of it
ODT_TYPE = b"application/vnd.oasis.opendocument.text"
EPUB_TYPE = b"application/epub+zip"

# Signatures of files people send by mistake, so the refusal can name what was sent.
_IMAGE = _("an image")
_PROGRAM = _("a program")
_ARCHIVE = _("a compressed archive")
_OLD_OFFICE = _("an old Microsoft Office document (DOC, XLS, PPT)")
_MAGIC: list[tuple[bytes, Promise]] = [
    (b"\xff\xd8\xff", _IMAGE),  # JPEG
    (b"\x89PNG\r\n\x1a\n", _IMAGE),
    (b"GIF87a", _IMAGE), (b"GIF89a", _IMAGE),
    (b"II*\x00", _IMAGE), (b"MM\x00*", _IMAGE),  # TIFF
    (b"\x00\x00\x00\x0cjP  ", _IMAGE),  # JPEG 2000
    (b"\x7fELF", _PROGRAM), (b"#!", _PROGRAM),
    (b"\xca\xfe\xba\xbe", _PROGRAM), (b"\xcf\xfa\xed\xfe", _PROGRAM),
    (b"\xce\xfa\xed\xfe", _PROGRAM), (b"\x00asm", _PROGRAM),
    (b"\x1f\x8b", _ARCHIVE), (b"7z\xbc\xaf\x27\x1c", _ARCHIVE), (b"Rar!", _ARCHIVE),
    (b"\xfd7zXZ\x00", _ARCHIVE), (b"\x28\xb5\x2f\xfd", _ARCHIVE),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _OLD_OFFICE),
    (b"{\\rtf", _("an RTF document")),
]
# Two or three letters a text may begin with too: they name a file only if it is not text.
_WEAK_MAGIC: list[tuple[bytes, Promise]] = [(b"MZ", _PROGRAM), (b"BM", _IMAGE),
                                            (b"BZh", _ARCHIVE)]
_RIFF_KINDS = {b"WEBP": _IMAGE, b"AVI ": _("a video"), b"WAVE": _("a sound file")}

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Control characters other than tab, line ends, form feed, vertical tab and escape: a few
# per thousand is text with debris, more is binary.
_CONTROLS = re.compile("[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_PROLOGUE = re.compile(r"\s*(?:(?:<!--.*?-->|<\?xml[^>]*>)\s*)*", re.DOTALL)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|link|base|style|script|div|p|h[1-6]|"
    r"table|ul|ol|dl|section|article|header|main|nav|footer|span|a|b|i|em|strong|pre|"
    r"blockquote|br|hr|img|form|noscript|center|font)[\s>/]", re.IGNORECASE)
_XML_START = re.compile(r"<[A-Za-z!?]")
_MD_STRONG = (
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),  # ATX heading
    re.compile(r"\[[^\]\n]+\]\((?:https?://|/|#|\.|mailto:)[^)\s]*\)"),  # inline link
    re.compile(r"^(?:```|~~~)", re.MULTILINE),  # fenced code
    re.compile(r"^\|?\s*:?-{3,}:?\s*\|", re.MULTILINE),  # table separator row
    re.compile(r"^\S[^\n]*\n(?:=+|-{3,})[ \t]*$", re.MULTILINE),  # setext heading
)
_MD_WEAK = (
    re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S", re.MULTILINE),  # list item
    re.compile(r"(?:\*\*|__)\S[^\n]*?\S(?:\*\*|__)"),  # strong emphasis
    re.compile(r"^>[ \t]", re.MULTILINE),  # block quote
    re.compile(r"`[^`\n]+`"),  # inline code
)


def detect(path: Path, limits: Limits) -> str:
    """The format code (a key of `base.FORMATS`) of the file at `path`, or `Refused`."""
    with path.open("rb") as file:
        head = file.read(SAMPLE)
    if not head:
        raise Refused(_("The file is empty."), code="empty")
    if kind := _known_other(head):
        raise _not_accepted(kind)
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path, limits)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    text = _decode_sample(head, complete=len(head) < SAMPLE)
    if text is None:
        raise _not_accepted(next((k for magic, k in _WEAK_MAGIC if head.startswith(magic)), None))
    return text_format(text)


def text_format(text: str) -> str:
    """'html', 'markdown' or 'text' for decoded text (also refuses blank text and XML that
    is not HTML, such as SVG images)."""
    if not text.strip():
        raise Refused(_("The file holds no text."), code="empty")
    start = text[_PROLOGUE.match(text).end():][:200]  # type: ignore[union-attr]
    if _HTML_START.match(start):
        return "html"
    if start.lower().startswith("<svg"):
        raise _not_accepted(_IMAGE)
    if start.startswith("<?xml") or (text.lstrip().startswith("<?xml")
                                     and _XML_START.match(start)):
        raise _not_accepted(_("an XML file"))
    return "markdown" if is_markdown(text) else "text"


def is_markdown(text: str) -> bool:
    sample = text[:SAMPLE]
    if any(pattern.search(sample) for pattern in _MD_STRONG):
        return True
    return sum(len(pattern.findall(sample)) for pattern in _MD_WEAK) >= 3


def decode(data: bytes) -> str | None:
    """The text, without its byte order mark, or None when it is not text we read."""
    return _decode_sample(data, complete=True)


def _decode_sample(data: bytes, *, complete: bool) -> str | None:
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        text = decoder.decode(data, final=complete)  # a sample may end inside a character
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    sample = text[:SAMPLE]
    if len(_CONTROLS.findall(sample)) > max(2, len(sample) // 1000):
        return None
    return text


def _known_other(head: bytes) -> Promise | None:
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if head[4:8] == b"ftyp":
        return _("a video or an image (ISO media)")
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def _zip_format(path: Path, limits: Limits) -> str:
    with archives.open_zip(path, limits) as archive:
        names = archive.NameToInfo
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "mimetype" in names and names["mimetype"].file_size < 200:
            # The formats put it first; we read it wherever it is, never more than a line.
            declared = archives.read_member(archive, "mimetype").strip()
            if declared == ODT_TYPE:
                return "odt"
            if declared == EPUB_TYPE:
                return "epub"
    raise Refused(_("This is a ZIP archive, but not a DOCX, ODT or EPUB document; accepted "
                    "formats are: %(list)s.") % {"list": accepted()}, code="format")


def _not_accepted(kind: Promise | None) -> Refused:
    if kind is None:
        return Refused(_("We cannot tell what this file is; accepted formats are: %(list)s.")
                       % {"list": accepted()}, code="format")
    return Refused(_("This file is %(kind)s; accepted formats are: %(list)s.")
                   % {"kind": kind, "list": accepted()}, code="format")
