"""The ZIP inside DOCX, ODT and EPUB, checked before anything in it is parsed.

Everything is decided from the central directory (`infolist()`), which costs a few bytes per
entry: how many entries, how big once unpacked, how much each one grows, whether names try
to leave the archive, whether anything is encrypted or compressed in a way these formats
never use. Members are then read with a bounded read, and their XML parsed with defusedxml
with DTDs, entity declarations and external references forbidden. Nested archives (a
spreadsheet embedded in a DOCX) are never opened.
"""

import struct
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resguardo.ingest.base import Limits, Refused

# Below this many bytes unpacked an entry may compress as well as it likes (a page of
# repeated styles compresses 500 times); above it, beyond `Limits.max_ratio`, it is a bomb.
RATIO_FROM = 1024 * 1024
# Any one XML part: far beyond a real document.xml, well short of what would exhaust memory
# once parsed into a tree (ElementTree needs about ten times the text).
MAX_MEMBER = 64 * 1024 * 1024
# The methods OOXML, ODF and EPUB allow. bzip2 and LZMA decompress without an output bound.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_END = b"PK\x05\x06"  # end of central directory record
_CHUNK = 64 * 1024


def open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The archive, once its directory has passed every check. The caller closes it."""
    _check_declared_entries(path, limits)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise Refused(_("The file is damaged: its ZIP structure cannot be read."),
                      code="damaged") from error
    try:
        check(archive, limits)
    except Refused:
        archive.close()
        raise
    return archive


def check(archive: zipfile.ZipFile, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise _too_many(limits)
    if sum(i.file_size for i in infos) > limits.max_unpacked:
        raise Refused(_("The file would unpack to more than %(size)s MB; we refuse it as a "
                        "possible decompression bomb.") % {"size": limits.max_unpacked >> 20},
                      code="bomb")
    for info in infos:
        _check_entry(info, limits)
    _check_layout(infos)


def _check_entry(info: zipfile.ZipInfo, limits: Limits) -> None:
    if info.file_size > RATIO_FROM and info.file_size > limits.max_ratio * max(
            info.compress_size, 1):
        raise Refused(_("A part of the file unpacks to %(ratio)s times its packed size; we "
                        "refuse it as a possible decompression bomb.")
                      % {"ratio": info.file_size // max(info.compress_size, 1)}, code="bomb")
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or ".." in name.split("/") or (len(name) > 1 and name[1] == ":"):
        raise Refused(_("The file holds a part named outside itself (%(name)s).")
                      % {"name": info.filename[:80]}, code="archive")
    if info.flag_bits & 0x1:
        raise Refused(_("The file is encrypted; please send it without a password."),
                      code="archive")
    if info.compress_type not in _METHODS:
        raise Refused(_("The file is compressed in a way these documents never are."),
                      code="archive")


def _check_layout(infos: list[zipfile.ZipInfo]) -> None:
    """Two names for one part, or entries sharing their bytes (how the smallest bombs repeat
    one compressed block thousands of times), make the archive ambiguous or hostile."""
    if len({i.filename for i in infos}) != len(infos):
        raise Refused(_("The file holds two parts with the same name."), code="archive")
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for this, after in zip(ordered, ordered[1:], strict=False):
        # 30 bytes of local header and the name come before the data, at the least.
        if after.header_offset < this.header_offset + 30 + len(this.orig_filename) + (
                this.compress_size):
            raise Refused(_("The file's parts overlap one another."), code="bomb")


def _too_many(limits: Limits) -> Refused:
    return Refused(ngettext("The file holds more than %(count)s part; we refuse it as a "
                            "possible decompression bomb.",
                            "The file holds more than %(count)s parts; we refuse it as a "
                            "possible decompression bomb.", limits.max_entries)
                   % {"count": limits.max_entries}, code="bomb")


def _check_declared_entries(path: Path, limits: Limits) -> None:
    """Counts the entries from the end record before zipfile reads the whole directory into
    memory (a directory of millions of entries is itself an attack). The ZIP64 count is left
    to `check`: zipfile reads it from the same place."""
    with path.open("rb") as file:
        size = file.seek(0, 2)
        file.seek(max(0, size - 65_557))  # the record, and a comment of at most 65,535 bytes
        tail = file.read()
    at = tail.rfind(_END)
    if at < 0 or len(tail) < at + 22:
        return  # zipfile says what is wrong
    entries = struct.unpack("<H", tail[at + 10: at + 12])[0]
    if entries != 0xFFFF and entries > limits.max_entries:
        raise _too_many(limits)


def read_member(archive: zipfile.ZipFile, name: str, limit: int = MAX_MEMBER) -> bytes:
    """The member's bytes, never more than it declares (nor than `limit`), even if its
    local header or its compressed stream says otherwise."""
    try:
        info = archive.getinfo(name)
    except KeyError as error:
        raise Refused(_("The file lacks a part it needs (%(name)s).") % {"name": name[:80]},
                      code="damaged") from error
    if info.file_size > limit:
        raise Refused(_("A part of the file is too large to read (%(size)s MB).")
                      % {"size": info.file_size >> 20}, code="bomb")
    allowed = min(info.file_size, limit) + 1
    chunks, total = [], 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(min(_CHUNK, allowed - total)):
                chunks.append(chunk)
                total += len(chunk)
                if total >= allowed:
                    raise Refused(_("A part of the file is bigger than it declares."),
                                  code="bomb")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise Refused(_("The file is damaged: a part of it cannot be unpacked."),
                      code="damaged") from error
    return b"".join(chunks)


def has_member(archive: zipfile.ZipFile, name: str) -> bool:
    return name in archive.NameToInfo


def parse_xml(data: bytes, *, doctype: bool = False) -> Element:
    """An XML tree with entity declarations and external references refused; a document
    type declaration is refused too unless `doctype` (EPUB files may carry a plain one)."""
    try:
        return fromstring(data, forbid_dtd=not doctype, forbid_entities=True,
                          forbid_external=True)
    except DefusedXmlException as error:
        raise Refused(_("The file's XML declares entities or a document type; we never "
                        "expand those."), code="xml") from error
    except (ParseError, ValueError) as error:
        raise Refused(_("The file is damaged: a part of its XML cannot be read."),
                      code="damaged") from error


def read_xml(archive: zipfile.ZipFile, name: str, *, doctype: bool = False) -> Element:
    return parse_xml(read_member(archive, name), doctype=doctype)
