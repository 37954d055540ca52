"""Run the reading of an untrusted file in a separate, limited process.

A file sent by anyone may be made to hurt: to hang a parser, to eat the memory, to expand
into gigabytes, to make a library reach the network. The work happens in a child process
(`resguardo.ingest.worker`), forked from a fork server that loaded Django and the parsers
once, which before it reads anything:

- has a wall-clock limit (killed with its whole process group when it passes),
- has an address-space limit (RLIMIT_AS) and a CPU-time limit,
- cannot write a file bigger than the output limit (RLIMIT_FSIZE), nor open many files,
- has no network: a fresh network namespace when the system allows one (only loopback,
  down), and in every case an audit hook in the child that refuses any socket,
- keeps only a minimal environment, and works in a private temporary folder.

The parent reads the child's answer from a file in that folder and never trusts more than
the output limit of it. (The child runs as the same user as the site: the limits contain a
parser that hangs or explodes, not one that is taken over; see docs/how-it-works.md.)
"""

import contextlib
import ctypes
import errno
import importlib
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os
import resource
import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from resguardo.ingest.answer import Answer
from resguardo.ingest.base import Refused, damaged, out_of_memory
from resguardo.lib import scratch

WORKER = "resguardo.ingest.worker"
CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Bounds:
    seconds: int
    memory: int  # bytes of address space
    output: int  # bytes any file the child writes may reach
    namespace: bool = True  # a network namespace of its own (tests turn it off, to see
    #                         the audit hook hold alone, as where the system refuses one)

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


def _limit(bounds: Bounds, *, threads: bool = False) -> None:
    os.setsid()  # its own process group: a timeout kills everything it started
    if bounds.namespace:
        _without_network()
    resource.setrlimit(resource.RLIMIT_AS, (bounds.memory, bounds.memory))
    # A tool's threads spend CPU time faster than the clock turns: its wall-clock limit must
    # come first (ffmpeg takes SIGXCPU for a request to stop, and says it failed).
    cpu = bounds.seconds * (os.cpu_count() or 1) + 1 if threads else bounds.seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (bounds.output, bounds.output))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if not threads:  # Linux counts threads as processes: a tool such as ffmpeg needs them
        resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))  # no parser starts another
    else:  # a tool dies with the process that runs it (a background worker killed)
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "DJANGO_SETTINGS_MODULE")


_REFUSED_EVENTS = ("socket.", "urllib.Request", "http.client.connect",  # the network
                   "os.fork", "os.exec", "os.posix_spawn", "os.spawn", "os.system",
                   "subprocess.Popen", "pty.spawn")  # other programs (RLIMIT_NPROC binds
#                                                   every user but root)


def _refuse(event: str, args: tuple[Any, ...]) -> None:
    if event.startswith(_REFUSED_EVENTS):
        raise PermissionError(f"not while reading a file: {event}")


def _child(worker: str, source: str, target: str, answer: str, language: str,
           bounds: Bounds, folder: str) -> None:
    """The child, forked from a server that has Django and the parsers loaded already (so
    a file costs a fork, not a Python start): limit it, then hand over to the worker."""
    _limit(bounds)
    for name in set(os.environ) - set(ENVIRONMENT):
        del os.environ[name]
    os.environ.update(HOME=folder, TMPDIR=folder)
    os.chdir(folder)
    sys.addaudithook(_refuse)
    outcome = Path(folder) / "crash.txt"
    try:
        importlib.import_module(worker).main(Path(source), Path(target), Path(answer),
                                             language)
    except MemoryError:
        outcome.write_text("memory")
        os._exit(3)
    except OSError as error:
        outcome.write_text("output" if error.errno == errno.EFBIG else "damaged")
        os._exit(3)


class ToolFailed(Exception):
    """An external program ended with an error; the last lines it wrote are the detail."""


TOOL_STDERR = 64 * 1024  # of a tool's messages kept for the reason of a failure


def run_tool(argv: list[str], folder: Path, *, bounds: Bounds | None = None) -> str:
    """Run an external program (ffprobe, ffmpeg) on untrusted files inside `folder`, in the
    same limits as a reader (its own process group and network namespace, memory, CPU
    time, file size, open files, the minimal environment), with the wall-clock limit of
    `bounds`. Return what it printed (at most the output limit); raise Refused past the
    time, ToolFailed when it fails."""
    bounds = bounds or Bounds.from_settings()
    environment = {name: os.environ[name] for name in ("PATH", "LANG", "LC_ALL")
                   if name in os.environ}
    environment.update(HOME=str(folder), TMPDIR=str(folder))
    with (open(folder / ".tool-out", "w+b") as out,  # noqa: PTH123 - files, not pipes:
          open(folder / ".tool-err", "w+b") as err):  # noqa: PTH123 - no deadlock on a full one
        process = subprocess.Popen(  # noqa: S603 - a fixed program, arguments as a list
            argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=folder,
            env=environment, close_fds=True,
            preexec_fn=lambda: _limit(bounds, threads=True))  # noqa: PLW1509
        try:
            code = process.wait(bounds.seconds)
        except subprocess.TimeoutExpired:
            code = None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # and all it started
        process.wait()
        if code is None or code in (-signal.SIGXCPU, -signal.SIGKILL):
            raise Refused(_("Reading this file took too long, so it was stopped."), "timeout")
        if code == -signal.SIGXFSZ:
            raise Refused(_("This file holds more than the library takes from one file "
                            "(%(mb)d MB once read).") % {"mb": bounds.output // 2**20},
                          "output")
        if code != 0:
            err.seek(max(0, err.seek(0, os.SEEK_END) - TOOL_STDERR))
            raise ToolFailed(err.read().decode("utf-8", "replace").strip())
        out.seek(0)
        return out.read(bounds.output).decode("utf-8", "replace")


_context: multiprocessing.context.ForkServerContext | None = None
SOCKET_ADDRESS_MAX = 107
SOCKET_INSIDE = "/pymp-12345678/listener-12345678"


def _server() -> multiprocessing.context.ForkServerContext:
    """A fork server per process, started at the first file: it imports Django, the
    parsers and the language model once."""
    global _context
    if _context is None:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resguardo.settings")
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["resguardo.ingest.preload"])
        with _without_secrets(), _socket_folder():
            multiprocessing.forkserver.ensure_running()
        _context = context
    return _context


def _socket_folder() -> contextlib.AbstractContextManager[object]:
    """Where multiprocessing makes the fork server's socket folder: our scratch folder,
    unless its path leaves no room for the socket's (a Unix socket's address is at most
    107 bytes); then the system's temporary folder, as before. It holds no one's data."""
    if len(os.fsencode(scratch.folder())) + len(SOCKET_INSIDE) <= SOCKET_ADDRESS_MAX:
        return scratch.as_default()
    return contextlib.nullcontext()


@contextlib.contextmanager
def _without_secrets() -> Iterator[None]:
    """The fork server (and so every reader) sets Django up with a signing key and a
    database of its own, not the site's: a reader has no use for them."""
    saved = {name: os.environ.get(name) for name in ("SECRET_KEY", "DATABASE_URL")}
    os.environ.update(SECRET_KEY=secrets.token_hex(32), DATABASE_URL="sqlite://:memory:")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run(source: Path, target: Path, folder: Path, *, bounds: Bounds | None = None,
        worker: str = WORKER, language: str | None = None) -> Answer:
    """Have the worker read `source` and write its cleaned copy to `target`, both inside
    `folder`; return its answer, or raise Refused with the reason."""
    bounds = bounds or Bounds.from_settings()
    answer = folder / "answer.json"
    child = _server().Process(target=_child, daemon=True, args=(
        worker, str(source), str(target), str(answer),
        language or get_language() or settings.LANGUAGE_CODE, bounds, str(folder)))
    child.start()
    child.join(bounds.seconds)
    late = child.is_alive()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)  # type: ignore[arg-type]  # and all it started
    child.join()
    if late:
        raise Refused(ngettext(
            "Reading this file took longer than %(seconds)d second, so it was stopped. It "
            "may be damaged, or made to be too hard to read.",
            "Reading this file took longer than %(seconds)d seconds, so it was stopped. It "
            "may be damaged, or made to be too hard to read.", bounds.seconds)
            % {"seconds": bounds.seconds}, "timeout")
    crash = folder / "crash.txt"
    return _answer(child.exitcode or 0, answer,
                   crash.read_text() if crash.exists() else "", bounds)


def _answer(code: int, answer: Path, crash: str, bounds: Bounds) -> Answer:
    if code in (-signal.SIGXCPU, -signal.SIGKILL) and not answer.exists():
        raise Refused(_("Reading this file took too long, so it was stopped."), "timeout")
    # Python ignores SIGXFSZ: past RLIMIT_FSIZE a write fails with EFBIG ("File too large").
    if code == -signal.SIGXFSZ or crash == "output":
        raise Refused(_("This file holds more than the library takes from one file "
                        "(%(mb)d MB once read).") % {"mb": bounds.output // 2**20}, "output")
    if not answer.exists() or answer.stat().st_size > bounds.output:
        raise out_of_memory() if crash == "memory" else damaged()
    return Answer.from_json(answer.read_text(encoding="utf-8"))
