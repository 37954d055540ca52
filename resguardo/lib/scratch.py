"""Each process's own scratch folder in DATA_DIR/tmp, and clearing what no process uses.

What we write while we work holds what must not be kept: Django's copy of an upload still
arriving and ingestion's workspace hold the file as it was sent (authors' names and places
included); a backup's workspace holds a copy of the database with contributors' contact
details; the ingestion fork server's socket folder would otherwise go to the system's /tmp.
All of it goes in `DATA_DIR/tmp/process-<random>/`, made at a process's first need and
locked (`flock`) for as long as that process lives.

A process that ends as it should deletes its folder on the way out. The kernel drops a
lock when its process ends, however it ends (`kill -9`, the OOM killer, a power cut), so a
folder whose lock can be taken belongs to no running process and can be deleted at once:
`resguardo serve` does so when it starts, `resguardo forget` daily. No age rule is needed
for those. Entries of the older layout (straight in DATA_DIR/tmp, unlocked) are deleted
once nothing in them was written for a day, as before.
"""

import contextlib
import fcntl
import multiprocessing.util
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

PREFIX = "process-"
LOCK = ".lock"
# A folder is made under a name the cleaner never takes, locked, then renamed: a cleaner
# never sees a process folder before its lock is held.
NEW = ".new-"
AGE = 24 * 60 * 60
OLD_LAYOUT = ("tmp*.upload*", "ingest-*", "backup-*", "restore-*", "pymp-*", NEW + "*")

_mine: tuple[int, Path, int] | None = None  # (pid, folder, the lock's descriptor)


def root() -> Path:
    return Path(settings.DATA_DIR) / "tmp"


def folder() -> Path:
    """This process's scratch folder, made and locked at its first call in each process (a
    forked child makes its own: the parent's may go when the parent ends)."""
    global _mine
    if (_mine is None or _mine[0] != os.getpid() or _mine[1].parent != root()
            or not _mine[1].is_dir()):
        _mine = _claim(root())
    return _mine[1]


def _claim(under: Path) -> tuple[int, Path, int]:
    under.mkdir(parents=True, exist_ok=True)
    while True:
        token = secrets.token_hex(4)  # short: the fork server's socket address must fit
        making = under / f"{NEW}{token}"
        try:
            making.mkdir(mode=0o700)
            break
        except FileExistsError:
            continue
    lock = os.open(making / LOCK, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    final = under / f"{PREFIX}{token}"
    making.rename(final)
    # At exit, after multiprocessing has removed its own folders in ours (its finalizer
    # has priority -100 and fails loudly if the folder is gone before it runs).
    multiprocessing.util.Finalize(None, _release, (os.getpid(), final, lock),
                                  exitpriority=-200)
    return os.getpid(), final, lock


def _release(pid: int, path: Path, lock: int) -> None:
    """A process ending as it should (a command, a worker recycled) takes its folder with
    it; a forked child inherits this hook but not the folder."""
    if os.getpid() == pid:
        shutil.rmtree(path, ignore_errors=True)
        os.close(lock)


@contextlib.contextmanager
def as_default() -> Iterator[Path]:
    """Make `tempfile` (and what uses it without a folder, such as multiprocessing's
    socket folder) write into this process's scratch folder for the duration."""
    saved = tempfile.tempdir
    tempfile.tempdir = str(folder())
    try:
        yield Path(tempfile.tempdir)
    finally:
        tempfile.tempdir = saved


def _unused(path: Path) -> int | None:
    """The lock of a process folder, taken, if no running process holds it; else None."""
    try:
        lock = os.open(path / LOCK, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None  # being deleted by another cleaner
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock)
        return None
    return lock


def _last_written(path: Path) -> float:
    if path.is_dir() and not path.is_symlink():
        return max([path.lstat().st_mtime, *(p.lstat().st_mtime for p in path.rglob("*"))])
    return path.lstat().st_mtime


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def clear(*, now: float) -> int:
    """Delete every process folder no running process holds, and what the older layout left
    and did not write since `now` minus a day; returns how many were deleted."""
    under = root()
    if not under.is_dir():
        return 0
    deleted = 0
    for path in sorted(under.glob(PREFIX + "*")):
        lock = _unused(path)
        if lock is None:
            continue
        try:
            _delete(path)  # holding its lock: nobody else deletes it meanwhile
            deleted += 1
        finally:
            os.close(lock)
    for path in sorted({p for pattern in OLD_LAYOUT for p in under.glob(pattern)}):
        try:
            if now - _last_written(path) >= AGE:
                _delete(path)
                deleted += 1
        except FileNotFoundError:
            continue  # the process it belongs to finished with it meanwhile
    return deleted
