"""PDF: document info, XMP metadata, private application data, annotation authors and
dates, attached files, and JPEG metadata go; so does what acts.

- PDF attached files go whole (names, associated files, attachment annotations).
- Every action other than going to a page of the same document or to the next/previous
  /first/last page goes, and so do additional actions (/AA), document JavaScript, XFA forms,
  references to other files, and annotations that play what they hold (3D, RichMedia,
  Screen, Movie, Sound). A link annotation keeps a web address (http, https,
  mailto) a reader clicks; anywhere else a URI action goes too. An /OpenAction that is only
  a page to show first (a destination or a GoTo) stays: most writers put one in.
"""

from collections.abc import Iterator
from pathlib import Path

import pikepdf
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resguardo.ingest.base import Limits, Refused
from resguardo.ingest.scrubbers import images
from resguardo.ingest.scrubbers.addresses import LINK_SCHEMES, scheme


def scrub(source: Path, target: Path, limits: Limits) -> list[str]:
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
        actions = pdf_actions(pdf)
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
    clean = images.clean_jpeg(raw)
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
    return log + images.log(counts["images"])



_PDF_DANGER = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE",
               "/RichMediaExecute", "/Rendition", "/Movie", "/Sound", "/Thread"}
_PDF_NAMED = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}


def pdf_actions(pdf: pikepdf.Pdf) -> set[str]:
    """Removes from `pdf` what runs, sends or opens something by itself; returns the names
    of what went ("JavaScript", "OpenAction", …). Direct objects are walked too (an
    annotation's action is often written inside it), without recursion: a hostile file may
    nest arrays 100,000 deep."""
    found: set[str] = set()
    for page in pdf.pages:
        _pdf_players(page.obj, found)
    for obj in pdf.objects:
        for holder in _pdf_dictionaries(obj):
            _pdf_disarm(holder, found)
    return found


# Annotations that play or run what they hold (a 3D model's scripts, Flash, a film), some as
# soon as their page is shown: they go whole.
_PDF_PLAYERS = {"/3D", "/RichMedia", "/Screen", "/Movie", "/Sound"}


def _pdf_players(page: pikepdf.Object, found: set[str]) -> None:
    annotations = page.get("/Annots")
    if not isinstance(annotations, pikepdf.Array):
        return
    kept, players = [], set()
    for annotation in annotations:
        kind = annotation.get("/Subtype") if isinstance(annotation, pikepdf.Dictionary) else None
        if kind in _PDF_PLAYERS:
            players.add(str(kind)[1:])
        else:
            kept.append(annotation)
    if players:
        found.update(players)
        page.Annots = pikepdf.Array(kept)


def _pdf_dictionaries(root: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """`root` and the dictionaries written inside it (not those it refers to: they are
    objects of their own, which `pdf.objects` gives)."""
    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
            children = [obj[key] for key in obj.keys()]
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            continue
        stack.extend(child for child in children if isinstance(
            child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect)


def _pdf_disarm(obj: pikepdf.Object, found: set[str]) -> None:
    for key in ("/AA", "/JS", "/JavaScript", "/XFA", "/Next"):
        if key in obj:
            found.add(key[1:])
            del obj[key]
    opening = obj.get("/OpenAction")
    if opening is not None and not isinstance(opening, pikepdf.Array) and not _pdf_allowed(
            opening, obj):  # a page to show first stays, as a destination or a GoTo
        found.add("OpenAction")
        del obj["/OpenAction"]
    for key in ("/A", "/PA"):
        action = obj.get(key)
        if action is not None and not _pdf_allowed(action, obj):
            found.add(_pdf_kind(action))
            del obj[key]
    if obj.get("/S") in _PDF_DANGER:  # an action we may not have reached through a key
        found.add(str(obj.get("/S"))[1:])
        for key in list(obj.keys()):
            del obj[key]
    if obj.get("/Subtype") == pikepdf.Name.Form and "/Ref" in obj:  # a page of another file
        found.add("Ref")
        del obj["/Ref"]


def _pdf_kind(action: pikepdf.Object) -> str:
    kind = action.get("/S") if isinstance(action, pikepdf.Dictionary) else None
    return str(kind)[1:] if isinstance(kind, pikepdf.Name) else "A"


def _pdf_allowed(action: pikepdf.Object, holder: pikepdf.Object) -> bool:
    if not isinstance(action, pikepdf.Dictionary):
        return False
    kind = action.get("/S")
    if kind == pikepdf.Name.GoTo:
        return True
    if kind == pikepdf.Name.Named:
        return action.get("/N") in _PDF_NAMED
    if kind == pikepdf.Name.URI and holder.get("/Subtype") == pikepdf.Name.Link:
        uri = action.get("/URI")
        return isinstance(uri, pikepdf.String) and scheme(str(uri)) in LINK_SCHEMES
    return False


