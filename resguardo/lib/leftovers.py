"""What a killed process left in DATA_DIR/tmp, deleted by `resguardo forget`.

A process killed in the middle of its work (a crash, `kill -9`, a power cut) cannot clean
up after itself, and what it leaves is what must not be kept: Django's copy of an upload
still arriving (`tmp*.upload*`) and ingestion's workspace (`ingest-*`) hold the file as it
was sent, authors' names and places included; a backup's workspace (`backup-*`) or a
restore's staging folder (`restore-*`) hold a copy of the database with contributors'
contact details that retention will never reach. Each is deleted once nothing in it was
written for a day: no request or command still working on it runs that long.
"""

import shutil
from pathlib import Path

from django.conf import settings

AGE = 24 * 60 * 60
LEFT_BY_US = ("tmp*.upload*", "ingest-*", "backup-*", "restore-*")


def _last_written(path: Path) -> float:
    if path.is_dir() and not path.is_symlink():
        return max([path.lstat().st_mtime, *(p.lstat().st_mtime for p in path.rglob("*"))])
    return path.lstat().st_mtime


def forget(*, now: float) -> int:
    """Delete what was left in DATA_DIR/tmp and not written since `now` minus a day;
    returns how many files or folders were deleted."""
    folder = Path(settings.DATA_DIR) / "tmp"
    deleted = 0
    for path in sorted({p for pattern in LEFT_BY_US for p in folder.glob(pattern)}):
        try:
            if now - _last_written(path) < AGE:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            continue  # the process it belongs to finished with it meanwhile
        deleted += 1
    return deleted
