"""Django's live server over HTTPS, for what only HTTPS shows (HSTS, secure cookies, the
CSRF check of a secure form post): a certificate authority and a certificate for localhost
and 127.0.0.1 are made with openssl for the test run, and the live server's thread speaks
TLS with them. Clients are told to trust that authority (NODE_EXTRA_CA_CERTS for node);
nothing is installed anywhere.

Without openssl the tests that need it are skipped, except in CI (CI=true).
"""

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.test.utils import modify_settings

from resguardo.tests.browser import missing

HOST = "localhost"


@dataclass(frozen=True)
class Certificates:
    authority: Path  # what a client must trust
    certificate: Path
    key: Path


def make_certificates(folder: Path) -> Certificates:
    openssl = shutil.which("openssl")
    if not openssl:
        missing("openssl is missing to make a test certificate (apt-get install -y openssl)")
    ca_key, ca, key, request, certificate = (
        folder / name for name in ("ca.key", "ca.pem", "key.pem", "request.csr", "cert.pem"))
    extensions = folder / "server.ext"
    extensions.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                          "basicConstraints=critical,CA:FALSE\n"
                          "keyUsage=critical,digitalSignature\n"
                          "extendedKeyUsage=serverAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for command in (
        ["req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "2",
         "-subj", "/CN=Resguardo test authority",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign"],
        ["req", *ec, "-keyout", key, "-out", request, "-subj", "/CN=localhost"],
        ["x509", "-req", "-in", request, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
         "-out", certificate, "-days", "2", "-extfile", extensions],
    ):
        subprocess.run([openssl, *map(str, command)], check=True, capture_output=True)
    return Certificates(ca, certificate, key)


class _SecureRequestHandler(QuietWSGIRequestHandler):
    def get_environ(self) -> dict[str, Any]:
        environ: dict[str, Any] = super().get_environ()
        environ["HTTPS"] = "on"  # wsgiref then says wsgi.url_scheme is https
        return environ


class _TlsServerThread(LiveServerThread):
    def __init__(self, certificates: Certificates, **kwargs: Any) -> None:
        super().__init__(HOST, **kwargs)
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(certificates.certificate, certificates.key)

    def _create_server(self, connections_override: Any = None) -> ThreadedWSGIServer:
        handler: type[WSGIRequestHandler] = _SecureRequestHandler
        server = ThreadedWSGIServer((self.host, self.port), handler,
                                    allow_reuse_address=False,
                                    connections_override=connections_override)
        # A client speaking plain HTTP to this port fails the handshake in accept(), which
        # the server shrugs off (an OSError): the port is HTTPS only.
        server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        return server


def _through_the_site(application: Any) -> Any:
    return application


@contextmanager
def https_live_server(certificates: Certificates, *, collected_static: bool = False
                      ) -> Iterator[str]:
    """Serve the site over HTTPS as pytest-django's live_server does over HTTP (same
    database connection for SQLite in memory, static files from the finders); yields the
    origin, https://localhost:PORT.

    `collected_static`: static files are served as in production, by WhiteNoise inside the
    site's middleware (from STATIC_ROOT, see the `static_file` fixture), rather than by
    Django's test handler, which answers them before any middleware, with none of the
    site's headers."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    shared = {conn.alias: conn for conn in connections.all()
              if conn.vendor == "sqlite" and conn.is_in_memory_db()}
    static_handler = _through_the_site if collected_static else StaticFilesHandler
    thread = _TlsServerThread(certificates, static_handler=static_handler,
                              connections_override=shared)
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        with modify_settings(ALLOWED_HOSTS={"append": HOST}):
            yield f"https://{HOST}:{thread.port}"
    finally:
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()
