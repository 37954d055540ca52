"""`resguardo backup`, then `resguardo restore` into a new data folder (and, on PostgreSQL,
a new empty database), as a deployer moving to a new machine runs them: every row of
every table, every stored file and the secret key come back identical; an altered archive
or a target that is not empty is refused, and nothing changes."""

import json
import re
import tarfile
from pathlib import Path

import pytest

from resguardo.backups.archive import sha256_of
from resguardo.backups.tests.conftest import Backup, Libraries
from resguardo.backups.tests.library import ON_POSTGRES, Library

# What starting any `resguardo` command leaves in a new data folder (settings.py makes
# tmp/ and the secret key; the caches make their folders).
START_UP = {"cache", "cache-limits", "cache-pages", "secret_key", "tmp"}


def assert_nothing_restored(library: Library) -> None:
    assert set(library.listing()) <= START_UP, library.listing()
    if ON_POSTGRES:
        assert library.tables() == {"(sequences)": []}


def test_a_restored_library_has_every_row_and_every_file_byte_for_byte(
        backed_up: Backup, libraries: Libraries) -> None:
    source, restored = backed_up.source, libraries.empty("restored")
    done = restored.resguardo("restore", str(backed_up.archive))
    assert "Every checksum matched, before and after writing" in done.stdout
    tables = source.tables()
    assert len(tables["catalogue_resource"]) == 17 + 3 + 2  # seed library and submissions
    assert len(tables["contributions_proposal"]) == 2
    assert restored.tables() == tables
    files = source.files()
    assert {name for ack in backed_up.acks for name in ack["files"]} == files.keys()
    assert restored.files().keys() == files.keys()
    for name, path in restored.files().items():
        assert path.read_bytes() == files[name].read_bytes()
    assert restored.secret_key() == source.secret_key()
    assert restored.indexed() == restored.published() != set()


def test_the_summary_and_the_manifest_account_for_everything(
        backed_up: Backup, tmp_path: Path) -> None:
    assert re.fullmatch(r"resguardo-\d{8}-\d{6}\.tar", backed_up.archive.name)
    assert f"Backup written to {backed_up.archive}" in backed_up.output
    assert "5 stored files" in backed_up.output
    assert f"The database ({'postgresql' if ON_POSTGRES else 'sqlite'})" in backed_up.output
    out = tmp_path / "listed"
    with tarfile.open(backed_up.archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        tar.extractall(out, filter="data")
    assert manifest["vendor"] == ("postgresql" if ON_POSTGRES else "sqlite")
    named = {entry["name"] for entry in manifest["entries"]}
    assert named == {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
                     } - {"manifest.json"}
    for entry in manifest["entries"]:
        assert sha256_of(out / entry["name"]) == (entry["size"], entry["sha256"])


def test_an_altered_archive_is_refused_and_nothing_is_restored(
        backed_up: Backup, libraries: Libraries) -> None:
    altered = libraries.folder / "altered.tar"
    data = bytearray(backed_up.archive.read_bytes())
    with tarfile.open(backed_up.archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith("files/"))
    data[member.offset_data + member.size // 2] ^= 0x20
    altered.write_bytes(bytes(data))
    restored = libraries.empty("restored")
    done = restored.resguardo("restore", str(altered), ok=False)
    assert done.returncode == 1
    assert f'"{member.name}" does not match the checksum in its manifest' in done.stderr
    assert "Nothing was restored." in done.stderr
    assert_nothing_restored(restored)


def test_restoring_over_a_library_is_refused_and_changes_nothing(backed_up: Backup) -> None:
    source = backed_up.source
    tables, listing = source.tables(), source.listing()
    done = source.resguardo("restore", str(backed_up.archive), ok=False)
    assert done.returncode == 1
    assert "is not empty: it holds" in done.stderr
    assert ("PostgreSQL database" in done.stderr and "is not empty: restore into a new, empty "
            "database" in done.stderr) if ON_POSTGRES else (
        "holds a library already" in done.stderr)
    assert source.tables() == tables and source.listing() == listing


@pytest.mark.skipif(not ON_POSTGRES, reason="on SQLite the database is in the data folder")
def test_a_new_data_folder_with_the_database_of_a_library_is_refused(
        backed_up: Backup, libraries: Libraries) -> None:
    """On PostgreSQL the data folder may be new and the database not: both must be empty."""
    restored = Library(libraries.folder / "restored", backed_up.source.database_url)
    tables = backed_up.source.tables()
    done = restored.resguardo("restore", str(backed_up.archive), ok=False)
    assert done.returncode == 1
    assert "is not empty: restore into a new, empty database" in done.stderr
    assert "it holds" not in done.stderr  # the folder was fine
    assert set(restored.listing()) <= START_UP and backed_up.source.tables() == tables
