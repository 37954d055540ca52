"""Restoring goes into an empty folder only: one holding nothing but what starting the
command makes (and backups waiting) counts as empty; anything else is refused, named,
and left as it was. A backup goes back into the kind of database it came from."""

import json
import sqlite3
import tarfile
from contextlib import closing
from pathlib import Path

import pytest

from resguardo.backups.archive import BackupError
from resguardo.backups.restore import restore
from resguardo.backups.tests import small

GUIDE, MAP = b"A guide to collective protection.\n", b"A map of the territory.\n"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return small.make(tmp_path / "source", [GUIDE, MAP])


@pytest.fixture
def archive(tmp_path: Path, source: Path) -> Path:
    return small.backup(source, tmp_path / "backup.tar").path


def listing(folder: Path) -> list[tuple[str, bytes]]:
    return sorted((str(p.relative_to(folder)), p.read_bytes() if p.is_file() else b"")
                  for p in folder.rglob("*"))


def test_a_backup_comes_back_whole_into_a_new_folder(
        tmp_path: Path, source: Path, archive: Path) -> None:
    folder = tmp_path / "new" / "data"
    report = restore(archive, small.target(folder))
    assert small.rows(folder) == small.rows(source)
    for content in (GUIDE, MAP):
        assert (folder / "files" / small.stored_name(content)).read_bytes() == content
    assert (folder / "secret_key").read_text() == small.KEY
    assert oct((folder / "secret_key").stat().st_mode)[-3:] == "600"
    with closing(sqlite3.connect(folder / "resguardo.sqlite3")) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert sorted(p.name for p in folder.iterdir()) == [
        "files", "resguardo.sqlite3", "secret_key", "tmp"]
    assert not list((folder / "tmp").iterdir())
    assert report.files == 2 and "Every checksum matched" in "\n".join(report.lines())


def test_what_starting_the_command_makes_and_waiting_backups_count_as_empty(
        tmp_path: Path, source: Path, archive: Path) -> None:
    folder = tmp_path / "data"
    for empty in ("tmp", "cache", "cache-pages", "files/resources"):
        (folder / empty).mkdir(parents=True)
    (folder / "secret_key").write_text("made when the command started")
    (folder / "backups").mkdir()
    waiting = archive.rename(folder / "backups" / archive.name)
    restore(waiting, small.target(folder))
    assert (folder / "secret_key").read_text() == small.KEY
    assert waiting.is_file() and small.rows(folder) == small.rows(source)


def _database_with_tables(folder: Path) -> None:
    small.make(folder, [b"another library's file"])


def _stored_file(folder: Path) -> None:
    (folder / "files" / "resources").mkdir(parents=True)
    (folder / "files" / "resources" / "kept.pdf").write_bytes(b"%PDF")


def _anything_else(folder: Path) -> None:
    folder.mkdir()
    (folder / "notes.txt").write_text("not ours")


def _a_cache_in_use(folder: Path) -> None:
    (folder / "cache").mkdir(parents=True)
    (folder / "cache" / "entry.djcache").write_bytes(b"page")


OCCUPIED = {
    "a library": (_database_with_tables, "holds a library already"),
    "a stored file": (_stored_file, r"is not empty: it holds .*files"),
    "a file of someone's": (_anything_else, r"is not empty: it holds .*notes\.txt"),
    "a cache in use": (_a_cache_in_use, r"is not empty: it holds .*cache"),
}


@pytest.mark.parametrize("case", OCCUPIED)
def test_a_folder_holding_anything_else_is_refused_and_left_as_it_was(
        tmp_path: Path, archive: Path, case: str) -> None:
    fill, reason = OCCUPIED[case]
    folder = tmp_path / "data"
    fill(folder)
    before = listing(folder)
    with pytest.raises(BackupError, match=reason):
        restore(archive, small.target(folder))
    assert listing(folder) == before


def test_a_postgresql_backup_is_not_restored_into_sqlite(tmp_path: Path, archive: Path) -> None:
    import io

    crossed = tmp_path / "crossed.tar"
    with tarfile.open(archive) as tar, tarfile.open(crossed, "w") as out:
        for info in tar.getmembers():
            data = tar.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == "manifest.json":
                manifest = json.loads(data)
                manifest["vendor"], manifest["database"] = "postgresql", "database/x.pgdump"
                for entry in manifest["entries"]:
                    entry["name"] = entry["name"].replace("resguardo.sqlite3", "x.pgdump")
                data = json.dumps(manifest).encode()
                info.size = len(data)
            info.name = info.name.replace("resguardo.sqlite3", "x.pgdump")
            out.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match="holds a postgresql database, and this library uses "
                                          "sqlite"):
        restore(crossed, small.target(tmp_path / "data"))
    assert not (tmp_path / "data").exists()
