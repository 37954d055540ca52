"""The MDN HTTP Observatory grades every kind of page A+, over HTTPS.

The scanner is the npm package @mdn/mdn-http-observatory, pinned in package.json and run
from node_modules against the live server over HTTPS (tests/https.py), trusting the test's
own certificate authority: nothing leaves the machine. Without node or the package the test
is skipped, except in CI (CI=true), where that is a failure.

What the scanner does not grade here, and where it is checked instead:

- the redirect from http:// to https://: the test server speaks HTTPS only, so the scanner
  finds no plain HTTP to redirect ("redirection-not-needed-no-http", full marks). The
  redirect SECURE_SSL_REDIRECT turns on is tested in lib/tests/test_security_headers.py;
- the 404 and 500 pages: the scanner refuses to grade a page answering with an error. They
  must send the very headers the scanner graded on the other pages;
- HSTS preloading (5 points more): the deployer's decision (SECURE_HSTS_PRELOAD). `make
  test` gives the scanner an empty preload list, as its own install script, which would
  download Chromium's, is not run.
"""

import json
import os
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from django.test import Client

from resguardo.tests.browser import NODE_MODULES, missing, require_file
from resguardo.tests.https import https_live_server, make_certificates

SCANNER = NODE_MODULES / "@mdn" / "mdn-http-observatory"
NODE = 20  # the scanner's package.json says so
INSTALL = "run `make test`: it runs `npm ci` and gives the scanner an empty HSTS preload list"
# What the scanner reads from a response and grades.
GRADED_HEADERS = ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
                  "X-Frame-Options", "Strict-Transport-Security")


def scan(node: str, target: str, authority: str) -> dict:  # type: ignore[type-arg]
    # src/scan.js rather than the package's bin: the bin sets NODE_EXTRA_CA_CERTS to its own
    # bundle, which would hide the test's authority (the scanner would then mark the site
    # down for an invalid certificate).
    done = subprocess.run(
        [node, str(SCANNER / "src" / "scan.js"), target], capture_output=True, text=True,
        timeout=120, check=False, env={**os.environ, "NODE_EXTRA_CA_CERTS": authority})
    assert done.returncode == 0, f"{target}: {done.stdout} {done.stderr}"
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_kind_of_page_is_graded_a_plus_over_https(every_page_type, tmp_path) -> None:  # type: ignore[no-untyped-def]
    node = shutil.which("node")
    version = subprocess.run([node, "--version"], capture_output=True, text=True,
                             check=False).stdout if node else ""
    if not node or int(version.lstrip("v").split(".")[0] or 0) < NODE:
        missing(f"the MDN HTTP Observatory needs node {NODE} or newer, not {version or 'none'}")
    require_file(SCANNER / "src" / "scan.js", INSTALL)
    require_file(SCANNER / "conf" / "hsts-preload.json", INSTALL)
    graded = [kind for kind in every_page_type if kind.status == 200]
    errors = [kind for kind in every_page_type if kind.status != 200]
    assert graded and errors
    certificates = make_certificates(tmp_path)
    results = {}
    with https_live_server(certificates) as origin:
        # The scanner takes a host name, to which it adds a port and path as they come.
        host = f"127.0.0.1:{urlsplit(origin).port}"
        for kind in graded:
            results[kind.path] = scan(node, f"{host}{kind.path}", str(certificates.authority))
    below = {path: (r["scan"]["grade"], r["scan"]["score"],
                    {name: t["result"] for name, t in r["tests"].items() if not t["pass"]})
             for path, r in results.items() if r["scan"]["grade"] != "A+"}
    assert not below, below

    client = Client(raise_request_exception=False)
    home = client.get("/en/", secure=True)
    for kind in errors:
        response = client.get(kind.path, secure=True)
        assert response.status_code == kind.status
        for name in GRADED_HEADERS:
            assert response[name] == home[name], (kind, name)
