"""Files inside a DOCX or ODT. Packages embedded in them (a chart's workbook: DOCX, XLSX,
PPTX or an ODF package) are cleaned by the same rules as the document, one level deep;
OLE objects and deeper packages are left out with their relationships, and the log names
them.
"""

import zipfile
from io import BytesIO

from django.utils.translation import gettext as _

from resguardo.ingest.base import Limits
from resguardo.ingest.scrubbers import zips

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
MAX_EMBEDDED = 64 * 1024 * 1024  # one embedded package, unpacked: far beyond a chart's data


def find(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
         nested: bool) -> tuple[set[str], set[str]]:
    """(packages we clean, objects that go) among the entries, from their first bytes."""
    packages, dropped = set(), set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise zips.encrypted()
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
    from resguardo.ingest.scrubbers import docx, odt  # they call back here: imported on use

    inner = Limits(max_entries=limits.max_entries,
                   max_unpacked=min(limits.max_unpacked, MAX_EMBEDDED))
    out = BytesIO()
    kind = _package_kind(data)
    with zipfile.ZipFile(BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        if kind == "ooxml":
            images = docx.walk(old, new, inner, log, nested=True)
        elif kind == "odf":
            images = odt.walk(old, new, inner, log, nested=True)
        else:
            return None
    if images:
        log.setdefault("images", set()).add(str(images))
    return out.getvalue()


def fix(name: str, data: bytes, packages: set[str], limits: Limits,
        log: dict[str, set[str]]) -> bytes | None:
    clean = _scrub_package(data, limits, log) if name in packages else None
    if clean is None:
        log.setdefault("dropped", set()).add(name)
    else:
        log.setdefault("embedded", set()).add(name)
    return clean


def log(log: dict[str, set[str]]) -> list[str]:
    lines = {
        "embedded": _("Documents embedded in it, cleaned the same way: %(names)s"),
        "dropped": _("Embedded objects we cannot clean, left out: %(names)s"),
    }
    return [line % {"names": ", ".join(sorted(log[key]))} for key, line in lines.items()
            if log.get(key)]


def image_count(log: dict[str, set[str]]) -> int:
    return sum(int(n) for n in log.get("images", ()))


