"""ODT (and the ODF packages embedded in a DOCX or an ODT).

- Document properties (meta.xml) go, titles with them, as in DOCX.
- Comments and tracked changes stay, but their authors are removed (optional in ODF) and
  their dates go (a required date becomes 1970-01-01); printer names go.
- Nothing may act or fetch on opening: macros, event listeners, DDE links, applets, plugins
  and objects loaded from outside the package go, each named in the log.
- Embedded objects ("Object 1/") are folders of the same package, cleaned like it; embedded
  packages are cleaned one level deep (`embedded`).
"""

import posixpath
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from resguardo.ingest import archives
from resguardo.ingest.base import Limits
from resguardo.ingest.scrubbers import embedded, images
from resguardo.ingest.scrubbers.addresses import is_remote, safe_link
from resguardo.ingest.scrubbers.xml import XmlRule, children, escape, names, rewrite_xml
from resguardo.ingest.scrubbers.zips import copy_zip, entries

DC = "{http://purl.org/dc/elements/1.1/}"
OFFICE_URI = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
OFFICE = "{" + OFFICE_URI + "}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
CONFIG = "{urn:oasis:names:tc:opendocument:xmlns:config:1.0}"
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
                element in _ODF_LINKS and not safe_link(value))):
            self.acting.add(name)
            return None
        return value

    def text(self, name: str) -> str | None:
        return "1970-01-01T00:00:00" if name == DC + "date" else None


def _outside(href: str) -> bool:
    """An ODF reference the application loads from outside the package: another host, any
    scheme, an absolute path or a path above the package ("../picture.png")."""
    return is_remote(href) or href.lstrip().startswith(("/", "../", "\\"))


def _odf_meta(data: bytes) -> bytes:
    version = archives.parse_xml(data).get(OFFICE + "version", "1.2")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office='
            f'"{OFFICE_URI}" office:version="{escape(version, True)}"><office:meta/>'
            f"</office:document-meta>").encode()


class _Manifest(XmlRule):
    """META-INF/manifest.xml without the entries we left out, macro libraries included."""

    def __init__(self, removed: set[str]) -> None:
        self.removed = removed

    def drop(self, path: list[str], attrs: dict[str, str]) -> bool:
        full = attrs.get(MANIFEST + "full-path", "")
        return path[-1] == MANIFEST + "file-entry" and (
            full in self.removed or full.startswith(_ODF_MACROS))


def scrub(source: Path, target: Path, limits: Limits) -> list[str]:
    """Embedded objects ("Object 1/") are folders of the same package, cleaned like it;
    embedded packages are cleaned one level deep, and objects we cannot clean (OLE) are
    left out with their manifest entries, and the log names them."""
    log: dict[str, set[str]] = {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        cleaned = walk(old, new, limits, log, nested=False)
    lines = {"meta": _("ODT document properties: %(names)s"),
             "content": _("ODT tracked changes, annotations and printer: %(names)s"),
             "acting": _("ODT macros, scripts and links to files elsewhere, which would run "
                         "or be fetched on opening: %(names)s")}
    return [line % {"names": names(log[key])} for key, line in lines.items()
            if log.get(key)] + embedded.log(log) + images.log(cleaned + embedded.image_count(log))


def walk(old: zipfile.ZipFile, new: zipfile.ZipFile, limits: Limits,
         log: dict[str, set[str]], nested: bool) -> int:
    """An ODF package (the document, or one embedded in it) copied from `old` to `new`
    entry by entry, cleaned; returns how many images it cleaned."""
    packages, dropped = embedded.find(old, entries(old, limits), nested)

    def fix(name: str, data: bytes) -> bytes | None:
        if name in dropped or name in packages:
            return embedded.fix(name, data, packages, limits, log)
        if name == "META-INF/manifest.xml":
            return rewrite_xml(data, _Manifest(dropped))[0]
        if name.startswith(_ODF_MACROS):
            log.setdefault("acting", set()).add(name.partition("/")[0])
            return None
        base = posixpath.basename(name)
        if base == "meta.xml":
            log.setdefault("meta", set()).update(children(data, OFFICE + "meta"))
            return _odf_meta(data)
        if base in ("content.xml", "styles.xml", "settings.xml"):
            rule = _Odf()
            data, changed = rewrite_xml(data, rule)
            log.setdefault("content", set()).update(changed - rule.acting)
            log.setdefault("acting", set()).update(rule.acting)
        return data

    return copy_zip(old, new, limits, fix)


