"""The MDN HTTP Observatory grades every kind of page A+ with the most points it gives,
over HTTPS: the pages, the redirects from an address without a language (the scanner
follows them and grades where they lead; their own headers are compared below), and a
static file as WhiteNoise serves it.

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

The other bonuses are all taken (BEST): 100 + 10 (CSP with default-src 'none') + 10
(Cross-Origin-Resource-Policy) + 5 (no referrer) + 5 (framing refused by the CSP), and 5
more on a page that sets a cookie (Secure, HttpOnly where it may be, SameSite). Subresource
integrity gives points only to a page that loads scripts, which no public page does (see
BEST for the editors' pages).
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
                  "X-Frame-Options", "Strict-Transport-Security", "Cross-Origin-Resource-Policy")
# Each test's best result the scanner can give these pages, and its points.
BEST = {
    "content-security-policy": {"csp-implemented-with-no-unsafe-default-src-none": 10},
    "cross-origin-resource-policy": {"corp-implemented-with-same-origin": 10},
    "referrer-policy": {"referrer-policy-private": 5},
    "x-frame-options": {"x-frame-options-implemented-via-csp": 5},
    "cookies": {"cookies-secure-with-httponly-sessions-and-samesite": 5,
                "cookies-not-found": 0},
    "strict-transport-security": {"hsts-implemented-max-age-at-least-six-months": 0},
    "x-content-type-options": {"x-content-type-options-nosniff": 0},
    # Public pages load no script. The editors' pages load Django's admin scripts from here
    # without an integrity hash. The scanner gives 5 points for one, but it would protect
    # nothing (the page that names the hash comes from the same server as the script) and
    # would take a copy of Django's admin/base.html, so they are left to the scanner.
    "subresource-integrity": {"sri-not-implemented-but-no-scripts-loaded": 0,
                              "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
                              "sri-not-implemented-response-not-html": 0},  # a stylesheet
    "cross-origin-resource-sharing": {"cross-origin-resource-sharing-not-implemented": 0},
    "redirection": {"redirection-not-needed-no-http": 0},  # the server speaks HTTPS only
}
MOST = 100 + 10 + 10 + 5 + 5  # and 5 for a page that sets a cookie
# Addresses without a language, sent on to one.
# (The bare address answers with the home page: it is one of the pages graded.)
REDIRECTS = ("/learn/", "/catalogue/?q=protection", "/language/es/?next=/es/catalogue/")


def scan(node: str, target: str, authority: str) -> dict:  # type: ignore[type-arg]
    # src/scan.js rather than the package's bin: the bin sets NODE_EXTRA_CA_CERTS to its own
    # bundle, which would hide the test's authority (the scanner would then mark the site
    # down for an invalid certificate).
    done = subprocess.run(
        [node, str(SCANNER / "src" / "scan.js"), target], capture_output=True, text=True,
        timeout=120, check=False, env={**os.environ, "NODE_EXTRA_CA_CERTS": authority})
    assert done.returncode == 0, f"{target}: {done.stdout} {done.stderr}"
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def short_of_the_best(result: dict) -> dict:  # type: ignore[type-arg]
    """What keeps a scan from the best grade and score: empty when there is nothing."""
    tests = result["tests"]
    short = {name: test["result"] for name, test in tests.items()
             if not test["pass"] or test["scoreModifier"] < 0
             or test["result"] not in BEST.get(name, {})}
    cookie = tests["cookies"]["scoreModifier"] > 0
    if result["scan"]["grade"] != "A+" or result["scan"]["score"] != MOST + 5 * cookie:
        short["scan"] = (result["scan"]["grade"], result["scan"]["score"])
    return short


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_kind_of_page_is_graded_a_plus_with_the_most_points_over_https(
        every_page_type, static_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
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
    with https_live_server(certificates, collected_static=True) as origin:
        # The scanner takes a host name, to which it adds a port and path as they come.
        host = f"127.0.0.1:{urlsplit(origin).port}"
        for path in [*(kind.path for kind in graded), *REDIRECTS, static_file]:
            results[path] = scan(node, f"{host}{path}", str(certificates.authority))
    assert results[static_file]["scan"]["responseHeaders"]["content-type"].startswith(
        "text/css")
    below = {path: short for path, result in results.items()
             if (short := short_of_the_best(result))}
    assert not below, below

    client = Client(raise_request_exception=False)
    home = client.get("/en/", secure=True)
    for path, status in [*((kind.path, kind.status) for kind in errors),
                         *((path, 302) for path in REDIRECTS)]:
        response = client.get(path, secure=True)
        assert response.status_code == status, path
        for name in GRADED_HEADERS:
            assert response[name] == home[name], (path, name)
