"""Run the reading of an untrusted file in a separate, limited process.

A file sent by anyone may be made to hurt: to hang a parser, to eat the memory, to expand
into gigabytes, to make a library reach the network. The work happens in a child Python
process (`resguardo.ingest.worker`) that:

- has a wall-clock limit (killed with its whole process group when it passes),
- has an address-space limit (RLIMIT_AS) and a CPU-time limit,
- cannot write a file bigger than the output limit (RLIMIT_FSIZE), nor open many files,
- has no network: a fresh network namespace when the system allows one (only loopback,
  down), and in every case an audit hook in the child that refuses any socket,
- sees only a minimal environment, and works in a private temporary folder.

The parent reads the child's answer from a file in that folder and never trusts more than
the output limit of it.
"""

import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from resguardo.ingest.base import Refused

WORKER = "resguardo.ingest.worker"
CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class Bounds:
    seconds: int
    memory: int  # bytes of address space
    output: int  # bytes any file the child writes may reach

    @classmethod
    def from_settings(cls) -> "Bounds":
        return cls(settings.INGEST_TIMEOUT, settings.INGEST_MEMORY_MB * 1024 * 1024,
                   settings.INGEST_OUTPUT_MB * 1024 * 1024)


def _without_network() -> bool:
    """Move this (child) process into a network namespace of its own: no interfaces but a
    loopback that is down. Needs privileges (root, or user namespaces); False without."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def _limit(bounds: Bounds) -> None:  # runs in the child, between fork and exec
    os.setsid()  # its own process group: a timeout kills everything it started
    _without_network()
    resource.setrlimit(resource.RLIMIT_AS, (bounds.memory, bounds.memory))
    resource.setrlimit(resource.RLIMIT_CPU, (bounds.seconds, bounds.seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (bounds.output, bounds.output))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _environment(folder: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "DJANGO_SETTINGS_MODULE", "DATA_DIR", "SECRET_KEY",
            "DATABASE_URL", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update({"HOME": str(folder), "TMPDIR": str(folder), "PYTHONDONTWRITEBYTECODE": "1",
                "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1",
                "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE",
                                                         "resguardo.settings")})
    return env


def run(source: Path, target: Path, folder: Path, *, bounds: Bounds | None = None,
        worker: str = WORKER, language: str | None = None) -> dict[str, Any]:
    """Have the worker read `source` and write its cleaned copy to `target`, both inside
    `folder`; return its answer, or raise Refused with the reason."""
    bounds = bounds or Bounds.from_settings()
    answer = folder / "answer.json"
    command = [sys.executable, "-I", "-m", worker, str(source), str(target), str(answer),
               language or get_language() or settings.LANGUAGE_CODE]
    with subprocess.Popen(command, cwd=folder, env=_environment(folder),  # noqa: S603
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, preexec_fn=lambda: _limit(bounds),
                          close_fds=True) as child:
        try:
            errors = child.communicate(timeout=bounds.seconds)[1]
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            raise Refused(_("Reading this file took longer than %(seconds)d seconds, so it "
                            "was stopped. It may be damaged, or made to be too hard to read.")
                          % {"seconds": bounds.seconds}, "timeout") from None
    return _answer(child.returncode, answer, errors[-2000:], bounds)


def _answer(code: int, answer: Path, errors: bytes, bounds: Bounds) -> dict[str, Any]:
    if code in (-signal.SIGXCPU, -signal.SIGKILL) and not answer.exists():
        raise Refused(_("Reading this file took too long, so it was stopped."), "timeout")
    # Python ignores SIGXFSZ: past RLIMIT_FSIZE a write fails with EFBIG ("File too large").
    if code == -signal.SIGXFSZ or b"File too large" in errors:
        raise Refused(_("This file holds more than the library takes from one file "
                        "(%(mb)d MB once read).") % {"mb": bounds.output // 2**20}, "output")
    if not answer.exists() or answer.stat().st_size > bounds.output:
        if b"MemoryError" in errors:
            raise Refused(_("Reading this file needed more memory than allowed. It may be "
                            "damaged, or made to be too hard to read."), "memory")
        raise Refused(_("This file could not be read. It may be damaged."), "damaged")
    result: dict[str, Any] = json.loads(answer.read_text(encoding="utf-8"))
    if not result.get("ok"):
        raise Refused(str(result.get("reason", "")), str(result.get("code", "damaged")))
    return result
