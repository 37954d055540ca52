"""Writing a backup while the library keeps working.

The database snapshot comes first; then every stored file goes in. Stored files are never
changed once written (they are named by their checksum), so every file the snapshot refers
to is still there and whole: one that is missing or does not match its name is an error.
Files that arrived after the snapshot go in too, but one still being written (its bytes do
not match its name yet) is left out: the snapshot does not know it. The archive is written
beside its final name and renamed into place once whole, so a failed backup leaves none.
"""

import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resguardo.backups.archive import (
    FILES,
    SECRET_KEY,
    ArchiveWriter,
    BackupError,
    Manifest,
    checksum_in_name,
    safe_name,
    sha256_of,
    shown,
    size_in_words,
)
from resguardo.backups.databases import Snapshot, engine_for
from resguardo.lib.progress import Bar

# The names `resguardo backup` gives, which --keep may prune: they sort by time.
ARCHIVE_NAME = re.compile(r"resguardo-\d{8}-\d{6}\.tar\Z")


@dataclass
class Report:
    path: Path
    vendor: str
    database_bytes: int
    files: int
    files_bytes: int
    archive_bytes: int
    seconds: float
    left_out: list[str] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            _("Backup written to %(path)s") % {"path": self.path},
            _("The database (%(vendor)s): %(size)s") % {
                "vendor": self.vendor, "size": size_in_words(self.database_bytes)},
            ngettext("%(count)d stored file: %(size)s", "%(count)d stored files: %(size)s",
                     self.files) % {"count": self.files,
                                    "size": size_in_words(self.files_bytes)},
            _("The secret key."),
            _("The archive: %(size)s, written in %(seconds).1f seconds.") % {
                "size": size_in_words(self.archive_bytes), "seconds": self.seconds},
        ]
        if self.left_out:
            lines.append(ngettext(
                "%(count)d file left out (being written as the backup ran, or not named as "
                "stored files are): %(names)s",
                "%(count)d files left out (being written as the backup ran, or not named as "
                "stored files are): %(names)s", len(self.left_out)) % {
                    "count": len(self.left_out), "names": ", ".join(self.left_out[:10])})
        if self.pruned:
            lines.append(ngettext("%(count)d older backup removed.",
                                  "%(count)d older backups removed.", len(self.pruned))
                         % {"count": len(self.pruned)})
        lines.append(_("It holds the secret key and everyone's details: keep it encrypted, "
                       "and a copy away from this machine."))
        return lines


def default_path(folder: Path, now: datetime | None = None) -> Path:
    return folder / f"resguardo-{(now or datetime.now(UTC)):%Y%m%d-%H%M%S}.tar"


def back_up(out: Path, *, database: dict[str, Any], media_root: Path, secret_key: str,
            workspace: Path, overwrite: bool = False, keep: int = 0,
            progress: TextIO | None = None) -> Report:
    """Write a backup of the library to `out`. `database` is a Django DATABASES entry;
    `workspace` a folder for the database copy on its way into the archive. With `keep`,
    afterwards only the `keep` newest archives named as ours stay in out's folder."""
    started = time.monotonic()
    out, media_root = Path(out), Path(media_root)
    _check_out(out, media_root, overwrite)
    engine = engine_for(database)
    workspace.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workspace, prefix="backup-") as folder:
        snapshot = engine.snapshot(Path(folder))
        stored = stored_files(media_root)  # listed after the snapshot: it has all it knows
        missing = sorted(snapshot.references - stored.keys())
        if missing:
            raise BackupError(ngettext(
                "%(count)d stored file the database refers to is missing: %(names)s",
                "%(count)d stored files the database refers to are missing: %(names)s",
                len(missing)) % {"count": len(missing), "names": ", ".join(missing[:10])})
        report = Report(out, engine.vendor, 0, 0, 0, 0, 0.0)
        with _written_whole(out) as handle:
            _write(handle, engine.member, snapshot, stored, secret_key, report, progress)
    report.archive_bytes = out.stat().st_size
    report.pruned = prune(out.parent, keep) if keep else []
    report.seconds = time.monotonic() - started
    return report


def _check_out(out: Path, media_root: Path, overwrite: bool) -> None:
    if out.exists() and not overwrite:
        raise FileExistsError(_("%(path)s exists already.") % {"path": out})
    if not out.parent.is_dir():
        raise BackupError(_("There is no folder %(path)s.") % {"path": out.parent})
    if out.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(_("Write the backup outside the stored files' folder %(path)s.")
                          % {"path": media_root})


@contextmanager
def _written_whole(out: Path) -> Iterator[BinaryIO]:
    """A file written beside `out` (readable by its owner only), renamed into place once
    written and on disk; removed if writing fails."""
    partial = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    # Make the rename itself durable: a crash right after must not lose the archive.
    folder = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _write(handle: BinaryIO, member: str, snapshot: Snapshot, stored: dict[str, Path],
           secret_key: str, report: Report, progress: TextIO | None) -> None:
    writer = ArchiveWriter(handle)
    report.database_bytes = writer.add_file(member, snapshot.path, mode=0o600).size
    writer.add_bytes(SECRET_KEY, secret_key.encode(), mode=0o600, mtime=time.time())
    with Bar(_("Copying stored files"), len(stored), stream=progress) as bar:
        for name, path in sorted(stored.items()):
            size = (_add_referenced(writer, name, path) if name in snapshot.references
                    else _add_other(writer, name, path, report.left_out))
            if size is not None:
                report.files += 1
                report.files_bytes += size
            bar.advance()
    now = datetime.now(UTC)
    writer.finish(Manifest(
        created=now.isoformat(timespec="seconds"), app_version=_version(),
        vendor=report.vendor, database=member, facts=snapshot.facts,
        entries=writer.entries), now.timestamp())


def _add_referenced(writer: ArchiveWriter, name: str, path: Path) -> int:
    try:
        entry = writer.add_file(FILES + name, path)
    except FileNotFoundError:
        raise BackupError(_("The stored file %(name)s, which the database refers to, "
                            "disappeared during the backup.") % {"name": shown(name)}) from None
    except OSError as error:
        raise BackupError(_("The stored file %(name)s could not be copied: %(error)s")
                          % {"name": shown(name), "error": error}) from None
    expected = checksum_in_name(name)
    if expected and entry.sha256 != expected:
        raise BackupError(_("The stored file %(name)s is damaged: its bytes do not match "
                            "the checksum in its name.") % {"name": shown(name)})
    return entry.size


def _add_other(writer: ArchiveWriter, name: str, path: Path, left_out: list[str]
               ) -> int | None:
    """A file the snapshot does not refer to: new since it, or kept for another reason."""
    expected = checksum_in_name(name)
    try:
        if not safe_name(FILES + name) or (expected and sha256_of(path)[1] != expected):
            left_out.append(shown(name))
            return None
        return writer.add_file(FILES + name, path).size
    except FileNotFoundError:
        return None  # gone since it was listed; the snapshot never knew it
    except OSError as error:
        raise BackupError(_("The stored file %(name)s could not be copied: %(error)s")
                          % {"name": shown(name), "error": error}) from None


def stored_files(media_root: Path) -> dict[str, Path]:
    """Every regular file under `media_root` by its storage name (links are not followed)."""
    found: dict[str, Path] = {}
    for folder, _folders, names in os.walk(media_root):
        here = Path(folder)
        for name in names:
            path = here / name
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(media_root).as_posix()] = path
    return found


def prune(folder: Path, keep: int) -> list[Path]:
    archives = sorted(p for p in folder.iterdir() if ARCHIVE_NAME.match(p.name) and p.is_file())
    old = archives[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


def _version() -> str:
    try:
        return metadata.version("resguardo")
    except metadata.PackageNotFoundError:
        return "unknown"
