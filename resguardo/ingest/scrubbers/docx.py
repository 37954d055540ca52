"""DOCX (and the OOXML packages embedded in one: XLSX, PPTX).

- Document properties go, titles with them: they are often a working file name
  ("Microsoft Word - informe_ana_v3.docx") and the catalogue carries the real title.
  Custom properties, the list of people who edited, and SharePoint's customXml parts
  (owners, server ids) go too.
- Comments and tracked changes are content an editor may still need, so they stay, but their
  authors become "Author" (what Word's own "remove personal information" writes; the
  attribute is required) and their dates go. Word's session and document ids (rsid, docId),
  which would link the copy to the author's own files, go.
- Nothing may act or fetch on opening: relationships to outside files and fields that fetch
  or run go, each named in the log; a DOCX with macros or ActiveX controls is refused.
- Embedded packages (a chart's .xlsx) are cleaned like the document (`embedded`).
"""

import posixpath
import re
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from resguardo.ingest import archives
from resguardo.ingest.base import Limits, Refused
from resguardo.ingest.scrubbers import embedded, images
from resguardo.ingest.scrubbers.addresses import safe_link
from resguardo.ingest.scrubbers.xml import XmlRule, children, names, rewrite_xml
from resguardo.ingest.scrubbers.zips import copy_zip, entries

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W1X = ("{http://schemas.microsoft.com/office/word/2010/wordml}",
       "{http://schemas.microsoft.com/office/word/2012/wordml}")
W16 = ("{http://schemas.microsoft.com/office/word/2018/wordml/cex}",
       "{http://schemas.microsoft.com/office/word/2023/wordml/word16du}")
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


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
                and safe_link(relationship.get("Target", "")))


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


def scrub(source: Path, target: Path, limits: Limits) -> list[str]:
    """Embedded packages (a chart's .xlsx) are cleaned like the document; embedded objects
    we cannot clean (OLE .bin objects) are left out with their relationships, and the log
    names them. SharePoint's customXml parts (owners, server ids) go too."""
    log: dict[str, set[str]] = {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        cleaned = walk(old, new, limits, log, nested=False)
    return _docx_log(log) + embedded.log(log) + images.log(cleaned + embedded.image_count(log))


def walk(old: zipfile.ZipFile, new: zipfile.ZipFile, limits: Limits,
         log: dict[str, set[str]], nested: bool) -> int:
    """An OOXML package (the document, or a workbook embedded in it) copied from `old` to
    `new` entry by entry, cleaned; returns how many images it cleaned."""
    infos = entries(old, limits)
    _refuse_programs(old, infos)
    removed = {"docProps/custom.xml", "word/people.xml"}
    custom = {i.filename for i in infos if i.filename.startswith(("customXml/", "xl/persons/"))}
    packages, dropped = embedded.find(old, infos, nested)
    removed |= custom | dropped
    outside = _outside_links(old, infos, log)

    def fix(name: str, data: bytes) -> bytes | None:
        if name in custom:
            log.setdefault("customXml", set())
            return None
        if name in dropped or name in packages:
            return embedded.fix(name, data, packages, limits, log)
        if name in removed:
            log.setdefault(name, set())
            return None
        if name in ("docProps/core.xml", "docProps/app.xml"):
            log.setdefault(name, set()).update(children(data))
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

    return copy_zip(old, new, limits, fix)


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
    return [line % {"names": names(log[key])} for key, line in lines.items() if key in log]


