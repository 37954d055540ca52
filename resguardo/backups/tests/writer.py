"""Submissions arriving while a backup runs.

`python -m resguardo.backups.tests.writer [--count N] [--size BYTES]`, run in a library's
environment (DATA_DIR, DATABASE_URL), adds one submission after another and prints one
JSON line for each once it is committed (acknowledged), until it has made N of them
(N = 0: until it is sent SIGTERM, when it finishes the one under way).

`submit()` is the one function that says what a submission is, and what it returns is all
the tests look at: the table and primary key of the row that records it, and the stored
files it named. Today a submission is a resource with a stored file, kept the way an
editor's upload is (ingestion's own `store()` and `apply()`: the file first, then the rows
in one transaction); only the reading in a sandbox is left out, which costs a process per
file and changes nothing a backup sees. When proposals arrive, a proposal sent through the
public form can take its place.
"""

import argparse
import hashlib
import json
import os
import signal
import uuid
from pathlib import Path
from types import FrameType

Acknowledged = dict[str, object]  # {"table": ..., "pk": ..., "files": [storage names]}


def submit(n: int, size: int) -> Acknowledged:
    from django.db import transaction

    from resguardo.catalogue.models import Resource, ResourceType
    from resguardo.ingest import services
    from resguardo.search.services import update_index

    key = uuid.uuid4().hex
    data = _text(n, key, size)
    sha = hashlib.sha256(data).hexdigest()
    with services.workspace() as folder:
        cleaned = Path(folder) / "cleaned"
        cleaned.write_bytes(data)
        ingested = services.Ingested(
            name=f"resources/{sha[:2]}/{sha}.txt", format="text", size=len(data), sha256=sha,
            source_sha256=sha, text=data[:2000].decode(), pages=None, language="en",
            cleaned=cleaned)
        services.store(ingested)
    with transaction.atomic():
        resource = Resource(title=f"Submission {n}", slug=f"submission-{n}-{key[:8]}",
                            summary=f"Sent while a backup may be running ({key}).",
                            resource_type=ResourceType.objects.order_by("pk").first())
        services.apply(resource, ingested)
        resource.publish()
        resource.save()
        services.set_language_if_missing(resource, ingested)
        update_index([resource])
    return {"table": Resource._meta.db_table, "pk": resource.pk, "files": [ingested.name]}


def _text(n: int, key: str, size: int) -> bytes:
    line = (f"Submission {n} ({key}): communities that protect themselves together map "
            "their risks, agree on alerts and keep a network of allies.\n").encode()
    return (line * (size // len(line) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--size", type=int, default=64 * 1024)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resguardo.settings")
    import django

    django.setup()
    stopping = []

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    made = 0
    while not stopping and (options.count == 0 or made < options.count):
        print(json.dumps(submit(made, options.size)), flush=True)
        made += 1


if __name__ == "__main__":
    main()
