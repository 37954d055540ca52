"""Plain text carries no metadata and nothing that acts: it is copied as it is."""

import shutil
from pathlib import Path

from resguardo.ingest.base import Limits


def scrub(source: Path, target: Path, limits: Limits) -> list[str]:
    shutil.copyfile(source, target)
    return []
