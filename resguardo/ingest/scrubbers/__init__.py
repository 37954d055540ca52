"""One scrubber per format, behind one signature, in a plain registry; `scrub()` runs one.

A copy of a document without the metadata that could identify the people who made it.
Contributors may be at risk, so the copy we publish keeps the content and drops who wrote,
edited, commented or photographed it, with what, where and when. A scrubber returns what it
removed, in words for the editor log. Nothing in the copy may act or fetch when it is opened
either: a script, an automatic action, a form that posts elsewhere, or a remote picture,
stylesheet or template would run code on the reader's machine or tell someone their address
and when they read it (a beacon). Each format's module says what goes from it, and why.

What several formats share lives beside them: `zips` (the archive written again), `xml`
(parts copied through an `XmlRule`), `embedded` (packages inside DOCX and ODT), `images`
(pictures cleaned in place), `addresses` (which addresses reach outside the document) and
`markup` (the HTML allow-list). A new format is one module here and one line below.
"""

import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.sax import SAXException

import pikepdf
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

from resguardo.ingest.base import DOCUMENTS, Damaged, Limits, Refused, accepted

# Writes to the target path a clean copy of the source; returns what went, for the log.
Scrubber = Callable[[Path, Path, Limits], list[str]]

# Imported after the signature: the modules below only import their siblings and base.
from resguardo.ingest.scrubbers import docx, epub, html, markdown, odt, pdf, text  # noqa: E402

SCRUBBERS: dict[str, Scrubber] = {
    "pdf": pdf.scrub,
    "docx": docx.scrub,
    "odt": odt.scrub,
    "epub": epub.scrub,
    "html": html.scrub,
    "markdown": markdown.scrub,
    "text": text.scrub,
}
assert SCRUBBERS.keys() == DOCUMENTS.keys()


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
