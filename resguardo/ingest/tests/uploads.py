"""Taking a file in as an upload is, without a record: read and cleaned in the sandbox,
then stored (the catalogue's `ingest_file` does the same for a record, refusing
duplicates)."""

from pathlib import Path
from typing import IO

from resguardo.ingest import services


def ingest(upload: IO[bytes], *, language: str | None = None) -> services.Ingested:
    with services.workspace() as folder:
        ingested = services.read(upload, Path(folder), language=language)
        services.store(ingested)
    ingested.cleaned = None
    return ingested
