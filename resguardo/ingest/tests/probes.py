"""A stand-in for the worker, for testing the sandbox's limits: what it does is written in
the source file. It answers in the worker's `Answer`, its report as the text read."""

import json
import os
import socket
import sys
import time
from pathlib import Path

from resguardo.ingest.answer import Answer


def main(source: Path, target: Path, answer: Path, language: str) -> None:
    what = source.read_text()
    if what == "sleep":
        time.sleep(600)
    elif what == "spin":
        while True:
            pass
    elif what == "memory":
        hog = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB
        del hog
    elif what == "size":
        status = Path("/proc/self/status").read_text()
        say(answer, {"status": status})
        return
    elif what == "secrets":
        from django.conf import settings

        say(answer, {"key": settings.SECRET_KEY,
                     "database": str(settings.DATABASES["default"]["NAME"])})
        return
    elif what == "environment":
        say(answer, {"names": sorted(os.environ)})
        return
    elif what.startswith("network:"):  # a port the test listens on
        try:
            socket.create_connection(("127.0.0.1", int(what[8:])), timeout=2).close()
            reached = "yes"
        except (PermissionError, OSError) as error:
            reached = f"no: {error}"
        say(answer, {"reached": reached})
        return
    elif what == "output":
        with target.open("wb") as out:
            while True:
                out.write(b"x" * 1024 * 1024)
    elif what == "children":
        import subprocess

        try:
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])  # noqa: S603
            started = "yes"
        except (PermissionError, OSError) as error:
            started = f"no: {error}"
        try:
            pid = os.fork()
            if pid == 0:
                time.sleep(600)
            started += "; forked"
        except (PermissionError, OSError) as error:
            started += f"; no fork: {error}"
        say(answer, {"started": started})
        return
    say(answer, {"what": what})


def say(answer: Path, report: dict[str, object]) -> None:
    answer.write_text(Answer(format="text", text=json.dumps(report)).to_json())
