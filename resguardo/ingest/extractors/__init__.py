"""One extractor per format, behind one signature, in a plain registry."""

from collections.abc import Callable
from pathlib import Path

from resguardo.ingest.base import Extraction, Limits

Extractor = Callable[[Path, Limits], Extraction]

# Imported after the signature: the modules below only import their siblings and base.
from resguardo.ingest.extractors import docx, epub, html, odt, pdf, text  # noqa: E402

EXTRACTORS: dict[str, Extractor] = {
    "pdf": pdf.extract,
    "docx": docx.extract,
    "odt": odt.extract,
    "epub": epub.extract,
    "html": html.extract,
    "markdown": text.extract_markdown,
    "text": text.extract_text,
}
