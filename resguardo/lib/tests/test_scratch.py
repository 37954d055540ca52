"""What a stopped process leaves in DATA_DIR/tmp (an upload not yet cleaned of its authors'
names, a backup's copy of the database with contact details in it) is deleted as soon as
no running process holds it: when the server starts and by `resguardo forget`. What a live
process is using is kept, however old; a process that ends as it should takes its own."""

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from resguardo.lib import scratch

pytestmark = pytest.mark.django_db
DAY = 24 * 60 * 60
HOLDER = """
import sys, django
django.setup()
from resguardo.lib import scratch
upload = scratch.folder() / "tmpa1b2.upload.pdf"
upload.write_bytes(b"Author: Ana Defensora, GPS 4.6097,-74.0817")
print(upload, flush=True)
sys.stdin.read()
"""


def _holder(data: Path) -> tuple[subprocess.Popen[str], Path]:
    """Another process with an upload in its scratch folder, alive until told."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, env={**os.environ, "DATA_DIR": str(data),
                        "DJANGO_SETTINGS_MODULE": "resguardo.settings"})
    assert process.stdout
    return process, Path(process.stdout.readline().strip())


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


def test_a_killed_process_s_upload_goes_at_once_and_a_live_one_s_stays(
        settings: object, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    killed, left = _holder(tmp_path)
    live, kept = _holder(tmp_path)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        mine = scratch.folder() / "arriving.upload"
        mine.write_bytes(b"being read")
        assert scratch.clear(now=time.time()) == 1
        assert not left.parent.exists()
        assert kept.exists() and mine.exists()
    finally:
        live.communicate("")
        killed.wait()
    assert not kept.parent.exists()  # the live one ended as it should, taking it along


def test_each_process_and_each_fork_has_its_own_folder(settings: object,
                                                       tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    mine = scratch.folder()
    assert mine == scratch.folder() and mine.parent == tmp_path / "tmp"
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child reports through the pipe)
        os.write(write, str(scratch.folder()).encode())
        os._exit(0)
    os.waitpid(child, 0)
    os.close(write)
    theirs = Path(os.read(read, 4096).decode())
    os.close(read)
    assert theirs != mine and theirs.parent == mine.parent


def test_forget_deletes_what_the_older_layout_left_a_day_ago(settings: object,
                                                             tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    tmp = tmp_path / "tmp"
    upload = _written(tmp / "tmpa1b2c3.upload.pdf", b"Author: Ana Defensora",
                      seconds_ago=DAY + 60)
    reading = _written(tmp / "ingest-x1y2" / "upload", b"Author: Ana", seconds_ago=2 * DAY)
    copy = _written(tmp / "backup-q9w8" / "resguardo.sqlite3", b"contact: +57 300",
                    seconds_ago=3 * DAY)
    socket_folder = _written(tmp / "pymp-a1b2c3" / "listener-x", b"", seconds_ago=2 * DAY)
    live = _written(tmp / "ingest-now" / "upload", b"being read", seconds_ago=60)
    arriving = _written(tmp / "tmpz9.upload", b"arriving", seconds_ago=10)
    other = _written(tmp / "not-ours.txt", b"someone else's", seconds_ago=9 * DAY)
    out = StringIO()
    call_command("forget", stdout=out)
    assert not upload.exists() and not reading.parent.exists() and not copy.parent.exists()
    assert not socket_folder.parent.exists()
    assert live.exists() and arriving.exists() and other.exists()
    assert "4 files or folders left in" in out.getvalue()
