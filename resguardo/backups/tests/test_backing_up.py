"""What a backup holds, and what makes it fail: a file the database refers to that is
missing or damaged fails it and leaves no archive; a file still being written is left
out; an existing archive is kept; --keep prunes the oldest."""

import json
import os
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from resguardo.backups.archive import BackupError, sha256_of
from resguardo.backups.backup import default_path
from resguardo.backups.databases.postgres import find_tool
from resguardo.backups.tests import small

GUIDE, MAP = b"A guide to collective protection.\n", b"A map of the territory.\n"


def test_the_archive_holds_the_database_the_key_and_every_file_with_their_checksums(
        tmp_path: Path) -> None:
    library = small.make(tmp_path / "data", [GUIDE, MAP])
    report = small.backup(library, tmp_path / "backup.tar")
    with tarfile.open(tmp_path / "backup.tar") as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        tar.extractall(tmp_path / "out", filter="data")
    assert names[-1] == "manifest.json"
    assert sorted(names[:-1]) == sorted(
        ["database/resguardo.sqlite3", "secret_key",
         f"files/{small.stored_name(GUIDE)}", f"files/{small.stored_name(MAP)}"])
    assert manifest["vendor"] == "sqlite" and manifest["app_version"] and manifest["created"]
    for entry in manifest["entries"]:
        assert sha256_of(tmp_path / "out" / entry["name"]) == (entry["size"], entry["sha256"])
    assert (tmp_path / "out" / "secret_key").read_text() == small.KEY
    assert report.files == 2 and oct((tmp_path / "backup.tar").stat().st_mode)[-3:] == "600"
    assert "2 stored files" in "\n".join(report.lines())


def test_a_file_the_database_refers_to_that_is_missing_fails_the_backup(tmp_path: Path) -> None:
    library = small.make(tmp_path / "data", [GUIDE, MAP])
    (library / "files" / small.stored_name(MAP)).unlink()
    with pytest.raises(BackupError, match="1 stored file the database refers to is missing"):
        small.backup(library, tmp_path / "backup.tar")
    assert os.listdir(tmp_path) == ["data"]  # no archive, no part of one


def test_a_damaged_stored_file_fails_the_backup(tmp_path: Path) -> None:
    library = small.make(tmp_path / "data", [GUIDE])
    (library / "files" / small.stored_name(GUIDE)).write_bytes(b"A guide to somethin else.\n")
    with pytest.raises(BackupError, match="is damaged: its bytes do not match"):
        small.backup(library, tmp_path / "backup.tar")
    assert os.listdir(tmp_path) == ["data"]


def test_a_file_still_being_written_is_left_out_and_other_files_go_in(tmp_path: Path) -> None:
    library = small.make(tmp_path / "data", [GUIDE])
    arriving = library / "files" / small.stored_name(MAP)
    arriving.parent.mkdir(parents=True, exist_ok=True)
    arriving.write_bytes(MAP[:5])  # named for bytes not all written yet
    (library / "files" / "notes.txt").write_bytes(b"kept by hand")
    report = small.backup(library, tmp_path / "backup.tar")
    with tarfile.open(tmp_path / "backup.tar") as tar:
        names = tar.getnames()
    assert f"files/{small.stored_name(MAP)}" not in names
    assert "files/notes.txt" in names
    assert any("1 file left out" in line and small.stored_name(MAP) in line
               for line in report.lines())


def test_an_existing_archive_is_kept_unless_forced(tmp_path: Path) -> None:
    library = small.make(tmp_path / "data", [GUIDE])
    out = tmp_path / "backup.tar"
    out.write_bytes(b"last week's")
    with pytest.raises(FileExistsError):
        small.backup(library, out)
    assert out.read_bytes() == b"last week's"
    small.backup(library, out, overwrite=True)
    assert tarfile.is_tarfile(out)


def test_keep_removes_the_oldest_archives_named_as_ours_and_nothing_else(
        tmp_path: Path) -> None:
    library = small.make(tmp_path / "data", [GUIDE])
    folder = tmp_path / "backups"
    folder.mkdir()
    older = [default_path(folder, datetime(2025, 1, day, tzinfo=UTC)) for day in (1, 2, 3)]
    for path in older:
        path.write_bytes(b"old")
    (folder / "before-the-move.tar").write_bytes(b"mine")
    report = small.backup(library, default_path(folder), keep=2)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["before-the-move.tar", older[2].name, report.path.name])
    assert report.pruned == older[:2]


def test_a_missing_pg_dump_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="pg_dump is missing.*postgresql-client-15"):
        find_tool("pg_dump", 15, path=str(tmp_path), search=())


def test_a_pg_dump_older_than_the_server_is_refused_and_a_newer_one_chosen(
        tmp_path: Path) -> None:
    for major in (12, 16, 17):
        folder = tmp_path / str(major)
        folder.mkdir()
        tool = folder / "pg_dump"
        tool.write_text(f'#!/bin/sh\necho "pg_dump (PostgreSQL) {major}.3"\n')
        tool.chmod(0o755)
    search = (str(tmp_path / "*"),)
    with pytest.raises(BackupError, match="pg_dump 12 is older than the PostgreSQL server "
                                          r"\(15\).*postgresql-client-15"):
        find_tool("pg_dump", 15, path="", search=(str(tmp_path / "12"),))
    assert find_tool("pg_dump", 15, path="", search=search).major == 16
    assert find_tool("pg_dump", 17, path="", search=search).major == 17
