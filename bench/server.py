"""The production server (`resguardo serve`, gunicorn) as a subprocess on a free port, always
stopped at the end: its whole process group (master and workers) by the master's id."""

import atexit
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

from measure import fetch

BIN = Path(__file__).resolve().parent.parent / ".venv" / "bin"
START_TIMEOUT = 120.0
_running: set[subprocess.Popen[bytes]] = set()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
    _running.discard(process)


@atexit.register
def _stop_all() -> None:
    for process in list(_running):
        _stop(process)


class Server:
    """`resguardo serve`; with memo=False, through bench/nomemo.py (see there); with
    settings="floor_settings", with the bench-only settings module of that name in bench/."""

    def __init__(
        self,
        env: dict[str, str],
        log: Path,
        workers: int | None = None,
        memo: bool = True,
        settings: str | None = None,
    ):
        self.env, self.log, self.workers, self.memo = env, log, workers, memo
        if settings:
            bench = str(Path(__file__).resolve().parent)
            self.env = env | {"DJANGO_SETTINGS_MODULE": settings, "PYTHONPATH": bench}
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Server":
        program = (
            [str(BIN / "resguardo")]
            if self.memo
            else [str(BIN / "python"), str(Path(__file__).with_name("nomemo.py"))]
        )
        command = [*program, "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.workers:
            command += ["--workers", str(self.workers)]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        _running.add(self.process)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start; see {self.log}")
            try:
                if fetch(self.port, "/robots.txt", timeout=5).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not answer within {START_TIMEOUT:.0f} s")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None:
            _stop(self.process)
