"""A backup taken while proposals with files keep arriving, from two processes at once,
restores every proposal acknowledged before it began, identical, with its resource and
its file; and whatever else it caught is whole: rows as the library had them, every file
they name, byte for byte, and a search index that agrees with the catalogue.

What a submission is lives in one function per kind, in `writer.py`."""

import time
from typing import Any

from resguardo.backups.tests.conftest import Libraries
from resguardo.backups.tests.library import ON_POSTGRES, Submissions, wait_until

WRITERS = 2
# Tables rewritten in place as the library works (the search index's state and, on
# SQLite, the full-text index's own pages): everything else only ever gains rows here.
REWRITTEN = ("search_indexstate", "search_fts_", "(sequences)", "sqlite_sequence")


def test_a_backup_taken_during_submissions_restores_every_acknowledged_one(
        libraries: Libraries) -> None:
    source = libraries.migrated("source")
    # Files enough that copying them takes a while, with submissions still arriving.
    earlier = source.submit(40, 256 * 1024)
    archive = source.data_dir.parent / "during.tar"
    with source.long_read():
        writers = [Submissions(source) for _ in range(WRITERS)]
        try:
            wait_until(lambda: all(w.count() >= 3 for w in writers))
            began = time.monotonic()
            done = source.resguardo("backup", str(archive))
            ended = time.monotonic()
            wait_until(lambda: all(w.count(since=ended) >= 2 for w in writers))
        finally:
            acks = [ack for w in writers for ack in w.stop()]
    acknowledged = earlier + [ack for when, ack in acks if when < began]
    during = [ack for when, ack in acks if began <= when < ended]
    assert during, "no submission was acknowledged while the backup ran"

    restored = libraries.empty("restored")
    restored.resguardo("restore", str(archive))

    final_source, final_restored = source.tables(), restored.tables()
    wanted = [(table, pk) for ack in acknowledged for table, pk in ack["rows"]]
    for table in {table for table, _pk in wanted}:
        theirs, ours = source.rows(table), restored.rows(table)
        for pk in (pk for name, pk in wanted if name == table):
            assert ours.get(pk) == theirs[pk], (table, pk)
    for table, rows in final_restored.items():
        if not table.startswith(REWRITTEN):
            missing = set(map(repr, rows)) - set(map(repr, final_source[table]))
            assert not missing, (table, sorted(missing)[:3])
    _assert_files_whole(source.files(), restored, acknowledged)
    assert restored.indexed() == restored.published()
    proposals = [ack for ack in acknowledged if ack["rows"][0][0] == "contributions_proposal"]
    assert proposals, "no proposal was acknowledged before the backup"
    caught = len(final_restored["contributions_proposal"]) - len(proposals)
    print(f"\n{len(proposals)} proposals acknowledged before the backup, {len(during)} "
          f"during it, {caught} of the others in the snapshot; {done.stdout.splitlines()[2]} "
          f"({'PostgreSQL' if ON_POSTGRES else 'SQLite'})")


def _assert_files_whole(source_files: dict[str, Any], restored: Any,
                        acknowledged: list[dict[str, Any]]) -> None:
    files = restored.files()
    wanted = {name for ack in acknowledged for name in ack["files"]}
    assert wanted <= files.keys()
    assert restored.referenced_files() <= files.keys()
    for name, path in files.items():
        assert path.read_bytes() == source_files[name].read_bytes(), name
