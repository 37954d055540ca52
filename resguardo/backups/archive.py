"""The backup archive: a plain tar whose last member, `manifest.json`, lists every other
member with its size and SHA-256.

    database/resguardo.sqlite3   the database snapshot (database/resguardo.pgdump on
                                 PostgreSQL: pg_dump's custom format)
    secret_key                   the signing key the library was using
    files/<storage name>         every stored file
    manifest.json                written last, once every checksum is known

Tar rather than zip: it streams files of any size, stored files are mostly compressed
already, and `tar tf` lists it anywhere. Reading trusts nothing in the archive: every
member must be a regular file with a plain relative name in the layout above, lie wholly
inside the file, and be listed once in the manifest with the size its header gives; only
then is anything copied out, and each member's bytes are checked as they are copied.
"""

import hashlib
import io
import json
import os
import re
import tarfile
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, BinaryIO

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

FORMAT = "resguardo-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SECRET_KEY = "secret_key"
FILES = "files/"
DATABASE = "database/"
CHUNK = 1 << 20
# A manifest lists each file on a line of ~150 bytes: this is millions of files.
MANIFEST_LIMIT = 256 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
# Stored files are named by their own checksum: resources/ab/<sha256>.<ext>.
_NAMED_BY_CHECKSUM = re.compile(r"(?:.*/)?([0-9a-f]{64})\.[A-Za-z0-9]+\Z")


class BackupError(Exception):
    """A backup or restore that cannot go on, with the reason in words for the deployer."""


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    sha256: str


@dataclass
class Manifest:
    created: str  # ISO 8601, UTC
    app_version: str
    vendor: str  # the database engine: "sqlite" or "postgresql"
    database: str  # the member holding the database copy
    facts: dict[str, str]  # versions of the database and of the tools that copied it
    entries: list[Entry]

    def to_json(self) -> bytes:
        data = {"format": FORMAT, "format_version": FORMAT_VERSION, **asdict(self)}
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise BackupError(_("Its manifest is not a Resguardo backup's."))
            if not isinstance(data["format_version"], int) or (
                    data["format_version"] > FORMAT_VERSION):
                raise BackupError(_("It was made by a newer Resguardo: update this one first."))
            entries = [Entry(str(e["name"]), _size(e["size"]), _sha256(e["sha256"]))
                       for e in data["entries"]]
            facts = {str(k): str(v) for k, v in dict(data["facts"]).items()}
            return cls(created=str(data["created"]), app_version=str(data["app_version"]),
                       vendor=str(data["vendor"]), database=str(data["database"]),
                       facts=facts, entries=entries)
        except (ValueError, KeyError, TypeError):
            raise BackupError(_("Its manifest is damaged.")) from None


def _size(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(value)
    return value


def _sha256(value: Any) -> str:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise ValueError(value)
    return value


def shown(name: str) -> str:
    """A member's name as a message shows it: quoted, control characters escaped."""
    return json.dumps(name, ensure_ascii=False)


def safe_name(name: str) -> bool:
    """Whether `name` is one a Resguardo backup holds: relative, no `..`, in the layout."""
    if not name or len(name) > 4096 or name.startswith("/") or "\\" in name:
        return False
    if any(ord(c) < 32 or c == "\x7f" for c in name):
        return False
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    if name in (MANIFEST, SECRET_KEY):
        return True
    if f"{parts[0]}/" == DATABASE:
        return len(parts) == 2
    return f"{parts[0]}/" == FILES and len(parts) > 1


def size_in_words(count: int) -> str:
    # filesizeformat keeps number and unit together with a no-break space: fine in a page,
    # surprising in a terminal or a log.
    words = str(filesizeformat(count)).replace("\xa0", " ")
    return f"{words} ({count} bytes)" if count >= 1024 else words


def checksum_in_name(name: str) -> str | None:
    found = _NAMED_BY_CHECKSUM.match(name)
    return found.group(1) if found else None


def sha256_of(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


class _Hashing:
    """A reader that hashes what passes through it (tarfile reads members through it)."""

    def __init__(self, source: IO[bytes]):
        self.source, self.digest = source, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(size)
        self.digest.update(chunk)
        return chunk


class ArchiveWriter:
    def __init__(self, handle: BinaryIO):
        self.tar = tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT)
        self.entries: list[Entry] = []

    def add(self, name: str, source: IO[bytes], size: int, *, mode: int = 0o640,
            mtime: float = 0) -> Entry:
        """Copy `size` bytes of `source` in as `name`; OSError if it has fewer."""
        assert safe_name(name), name
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, mode, int(mtime)
        hashing = _Hashing(source)
        self.tar.addfile(info, hashing)  # type: ignore[arg-type]
        entry = Entry(name, size, hashing.digest.hexdigest())
        self.entries.append(entry)
        return entry

    def add_file(self, name: str, path: Path, *, mode: int = 0o640) -> Entry:
        with path.open("rb") as source:
            facts = os.fstat(source.fileno())
            return self.add(name, source, facts.st_size, mode=mode, mtime=facts.st_mtime)

    def add_bytes(self, name: str, data: bytes, *, mode: int = 0o600, mtime: float = 0
                  ) -> Entry:
        return self.add(name, io.BytesIO(data), len(data), mode=mode, mtime=mtime)

    def finish(self, manifest: Manifest, mtime: float) -> None:
        """Write the manifest (of everything added) last, and close the tar."""
        raw = manifest.to_json()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(raw), 0o644, int(mtime)
        self.tar.addfile(info, io.BytesIO(raw))
        self.tar.close()


class ArchiveReader:
    """A backup archive opened for restoring: its layout and manifest already checked."""

    def __init__(self, path: Path):
        self.path = path
        if not path.is_file():
            raise BackupError(_("There is no file %(path)s.") % {"path": path})
        try:
            self.tar = tarfile.open(path, mode="r:")
        except (tarfile.TarError, OSError):
            raise BackupError(_("%(path)s is not a Resguardo backup: it is not a tar "
                                "archive, or it is damaged.") % {"path": path}) from None
        try:
            self.members = self._members()
            self.manifest = self._manifest()
            self._match()
        except BaseException:
            self.tar.close()
            raise

    def __enter__(self) -> "ArchiveReader":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.tar.close()

    def _refuse(self, reason: str) -> BackupError:
        return BackupError(_("%(path)s cannot be restored. %(reason)s")
                           % {"path": self.path, "reason": reason})

    def _members(self) -> dict[str, tarfile.TarInfo]:
        try:
            listed = self.tar.getmembers()
        except (tarfile.TarError, OSError):
            raise self._refuse(_("It is damaged or cut short.")) from None
        length = self.path.stat().st_size
        members: dict[str, tarfile.TarInfo] = {}
        for member in listed:
            name = member.name
            if not member.isreg():
                raise self._refuse(_("It holds %(name)s, a link, folder or device: a "
                                     "Resguardo backup holds only plain files.")
                                   % {"name": shown(name)})
            if not safe_name(name):
                raise self._refuse(_("It holds %(name)s, which is not a name a Resguardo "
                                     "backup holds (absolute, with .., or outside its "
                                     "folders).") % {"name": shown(name)})
            if name in members:
                raise self._refuse(_("It holds %(name)s twice.") % {"name": shown(name)})
            if member.offset_data + member.size > length:
                raise self._refuse(_("It is cut short: %(name)s is incomplete.")
                                   % {"name": shown(name)})
            members[name] = member
        return members

    def _manifest(self) -> Manifest:
        member = self.members.get(MANIFEST)
        if member is None:
            raise self._refuse(_("It has no manifest: it is not a Resguardo backup, or it "
                                 "is cut short."))
        if member.size > MANIFEST_LIMIT:
            raise self._refuse(_("Its manifest is too large to be a Resguardo backup's."))
        try:
            return Manifest.from_json(self._read(member))
        except BackupError as error:
            raise self._refuse(str(error)) from None

    def _read(self, member: tarfile.TarInfo) -> bytes:
        handle = self.tar.extractfile(member)
        assert handle is not None  # a regular file, checked above
        with handle:
            return handle.read()

    def _match(self) -> None:
        listed = {entry.name: entry for entry in self.manifest.entries}
        if len(listed) != len(self.manifest.entries):
            raise self._refuse(_("Its manifest lists a file twice."))
        for name, member in self.members.items():
            if name == MANIFEST:
                continue
            if name not in listed:
                raise self._refuse(_("It holds %(name)s, which its manifest does not list.")
                                   % {"name": shown(name)})
            if listed[name].size != member.size:
                raise self._refuse(_("%(name)s is not the size its manifest gives.")
                                   % {"name": shown(name)})
        for name in listed:
            if name not in self.members:
                raise self._refuse(_("%(name)s is listed in its manifest but missing.")
                                   % {"name": shown(name)})
        if not self.manifest.database.startswith(DATABASE) or (
                self.manifest.database not in listed) or SECRET_KEY not in listed:
            raise self._refuse(_("It lacks the database or the secret key."))

    def copy_out(self, entry: Entry, target: Path) -> None:
        """Write the member to `target` (a new file), checking its bytes on the way."""
        source = self.tar.extractfile(self.members[entry.name])
        assert source is not None
        digest, size = hashlib.sha256(), 0
        try:
            with source, target.open("xb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
        except tarfile.TarError:
            raise self._refuse(_("It is damaged or cut short.")) from None
        if size != entry.size or digest.hexdigest() != entry.sha256:
            raise self._refuse(_("%(name)s does not match the checksum in its manifest: the "
                                 "archive is damaged or was altered.")
                               % {"name": shown(entry.name)})


def verify_copies(folder: Path, entries: list[Entry]) -> None:
    """Read back what was written under `folder` and check it against the manifest."""
    for entry in entries:
        if sha256_of(folder / entry.name) != (entry.size, entry.sha256):
            raise BackupError(_("%(name)s was written, but does not read back as it should: "
                                "check the disk.") % {"name": shown(entry.name)})
