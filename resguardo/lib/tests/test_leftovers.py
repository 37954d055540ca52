"""What a killed process leaves in DATA_DIR/tmp (an upload not yet cleaned of its authors'
names, a backup's copy of the database with contact details in it) is deleted by
`resguardo forget` a day after it was last written; what a live process is using is not."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db
DAY = 24 * 60 * 60


def _written(path: Path, content: bytes, *, seconds_ago: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    when = time.time() - seconds_ago
    os.utime(path, (when, when))
    for folder in path.parents:
        if folder.name == "tmp":
            break
        os.utime(folder, (when, when))
    return path


def test_forget_deletes_what_killed_processes_left_a_day_ago(settings: object,
                                                              tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    tmp = tmp_path / "tmp"
    upload = _written(tmp / "tmpa1b2c3.upload.pdf", b"Author: Ana Defensora",
                      seconds_ago=DAY + 60)
    reading = _written(tmp / "ingest-x1y2" / "upload", b"Author: Ana", seconds_ago=2 * DAY)
    copy = _written(tmp / "backup-q9w8" / "resguardo.sqlite3", b"contact: +57 300",
                    seconds_ago=3 * DAY)
    live = _written(tmp / "ingest-now" / "upload", b"being read", seconds_ago=60)
    arriving = _written(tmp / "tmpz9.upload", b"arriving", seconds_ago=10)
    other = _written(tmp / "not-ours.txt", b"someone else's", seconds_ago=9 * DAY)
    out = StringIO()
    call_command("forget", stdout=out)
    assert not upload.exists() and not reading.parent.exists() and not copy.parent.exists()
    assert live.exists() and arriving.exists() and other.exists()
    assert "3 files or folders left in" in out.getvalue()
