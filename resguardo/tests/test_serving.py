"""The real server (`resguardo serve`) as a reader, an adversary and an operator meet it.

Requests come from 127.23.45.67 (any 127.x address reaches a loopback server) with a user
agent and search words of their own, so the test can look for each in everything the
server printed, at its most talkative log level: none may be there. Malformed and oversized
requests get a page of ours, not gunicorn's bare one; no forwarded header passes a plain
request off as HTTPS; the master holds no database connection for its workers to inherit;
and a second server refuses a data folder already served.
"""

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from resguardo.tests import served

CLIENT = "127.23.45.67"
AGENT = "Mozilla/5.0 (Linux; Android 9; Itel A16) AuditAgent/7.3"
SECRET_WORDS = "zanahoriamorada"


def _send(port: int, raw: bytes) -> tuple[int, dict[str, str], str]:
    with socket.socket() as connection:
        connection.bind((CLIENT, 0))
        connection.settimeout(10)
        connection.connect(("127.0.0.1", port))
        connection.sendall(raw)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body.decode("utf-8", "replace")


def _get(port: int, target: str, *extra: str) -> tuple[int, dict[str, str], str]:
    lines = [f"GET {target} HTTP/1.1", "Host: 127.0.0.1", f"User-Agent: {AGENT}",
             "Connection: close", *extra]
    return _send(port, ("\r\n".join(lines) + "\r\n\r\n").encode())


@dataclass
class Served:
    port: int
    data: Path
    log: Path
    master: int


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module, logging at DEBUG into a file."""
    folder = tmp_path_factory.mktemp("serving")
    data, log = folder / "data", folder / "server.log"
    with served.database(data) as db, log.open("wb") as output:
        port = served.free_port()
        process = served.start(data, db, port, output=output, LOG_LEVEL="DEBUG")
        try:
            yield Served(port, data, log, process.pid)
        finally:
            served.stop(process)


def test_a_long_search_is_cut_politely_instead_of_refused(server: Served) -> None:
    words = quote(f"{SECRET_WORDS} comunicación " * 150)  # 4,350 characters, 5,400 bytes
    status, _headers, body = _get(server.port, f"/en/catalogue/?q={words}")
    assert status == 200
    assert "Your search was long, so only its first 1000 characters were searched." in body


def test_a_forwarded_https_header_is_not_trusted_from_the_same_machine(server: Served) -> None:
    for header in ("X-Forwarded-Proto: https", "X-Forwarded-Ssl: on",
                   "X-Forwarded-Protocol: ssl"):
        status, headers, _body = _get(server.port, "/en/", header)
        # Django sends HSTS on a request it takes for HTTPS, and only then.
        assert status == 200 and "strict-transport-security" not in headers, header


def test_an_address_past_any_limit_gets_a_page_in_every_language(server: Served) -> None:
    status, headers, body = _get(server.port, "/en/catalogue/?q=" + "a+" * 5000 + SECRET_WORDS)
    assert status == 414
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["x-frame-options"] == "DENY"
    assert '<html lang="en">' in body and "<h1>This address is too long.</h1>" in body
    assert 'lang="es"' in body and "Esta dirección es demasiado larga." in body
    assert 'lang="fr"' in body and 'lang="pt"' in body and SECRET_WORDS not in body


@pytest.mark.parametrize("raw", [
    b"GET /en/ HTTP/1.1\r\nHost: x\r\nBad Header: " + SECRET_WORDS.encode() + b"\r\n\r\n",
    b"GET /en/?q=" + SECRET_WORDS.encode() + b" HTTP/9.9\r\nHost: x\r\n\r\n",
    b"G(T /en/ HTTP/1.1\r\nHost: x\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64) + b"\r\n\r\n",
    b"POST /en/propose/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
    b"GET /en/ HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 150 + b"\r\n",
])
def test_a_malformed_request_gets_a_page_of_ours(server: Served, raw: bytes) -> None:
    status, headers, body = _send(server.port, raw)
    assert 400 <= status < 600 and status != 500
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert "<h1>" in body and 'lang="pt"' in body and SECRET_WORDS not in body


def test_the_master_holds_no_database_connection_for_its_workers_to_inherit(
        server: Served) -> None:
    for _ in range(4):  # every worker has answered, so has its own connection open
        assert _get(server.port, "/en/")[0] == 200
    assert not _database_handles(server.master, server.data)
    mine = [_database_handles(pid, server.data) for pid in served.children(server.master)]
    assert any(mine), "no worker with a connection of its own: the check proves nothing"


def _database_handles(pid: int, data: Path) -> set[str]:
    """The database files and PostgreSQL connections a process has open."""
    found = set()
    tcp = {line.split()[9]: line.split()[2] for name in ("tcp", "tcp6")
           for line in Path(f"/proc/{pid}/net/{name}").read_text().splitlines()[1:]}
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(data / "resguardo.sqlite3")):
            found.add(target)
        elif target.startswith("socket:[") and tcp.get(target[8:-1], "").endswith(":1538"):
            found.add(target)  # a connection to port 5432
    return found


def test_a_second_server_leaves_a_served_data_folder_alone(server: Served) -> None:
    port, data = server.port, server.data
    second = subprocess.run(
        [served.RESGUARDO, "serve", "--port", str(served.free_port()), "--wait", "1"],
        env={**os.environ, "DATA_DIR": str(data), "SECRET_KEY": "x", "LANGUAGE": "en"},
        capture_output=True, text=True, timeout=60)
    assert second.returncode != 0
    assert "Another Resguardo server is running on the data folder" in second.stderr
    assert _get(port, "/en/")[0] == 200


def test_nothing_the_server_printed_names_the_reader(server: Served) -> None:
    _get(server.port, f"/en/nowhere/?q={SECRET_WORDS}")  # a 404, logged by Django
    _send(server.port, b"POST /en/contact/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
    _send(server.port, b"GET /en/ HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n")
    printed = server.log.read_text()
    assert "Refused a request that could not be read" in printed  # it did log, at DEBUG
    for trace in (CLIENT, "AuditAgent", "Itel", SECRET_WORDS):
        assert trace not in printed


def _background_workers(master: int) -> list[int]:
    return [pid for pid in served.children(master)
            if b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")]


def test_the_master_keeps_a_background_worker_running(server: Served) -> None:
    """`make run` does the light versions of recordings too: serve's master starts a
    `resguardo worker`, and starts another when it dies (issue 15)."""
    (first,) = _wait_for_workers(server.master, lambda found: len(found) == 1)
    os.kill(first, signal.SIGKILL)
    (second,) = _wait_for_workers(server.master, lambda found: found not in ([], [first]))
    assert second != first


def _wait_for_workers(master: int, enough: Callable[[list[int]], bool]) -> list[int]:
    deadline = time.monotonic() + 30
    while not enough(found := _background_workers(master)):
        assert time.monotonic() < deadline, f"background workers: {found}"
        time.sleep(0.1)
    return found
