"""The sandbox holds a hostile reader to its limits: time, memory, output, network."""

import dataclasses
import json
import socket
import time
from pathlib import Path

import pytest

from resguardo.ingest import sandbox
from resguardo.ingest.base import Refused

PROBE = "resguardo.ingest.tests.probes"
TIGHT = sandbox.Bounds(seconds=2, memory=512 * 1024 * 1024, output=8 * 1024 * 1024)


def probe(tmp_path: Path, what: str, bounds: sandbox.Bounds = TIGHT) -> dict[str, object]:
    source = tmp_path / "upload"
    source.write_text(what)
    answer = sandbox.run(source, tmp_path / "cleaned", tmp_path, bounds=bounds, worker=PROBE,
                         language="en")
    report: dict[str, object] = json.loads(answer.text)
    return report


def test_a_reader_that_behaves_gets_its_answer_back(tmp_path: Path) -> None:
    assert probe(tmp_path, "fine") == {"what": "fine"}


@pytest.mark.parametrize("what", ["sleep", "spin"])
def test_a_reader_that_never_ends_is_stopped_at_the_time_limit(tmp_path: Path,
                                                              what: str) -> None:
    started = time.monotonic()
    with pytest.raises(Refused) as refused:
        probe(tmp_path, what)
    assert refused.value.code == "timeout"
    assert time.monotonic() - started < TIGHT.seconds + 3
    assert "took" in str(refused.value.reason)


def test_a_reader_that_eats_memory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Refused) as refused:
        probe(tmp_path, "memory")
    assert refused.value.code == "memory"


def test_a_reader_that_writes_without_end_is_cut_at_the_output_limit(tmp_path: Path) -> None:
    with pytest.raises(Refused) as refused:
        probe(tmp_path, "output")
    assert refused.value.code == "output"
    assert (tmp_path / "cleaned").stat().st_size <= TIGHT.output


def test_a_reader_cannot_start_other_programs(tmp_path: Path) -> None:
    started = str(probe(tmp_path, "children")["started"])
    assert started.startswith("no:") and "no fork" in started, started


@pytest.mark.parametrize("namespace", [True, False])
def test_a_reader_cannot_reach_the_network(tmp_path: Path, namespace: bool) -> None:
    """Against a port this test really listens on; with the network namespace, and without
    it (as where the system refuses one), when the audit hook alone must hold."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        answer = probe(tmp_path, f"network:{port}",
                       bounds=dataclasses.replace(TIGHT, namespace=namespace))
    assert str(answer["reached"]).startswith("no:"), answer


def test_the_reader_sees_no_secrets_from_the_environment(tmp_path: Path) -> None:
    names = probe(tmp_path, "environment")["names"]
    assert set(names) <= {*sandbox.ENVIRONMENT, "HOME", "TMPDIR"}, names
    assert "SECRET_KEY" not in names and "DATABASE_URL" not in names


def test_the_reader_holds_neither_the_sites_signing_key_nor_its_database(tmp_path: Path
                                                                         ) -> None:
    from django.conf import settings

    seen = probe(tmp_path, "secrets")
    assert seen["key"] != settings.SECRET_KEY
    assert seen["database"] != str(settings.DATABASES["default"]["NAME"])
