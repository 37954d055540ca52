"""Submissions arriving while a backup runs.

`python -m resguardo.backups.tests.writer [--kind proposal|resource] [--count N]
[--size BYTES]`, run in a library's environment (DATA_DIR, DATABASE_URL), adds one
submission after another and prints one JSON line for each once it is committed
(acknowledged), until it has made N of them (N = 0: until it is sent SIGTERM, when it
finishes the one under way).

A submitter is one function, and what it returns is all the tests look at: the rows that
record the submission (table and primary key) and the stored files it named.

- `proposal`: a contributor's proposal with a text file, through the same service the
  public form calls (the file read in the sandbox and stored, then the draft resource and
  the proposal committed in one transaction).
- `resource`: a resource with a stored file, kept the way an editor's upload is (the
  catalogue's `store_file()` and `create_resource()`), without the sandbox's process per
  file: fast enough to fill a library with files before a test.
"""

import argparse
import hashlib
import json
import os
import signal
import uuid
from pathlib import Path
from types import FrameType

Acknowledged = dict[str, object]  # {"rows": [[table, pk], ...], "files": [storage names]}


def propose(n: int, size: int) -> Acknowledged:
    import io

    from resguardo.catalogue.models import ResourceType
    from resguardo.contributions import services
    from resguardo.lib.antispam import stamp

    key = uuid.uuid4().hex
    fields = {"title": f"Proposal {n} ({key[:8]})", "summary": "Sent during a backup.",
              "resource_type": ResourceType.objects.order_by("pk").first(),
              "permission": "CC BY 4.0", "risk": "no", "contact": f"{key}@example.org"}
    received = services.submit(fields=fields, stamp=stamp(),
                               upload=io.BytesIO(_text(n, key, size)))
    proposal = received.proposal
    return {"rows": [[proposal._meta.db_table, proposal.pk],
                     [proposal.resource._meta.db_table, proposal.resource.pk]],
            "files": [proposal.resource.file.name]}


def add_resource(n: int, size: int) -> Acknowledged:
    from resguardo.catalogue.models import Resource, ResourceType
    from resguardo.catalogue.services import create_resource, store_file
    from resguardo.ingest import services

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
        store_file(ingested)
    resource = create_resource(ingested=ingested, fields={
        "title": f"Submission {n}", "slug": f"submission-{n}-{key[:8]}",
        "summary": f"Sent while a backup may be running ({key}).",
        "resource_type": ResourceType.objects.order_by("pk").first(),
        "status": Resource.Status.PUBLISHED})
    return {"rows": [[Resource._meta.db_table, resource.pk]], "files": [ingested.name]}


SUBMITTERS = {"proposal": propose, "resource": add_resource}


def _text(n: int, key: str, size: int) -> bytes:
    line = (f"Submission {n} ({key}): communities that protect themselves together map "
            "their risks, agree on alerts and keep a network of allies.\n").encode()
    return (line * (size // len(line) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=sorted(SUBMITTERS), default="proposal")
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
        print(json.dumps(SUBMITTERS[options.kind](made, options.size)), flush=True)
        made += 1


if __name__ == "__main__":
    main()
