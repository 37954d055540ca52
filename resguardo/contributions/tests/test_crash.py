"""Nothing acknowledged is lost, whichever process dies: the server's master alone (the OOM
killer, `kill -9 <pid>`, systemd's `KillMode=process`), one worker, or the whole group, each
with SIGKILL (no chance to clean up), several times, while contributors send proposals with
files. Every proposal whose reference code was shown is found again with its file.

The server is the real one (`resguardo serve`: gunicorn, two workers) on a data folder of
its own and a database of the suite's kind (SQLite, or a new PostgreSQL database).

What the killed processes left in DATA_DIR/tmp (uploads as they were sent) is gone once
the next server has started, and nothing of theirs is ever written to the system's
temporary folder (TMPDIR points the server at a folder of the test's).
"""

import hashlib
import http.client
import os
import random
import re
import signal
import threading
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from resguardo.contributions.tests.helpers import CODE
from resguardo.tests import served

# What is killed in each round. After "worker", gunicorn starts another and the round goes
# on until the group is killed; after "master", the orphaned workers must stop by themselves.
ROUNDS = ("master", "worker", "group", "master", "worker", "master")
SENDERS = 6


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=12)
    doc.multi_cell(0, 6, text)
    return bytes(doc.output())


class Sender(threading.Thread):
    """One contributor after another until told to stop; a failed send (the server or a
    worker gone) is simply not acknowledged, and the next one is tried."""

    def __init__(self, port: int, name: str, acknowledged: list[tuple[str, str]]) -> None:
        super().__init__(daemon=True)
        self.port, self.label, self.acknowledged = port, name, acknowledged
        self.stopping = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stopping.is_set():
            n += 1
            try:
                code = self._send(f"{self.label}-{n}")
            except (OSError, http.client.HTTPException, AssertionError):
                time.sleep(0.1)
                continue
            if code:
                self.acknowledged.append((code, f"{self.label}-{n}"))

    def _send(self, label: str) -> str | None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", "/en/propose/")
        form = connection.getresponse()
        page = form.read().decode()
        cookie = (form.getheader("Set-Cookie") or "").split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        stamp = re.search(r'name="shown" value="([^"]+)"', page)
        assert token and stamp, page[:500]
        body = encode_multipart(BOUNDARY, {
            "csrfmiddlewaretoken": token.group(1), "shown": stamp.group(1), "website": "",
            "title": f"Proposal {label}", "summary": "Sent while the server was killed.",
            "resource_type": "1", "permission": "CC BY 4.0", "risk": "no", "url": "",
            "upload": SimpleUploadedFile(f"{label}.pdf", _pdf(f"Community guide {label}")),
        })
        connection.request("POST", "/en/propose/", body=body,
                           headers={"Content-Type": MULTIPART_CONTENT, "Cookie": cookie})
        answer = connection.getresponse()
        html = answer.read().decode()
        connection.close()
        found = CODE.search(html)
        return found.group(1) if answer.status == 200 and found else None


def _check(data: Path, db: served.Database, acknowledged: list[tuple[str, str]]) -> None:
    if db.engine == "sqlite":
        assert db.rows("PRAGMA integrity_check") == [("ok",)]
        assert db.rows("PRAGMA journal_mode") == [("wal",)]
    for code, label in acknowledged:
        rows = db.rows(
            "SELECT r.title, r.file, r.file_sha256 FROM contributions_proposal p "
            "JOIN catalogue_resource r ON r.id = p.resource_id WHERE p.reference_hash = %s",
            hashlib.sha256(code.encode()).hexdigest())
        assert rows, f"proposal {label} ({code}) was acknowledged and is lost"
        title, name, sha = rows[0]
        assert title == f"Proposal {label}"
        stored = (data / "files" / name).read_bytes()
        assert hashlib.sha256(stored).hexdigest() == sha, f"the file of {label} changed"


def _until(acknowledged: list[tuple[str, str]], count: int) -> None:
    deadline = time.monotonic() + 90
    while len(acknowledged) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(acknowledged) >= count, "the server acknowledged too few proposals"


def _kill(server: "served.subprocess.Popen[bytes]", kind: str,
          acknowledged: list[tuple[str, str]]) -> None:
    if kind == "master":
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        # Orphaned workers finish the request in hand and stop; they used to answer for
        # 15-20 s more, on a database the next server then took for unused.
        assert served.gone_within(server, 10), "workers outlived their master"
        return
    if kind == "worker":
        os.kill(random.choice(served.children(server.pid)), signal.SIGKILL)  # noqa: S311
        _until(acknowledged, len(acknowledged) + 3)  # its replacement takes over
    served.stop(server)


def _scratch(data: Path) -> set[Path]:
    return set((data / "tmp").glob("process-*"))


def test_every_acknowledged_proposal_survives_each_kind_of_kill(tmp_path: Path) -> None:
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    acknowledged: list[tuple[str, str]] = []
    with served.short_folder() as folder, served.database(folder / "data") as db:
        data = folder / "data"
        for round_, kind in enumerate(ROUNDS):
            port = served.free_port()
            left = _scratch(data)
            server = served.start(data, db, port, TMPDIR=str(system_tmp))
            assert not left & _scratch(data), "a killed server's uploads are still there"
            senders = [Sender(port, f"r{round_}s{s}", acknowledged) for s in range(SENDERS)]
            try:
                for sender in senders:
                    sender.start()
                _until(acknowledged, len(acknowledged) + 4)
                time.sleep(random.uniform(0, 0.5))  # noqa: S311 (a moment, not a secret)
                _kill(server, kind, acknowledged)
            finally:
                for sender in senders:
                    sender.stopping.set()
                for sender in senders:
                    sender.join(timeout=60)
                served.stop(server)
            _check(data, db, acknowledged)
            assert not list(system_tmp.iterdir()), "the server wrote to the system's /tmp"
        assert len({code for code, _ in acknowledged}) == len(acknowledged)
    print(f"{len(acknowledged)} proposals acknowledged over {len(ROUNDS)} kills, all found")
