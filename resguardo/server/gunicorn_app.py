"""`resguardo serve`: gunicorn, set up to log no reader and to lose nothing it acknowledged.

- **No address, no user agent, no request text in any log.** The access log is off, and a
  request gunicorn cannot read is answered and logged by `Worker.handle_error` below:
  gunicorn's own writes `Invalid request from ip=<client>: <the request line>` at WARNING,
  whatever the log level. Ours logs the status and the kind of error only, and answers with
  a short page in every interface language (gunicorn's is a bare English one).
- **A long search gets a page, not a bare 414.** The request line may be 8,190 bytes (the
  most gunicorn takes; its default is 4,094): the search box takes 1,000 characters, which
  reach about 6,000 bytes once a non-Latin script is percent-encoded. Longer addresses get
  our 414 page.
- **No forwarded header is trusted here.** gunicorn trusts `X-Forwarded-Proto` and its
  kin from 127.0.0.1 by default, so any local client could pass as HTTPS. Only Django
  decides, from `SECURE_PROXY_SSL_HEADER`, which the operator sets for their proxy.
- **Workers share nothing with the master and die with it.** The master touches the
  database before it forks (`mark_changed`); it closes its connections first, so no
  worker inherits one (SQLite forbids a connection crossing fork(); PostgreSQL's protocol
  breaks when two processes talk over one socket). Each worker asks the kernel for SIGTERM
  when its master dies (`PR_SET_PDEATHSIG`): it finishes the request in hand and exits,
  instead of answering for up to `timeout / 2` seconds with nobody to restart it.
- **A background worker beside the web workers.** The master keeps one `resguardo worker`
  running (the light versions of recordings): started with the server, started again if
  it dies, stopped with it. It holds the data folder's lock as the web workers do, and is
  killed with the master (`PR_SET_PDEATHSIG`, SIGKILL: a job it had in hand is given back
  to the queue by the next worker, see `jobs/worker.py`), so it never delays a new server.
- **One server per data folder.** The master holds an `flock` on `DATA_DIR/server.lock`;
  its workers inherit the descriptor, so the lock lasts until the last of them is gone. A
  second server waits for it before it opens the database: if it opened the database while
  orphaned workers still wrote to it, SQLite would take it for the last user and remove
  the write-ahead log under them, with their commits in it.
"""

import ctypes
import fcntl
import os
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.http import errors
from gunicorn.util import write_nonblock
from gunicorn.workers.sync import SyncWorker

REQUEST_LINE_LIMIT = 8190  # the most gunicorn takes
LOCK = "server.lock"
PR_SET_PDEATHSIG = 1
STATUS = {  # what gunicorn answers to each request it cannot read; 400 otherwise
    errors.LimitRequestLine: (414, "URI Too Long"),
    errors.LimitRequestHeaders: (431, "Request Header Fields Too Large"),
    errors.UnsupportedTransferCoding: (501, "Not Implemented"),
    errors.ExpectationFailed: (417, "Expectation Failed"),
    errors.ForbiddenProxyRequest: (403, "Forbidden"),
    errors.ConfigurationProblem: (500, "Internal Server Error"),
    ssl.SSLError: (403, "Forbidden"),
}
HEADERS = (  # the page says nothing that could be framed, run or fetched
    "Content-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
    "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n"
    "Referrer-Policy: no-referrer\r\nCross-Origin-Resource-Policy: same-origin\r\n"
    "Content-Security-Policy: default-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'none'\r\nCache-Control: no-store\r\n")


class AlreadyServing(Exception):
    """Another server holds this data folder."""


def hold_data_folder(data_dir: Path, *, wait: float) -> int:
    """Take the data folder's server lock, waiting up to `wait` seconds for a server that is
    stopping; returns the descriptor that holds it, to be kept open (and inherited by the
    workers) for as long as the server runs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = os.open(data_dir / LOCK, os.O_WRONLY | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return lock
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(lock)
                raise AlreadyServing from None
            time.sleep(0.2)


def post_fork(server: Any, worker: Any) -> None:
    """In each new worker: die with the master, and never use what the master opened."""
    if sys.platform.startswith("linux"):  # elsewhere, gunicorn's own check of its parent
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != server.pid:  # the master died before the request above
        os.kill(os.getpid(), signal.SIGTERM)
    for connection in connections.all(initialized_only=True):
        # The master closed its connections before forking; were one left, the worker
        # must neither use nor close it (closing may write to the parent's database).
        if connection.connection is not None:
            _inherited.append(connection.connection)
            connection.connection = None


_inherited: list[object] = []


def error_page(status: int) -> bytes:
    """A short page for a request we could not read, in every interface language (we could
    not read which one the reader asked for)."""
    parts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts.append((code, *_words(status)))
    first, *others = parts
    return format_html(
        '<!DOCTYPE html><html lang="{}"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<title>{} · {}</title><h1>{}</h1><p>{} <a href=\"/{}/{}\">{}</a></p>{}",
        first[0], first[1], settings.SITE_NAME, first[1], first[2], first[0], first[3],
        first[4], format_html_join("", '<p lang="{}">{} {} <a href="/{}/{}">{}</a></p>', (
            (code, title, text, code, path, link) for code, title, text, path, link in others)),
    ).encode()


def _words(status: int) -> tuple[str, str, str, str]:
    if status == 414:
        return (_("This address is too long."),
                _("If you pasted a long text into the search box, search for a few of its "
                  "words instead."), "catalogue/", _("Search the catalogue"))
    if status == 431:
        return (_("This request is too large."),
                _("Your browser sent more than we can read: clearing this site's cookies "
                  "may help."), "", _("Home"))
    if status >= 500:  # our fault, not the request's: the words of our own 500 page
        return (_("Something went wrong"),
                _("The library could not answer. Please try again in a moment."), "",
                _("Home"))
    return (_("This request could not be read."),
            _("Your browser or a program on the way sent it in a form we do not take."),
            "", _("Home"))


class Worker(SyncWorker):  # type: ignore[misc]
    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if isinstance(exc, (errors.InvalidResponseHeader, errors.InvalidResponseHeaderName)) \
                or not isinstance(exc, (errors.ParseException, ssl.SSLError)):
            # The application's fault, not the request's: as gunicorn does, without the
            # address it would add.
            self.log.exception("Error handling a request (%s)", type(exc).__name__)
            status, reason = 500, "Internal Server Error"
        else:
            status, reason = next((answer for kind, answer in STATUS.items()
                                   if isinstance(exc, kind)), (400, "Bad Request"))
            self.log.info("Refused a request that could not be read (%s, %s)", status,
                          type(exc).__name__)
        body = error_page(status)
        head = f"HTTP/1.1 {status} {reason}\r\n{HEADERS}Content-Length: {len(body)}\r\n\r\n"
        try:
            write_nonblock(client, head.encode("ascii") + body)
        except OSError:
            self.log.debug("Could not send the error page.")


def _die_with_master() -> None:
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


class Master(Arbiter):  # type: ignore[misc]
    """gunicorn's master, which also keeps the background worker running."""

    jobs: subprocess.Popen[bytes] | None = None
    lock: int | None = None

    def manage_workers(self) -> None:  # each turn of the master's loop (about a second)
        super().manage_workers()
        # gunicorn reaps every child: poll() then finds ours gone (ECHILD) and says so.
        if self.jobs is None or self.jobs.poll() is not None:
            self.jobs = subprocess.Popen(  # noqa: S603 - our own command
                [sys.executable, "-m", "resguardo.cli", "worker"],
                pass_fds=(self.lock,) if self.lock is not None else (),
                preexec_fn=_die_with_master if sys.platform.startswith("linux") else None)  # noqa: PLW1509

    def stop(self, graceful: bool = True) -> None:
        super().stop(graceful)
        if self.jobs is not None and self.jobs.poll() is None:
            self.jobs.terminate()  # the job in hand goes on (for up to graceful_timeout)
            try:
                self.jobs.wait(self.cfg.graceful_timeout)
            except subprocess.TimeoutExpired:
                self.jobs.kill()  # given back to the queue by the next worker
                self.jobs.wait()


class Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any], lock: int | None = None):
        self.options = options
        self.lock = lock
        super().__init__()

    def run(self) -> None:
        master = Master(self)
        master.lock = self.lock
        master.run()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from resguardo.wsgi import application

        return application


def options(*, bind: str, workers: int) -> dict[str, Any]:
    return {
        "bind": bind,
        "workers": workers,
        "worker_class": "resguardo.server.gunicorn_app.Worker",
        "accesslog": None,  # never log client addresses or user agents
        "loglevel": settings.LOG_LEVEL.lower(),
        "limit_request_line": REQUEST_LINE_LIMIT,
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        "post_fork": post_fork,
        # A worker reading an upload waits for the sandbox (INGEST_TIMEOUT): never kill
        # it first.
        "timeout": settings.INGEST_TIMEOUT + 30,
        "control_socket_disable": True,  # nothing written outside the data folder
    }


def serve(*, bind: str, workers: int, lock: int | None = None) -> None:
    """Run the server; the caller holds the data folder (`hold_data_folder`), by `lock`."""
    # No worker may inherit a database connection (see the module's docstring).
    connections.close_all()
    Server(options(bind=bind, workers=workers), lock=lock).run()
