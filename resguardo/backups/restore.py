"""Restoring a backup into an empty data folder (and, on PostgreSQL, an empty database).

Nothing is written before the archive's layout and manifest are checked and the target is
known to be empty. Every member is then copied into a folder of our own inside the data
folder, checked against the manifest as it is written and read back once written, and the
database copy is checked by its engine. Only then do the stored files, the secret key and,
last, the database go in place; if that fails, what went in place is taken away again.
"""

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resguardo.backups.archive import (
    FILES,
    SECRET_KEY,
    ArchiveReader,
    BackupError,
    Manifest,
    size_in_words,
    verify_copies,
)
from resguardo.backups.databases import Engine, engine_for
from resguardo.lib.progress import Bar

# What may be in a data folder that counts as empty: what starting any `resguardo`
# command makes (an empty tmp folder, a new secret key, which the backup's replaces), empty
# cache folders, and backups waiting to be restored.
EMPTY_FOLDERS = ("tmp", "cache", "cache-pages", "cache-limits")
LEFT_ALONE = ("backups",)
REPLACED = (SECRET_KEY,)


@dataclass
class Target:
    data_dir: Path
    media_root: Path
    database: dict[str, Any]  # a Django DATABASES entry

    @property
    def secret_key(self) -> Path:
        return self.data_dir / "secret_key"


@dataclass
class Report:
    manifest: Manifest
    target: Target
    database: str
    files: int
    files_bytes: int
    seconds: float

    def lines(self) -> list[str]:
        return [
            _("Restored the backup made %(created)s by Resguardo %(version)s into %(folder)s")
            % {"created": self.manifest.created, "version": self.manifest.app_version,
               "folder": self.target.data_dir},
            _("The database: %(database)s") % {"database": self.database},
            ngettext("%(count)d stored file, %(size)s, in %(folder)s",
                     "%(count)d stored files, %(size)s, in %(folder)s", self.files) % {
                "count": self.files, "folder": self.target.media_root,
                "size": size_in_words(self.files_bytes)},
            _("The secret key: %(path)s") % {"path": self.target.secret_key},
            _("Every checksum matched, before and after writing. Took %(seconds).1f seconds.")
            % {"seconds": self.seconds},
            _("Next, run `resguardo setup` (it brings the database up to this version and "
              "collects static files), then start the library."),
        ]


def restore(archive: Path, target: Target, *, progress: TextIO | None = None) -> Report:
    started = time.monotonic()
    engine = engine_for(target.database)
    with ArchiveReader(Path(archive)) as reader:
        manifest = reader.manifest
        if manifest.vendor != engine.vendor or manifest.database != engine.member:
            raise BackupError(_(
                "This backup holds a %(theirs)s database, and this library uses %(ours)s: "
                "a backup is restored into the same kind of database it was made from.")
                % {"theirs": manifest.vendor, "ours": engine.vendor})
        problems = _not_empty(target, engine) + engine.problems(manifest.facts)
        if problems:
            raise BackupError(" ".join(problems))
        created = not target.data_dir.exists()
        try:
            _write(reader, target, engine, progress)
        except OSError as error:
            _forget(target.data_dir, created)
            raise BackupError(_("The backup could not be written: %(error)s")
                              % {"error": error}) from None
        except BaseException:
            _forget(target.data_dir, created)
            raise
    files = [e for e in manifest.entries if e.name.startswith(FILES)]
    return Report(manifest, target, engine.describe(), len(files), sum(e.size for e in files),
                  time.monotonic() - started)


def _write(reader: ArchiveReader, target: Target, engine: Engine,
           progress: TextIO | None) -> None:
    """Copy out and check every member in a folder of our own, then put them in place."""
    manifest = reader.manifest
    (target.data_dir / "tmp").mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.data_dir / "tmp", prefix="restore-"))
    try:
        _copy_out(reader, staging, progress)
        verify_copies(staging, manifest.entries)
        engine.check_copy(staging / manifest.database)
        _put_in_place(staging, manifest, target, engine)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _not_empty(target: Target, engine: Engine) -> list[str]:
    """What makes the target not empty, in words; nothing when it is."""
    found: list[Path] = []
    data_dir, media_root = target.data_dir, target.media_root
    if data_dir.is_dir():
        ours = {media_root, *engine.files()}
        for entry in sorted(data_dir.iterdir()):
            if entry in ours or entry.name in LEFT_ALONE or (
                    entry.name in REPLACED and entry.is_file()) or (
                    entry.name in EMPTY_FOLDERS and entry.is_dir() and not _has_files(entry)):
                continue
            found.append(entry)
    elif data_dir.exists():
        found.append(data_dir)
    if media_root.exists() and (not media_root.is_dir() or _has_files(media_root)):
        found.append(media_root)
    if not found:
        return []
    names = ", ".join(str(path) for path in found[:5])
    return [_("%(folder)s is not empty: it holds %(names)s. Restore into a new, empty folder "
              "(--data-dir), or move these away first.")
            % {"folder": data_dir, "names": names}]


def _has_files(folder: Path) -> bool:
    return any(names for _folder, _folders, names in os.walk(folder))


def _copy_out(reader: ArchiveReader, staging: Path, progress: TextIO | None) -> None:
    entries = reader.manifest.entries
    with Bar(_("Checking and copying"), len(entries), stream=progress) as bar:
        for entry in entries:
            path = staging / entry.name
            assert path.resolve().is_relative_to(staging.resolve()), entry.name
            path.parent.mkdir(parents=True, exist_ok=True)
            reader.copy_out(entry, path)
            os.chmod(path, 0o640 if entry.name.startswith(FILES) else 0o600)
            bar.advance()


def _put_in_place(staging: Path, manifest: Manifest, target: Target, engine: Engine) -> None:
    media_root, key = target.media_root, target.secret_key
    old_key = key.read_bytes() if key.is_file() else None
    placed = False
    try:
        for folder, _folders, _names in os.walk(media_root, topdown=False):
            os.rmdir(folder)  # empty folders only: it holds no files (checked)
        media_root.parent.mkdir(parents=True, exist_ok=True)
        files = staging / FILES.rstrip("/")
        if files.is_dir():
            shutil.move(files, media_root)
        else:
            media_root.mkdir()
        placed = True
        os.replace(staging / SECRET_KEY, key)
        engine.install(staging / manifest.database)
    except BaseException:
        if placed:
            shutil.rmtree(media_root, ignore_errors=True)
        if old_key is None:
            key.unlink(missing_ok=True)
        else:
            key.write_bytes(old_key)
        raise


def _forget(data_dir: Path, created: bool) -> None:
    """A data folder this restore made is taken away again when it fails."""
    if created:
        shutil.rmtree(data_dir, ignore_errors=True)
