"""One extractor per format, behind one signature, in a plain registry."""

from collections.abc import Callable
from pathlib import Path

from resguardo.ingest.base import Extraction, Limits

Extractor = Callable[[Path, Limits], Extraction]

EXTRACTORS: dict[str, Extractor] = {}
