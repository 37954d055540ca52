"""An archive is refused, with a reason, and nothing is written anywhere, when it is not
exactly what `resguardo backup` writes: names that climb out or are absolute, links,
devices, folders, members twice, a manifest that does not match, a cut or altered byte."""

import io
import json
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from resguardo.backups.archive import BackupError
from resguardo.backups.restore import restore
from resguardo.backups.tests import small

GUIDE, MAP = b"A guide to collective protection.\n" * 50, b"A map of the territory.\n" * 50


@dataclass
class Member:
    info: tarfile.TarInfo
    data: bytes = b""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real backup of a small library."""
    folder = tmp_path_factory.mktemp("valid")
    return small.backup(small.make(folder / "source", [GUIDE, MAP]), folder / "valid.tar").path


def valid(archive: Path) -> tuple[list[Member], dict[str, Any]]:
    """The members and the manifest of `archive`, to change."""
    members, manifest = [], {}
    with tarfile.open(archive) as tar:
        for info in tar.getmembers():
            data = tar.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == "manifest.json":
                manifest = json.loads(data)
            else:
                members.append(Member(info, data))
    return members, manifest


def entries(members: list[Member]) -> list[dict[str, Any]]:
    import hashlib

    return [{"name": m.info.name, "size": len(m.data),
             "sha256": hashlib.sha256(m.data).hexdigest()}
            for m in members if m.info.isreg()]


def write(path: Path, members: list[Member], manifest: bytes | None) -> Path:
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for member in members:
            tar.addfile(member.info, io.BytesIO(member.data) if member.info.isreg() else None)
        if manifest is not None:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            tar.addfile(info, io.BytesIO(manifest))
    return path


def regular(name: str, data: bytes = b"evil") -> Member:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return Member(info, data)


def special(name: str, kind: bytes, linkname: str = "") -> Member:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    return Member(info)


# Each case changes the valid members and says what the refusal says. The manifest is made
# to match the members, so that the change is the only thing wrong.
Change = Callable[[list[Member]], list[Member]]
CASES: dict[str, tuple[Change, str]] = {
    "a name climbing out": (lambda ms: [*ms, regular("../evil")], "not a name"),
    "a name climbing out of files/": (lambda ms: [*ms, regular("files/../../evil")],
                                      "not a name"),
    "an absolute name": (lambda ms: [*ms, regular("/tmp/evil")], "not a name"),
    "a dot in a name": (lambda ms: [*ms, regular("files/./evil")], "not a name"),
    "a backslash": (lambda ms: [*ms, regular("files\\..\\evil")], "not a name"),
    "a line break in a name": (lambda ms: [*ms, regular("files/ev\nil")], "not a name"),
    "a name outside the layout": (lambda ms: [*ms, regular("evil")], "not a name"),
    "a second database": (lambda ms: [*ms, regular("database/sub/evil")], "not a name"),
    "a symbolic link": (lambda ms: [*ms, special("files/evil", tarfile.SYMTYPE, "/etc/passwd")],
                        "a link, folder or device"),
    "a hard link": (lambda ms: [*ms, special("files/evil", tarfile.LNKTYPE, "secret_key")],
                    "a link, folder or device"),
    "a device": (lambda ms: [*ms, special("files/evil", tarfile.CHRTYPE)],
                 "a link, folder or device"),
    "a fifo": (lambda ms: [*ms, special("files/evil", tarfile.FIFOTYPE)],
               "a link, folder or device"),
    "a folder": (lambda ms: [*ms, special("files/evil", tarfile.DIRTYPE)],
                 "a link, folder or device"),
    "a member twice": (lambda ms: [*ms, regular(ms[-1].info.name)], "twice"),
    "no secret key": (lambda ms: [m for m in ms if m.info.name != "secret_key"],
                      "lacks the database or the secret key"),
    "no database": (lambda ms: [m for m in ms if not m.info.name.startswith("database/")],
                    "lacks the database or the secret key"),
}


@pytest.fixture
def restored(tmp_path: Path) -> Path:
    return tmp_path / "restored"


def refused(archive: Path, folder: Path, reason: str) -> None:
    with pytest.raises(BackupError, match=reason):
        restore(archive, small.target(folder))
    assert not folder.exists(), sorted(folder.rglob("*"))
    assert not list(folder.parent.rglob("evil")), "written outside"


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_member_is_refused_before_anything_is_written(
        tmp_path: Path, archive: Path, restored: Path, case: str) -> None:
    change, reason = CASES[case]
    members, manifest = valid(archive)
    members = change(members)
    manifest["entries"] = entries(members)
    refused(write(tmp_path / "hostile.tar", members, json.dumps(manifest).encode()),
            restored, reason)


MANIFESTS: dict[str, tuple[Callable[[dict[str, Any], list[Member]], bytes | None], str]] = {
    "no manifest": (lambda m, ms: None, "no manifest"),
    "a manifest that is not JSON": (lambda m, ms: b"{'entries': [", "manifest is damaged"),
    "another program's manifest": (lambda m, ms: json.dumps({**m, "format": "other"}).encode(),
                                   "not a Resguardo backup's"),
    "a newer format": (lambda m, ms: json.dumps({**m, "format_version": 99}).encode(),
                       "newer Resguardo"),
    "a member left out of the manifest": (
        lambda m, ms: json.dumps({**m, "entries": entries(ms)[:-1]}).encode(),
        "which its manifest does not list"),
    "a member listed but missing": (
        lambda m, ms: json.dumps({**m, "entries": [
            *entries(ms), {"name": "files/gone.txt", "size": 1, "sha256": "0" * 64}]}).encode(),
        "listed in its manifest but missing"),
    "another size": (lambda m, ms: json.dumps({**m, "entries": [
        {**e, "size": e["size"] + 1} for e in entries(ms)]}).encode(), "not the size"),
    "a checksum that is not one": (lambda m, ms: json.dumps({**m, "entries": [
        {**e, "sha256": "../../evil"} for e in entries(ms)]}).encode(), "manifest is damaged"),
}


@pytest.mark.parametrize("case", MANIFESTS)
def test_a_manifest_that_does_not_match_is_refused(
        tmp_path: Path, archive: Path, restored: Path, case: str) -> None:
    make, reason = MANIFESTS[case]
    members, manifest = valid(archive)
    manifest["entries"] = entries(members)
    refused(write(tmp_path / "hostile.tar", members, make(manifest, members)), restored, reason)


def test_an_altered_byte_in_the_last_file_is_refused_and_what_was_copied_is_taken_away(
        tmp_path: Path, archive: Path, restored: Path) -> None:
    members, manifest = valid(archive)
    manifest["entries"] = entries(members)
    last = members[-1]
    assert last.info.name.startswith("files/")
    members[-1] = replace(last, data=last.data[:10] + b"X" + last.data[11:])
    refused(write(tmp_path / "altered.tar", members, json.dumps(manifest).encode()), restored,
            "does not match the checksum in its manifest")


def test_an_archive_cut_short_is_refused(tmp_path: Path, archive: Path, restored: Path) -> None:
    whole = archive.read_bytes()
    with tarfile.open(archive) as tar:
        manifest = tar.getmember("manifest.json")
    # In a file, in the manifest, in the first member (the tar's end padding alone can go:
    # every member is still whole).
    for length in (len(whole) // 2, manifest.offset_data + manifest.size // 2, 700):
        (tmp_path / "cut.tar").write_bytes(whole[:length])
        refused(tmp_path / "cut.tar", restored, "cut short|no manifest|damaged")


def test_what_is_not_a_tar_archive_is_refused(tmp_path: Path, restored: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(2000))
    refused(tmp_path / "photo.jpg", restored, "not a tar archive")
    refused(tmp_path / "nothing.tar", restored, "There is no file")


def test_a_damaged_database_with_a_matching_manifest_is_refused(
        tmp_path: Path, archive: Path, restored: Path) -> None:
    members, manifest = valid(archive)
    database = next(m for m in members if m.info.name.startswith("database/"))
    database.data = database.data[:100] + bytes(len(database.data) - 100)
    database.info.size = len(database.data)
    manifest["entries"] = entries(members)
    refused(write(tmp_path / "damaged.tar", members, json.dumps(manifest).encode()), restored,
            "database copy is damaged")


def test_a_folder_that_held_only_start_up_leftovers_is_left_as_it_was(
        tmp_path: Path, archive: Path) -> None:
    folder = tmp_path / "restored"
    (folder / "tmp").mkdir(parents=True)
    (folder / "secret_key").write_text("made at start-up")
    members, manifest = valid(archive)
    manifest["entries"] = entries(members)
    members[-1] = replace(members[-1], data=members[-1].data[::-1])
    altered = write(tmp_path / "altered.tar", members, json.dumps(manifest).encode())
    with pytest.raises(BackupError, match="does not match the checksum"):
        restore(altered, small.target(folder))
    assert sorted(p.name for p in folder.rglob("*")) == ["secret_key", "tmp"]
    assert (folder / "secret_key").read_text() == "made at start-up"
