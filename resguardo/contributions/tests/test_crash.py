"""Nothing acknowledged is lost: the server is killed (SIGKILL, no chance to clean up)
while contributors send proposals with files, five times over, and every proposal whose
reference code was shown is found again with its file, in a database that passes
`PRAGMA integrity_check`.

The server is the real one (`resguardo serve`: gunicorn, two workers) on its own SQLite
data folder, whatever database the rest of the suite uses.
"""

import hashlib
import http.client
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from resguardo.contributions.tests.helpers import CODE

RESGUARDO = str(Path(sys.executable).with_name("resguardo"))
ROUNDS = 5
SENDERS = 6


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(data: Path) -> dict[str, str]:
    return {**os.environ, "DATA_DIR": str(data), "SECRET_KEY": "crash-test",
            "DATABASE_URL": f"sqlite:///{data / 'resguardo.sqlite3'}", "DEBUG": "false",
            "SECURE_COOKIES": "false", "HUMAN_MIN_SECONDS": "0",
            "PROPOSALS_PER_HOUR": "1000000", "LOG_LEVEL": "CRITICAL"}


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=12)
    doc.multi_cell(0, 6, text)
    return bytes(doc.output())


class Sender(threading.Thread):
    """One contributor after another, until the server stops answering."""

    def __init__(self, port: int, name: str, acknowledged: list[tuple[str, str]]) -> None:
        super().__init__(daemon=True)
        self.port, self.label, self.acknowledged = port, name, acknowledged

    def run(self) -> None:
        n = 0
        while True:
            n += 1
            try:
                code = self._send(f"{self.label}-{n}")
            except (OSError, http.client.HTTPException):
                return  # the server is gone
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


def _serve(data: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [RESGUARDO, "serve", "--port", str(port), "--workers", "2"], env=_environment(data),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not start")


def _check(data: Path, acknowledged: list[tuple[str, str]]) -> None:
    database = sqlite3.connect(data / "resguardo.sqlite3")
    try:
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        for code, label in acknowledged:
            row = database.execute(
                "SELECT r.title, r.file, r.file_sha256 FROM contributions_proposal p "
                "JOIN catalogue_resource r ON r.id = p.resource_id WHERE p.reference_hash = ?",
                (hashlib.sha256(code.encode()).hexdigest(),)).fetchone()
            assert row, f"proposal {label} ({code}) was acknowledged and is lost"
            title, name, sha = row
            assert title == f"Proposal {label}"
            stored = (data / "files" / name).read_bytes()
            assert hashlib.sha256(stored).hexdigest() == sha, f"the file of {label} changed"
    finally:
        database.close()


def test_every_acknowledged_proposal_survives_kill_9(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run([RESGUARDO, "migrate", "--verbosity", "0"], env=_environment(data),
                   check=True)
    acknowledged: list[tuple[str, str]] = []
    for round_ in range(ROUNDS):
        port = _free_port()
        server = _serve(data, port)
        before = len(acknowledged)
        senders = [Sender(port, f"r{round_}s{s}", acknowledged) for s in range(SENDERS)]
        for sender in senders:
            sender.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < before + 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(random.uniform(0, 0.5))  # noqa: S311 (a moment, not a secret)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        for sender in senders:
            sender.join(timeout=60)
        assert len(acknowledged) >= before + 4, "the server acknowledged too few proposals"
        _check(data, acknowledged)
    assert len({code for code, _ in acknowledged}) == len(acknowledged)
    print(f"{len(acknowledged)} proposals acknowledged over {ROUNDS} kills, all found")
