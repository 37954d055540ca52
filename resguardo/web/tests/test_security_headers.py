"""What every response tells the browser (web/security.py and Django's SecurityMiddleware),
the methods refused everywhere, and form posts that carry no Referer."""

import base64
import hashlib
import itertools
import re

import pytest
from django.conf import settings
from django.http import HttpResponseBase
from django.test import Client

from resguardo.conftest import authenticator, sign_in, totp_code
from resguardo.lib.env import proxy_ssl_header

YEAR = 365 * 24 * 3600
# On every response: pages, redirects, errors, refusals, static files, 304s.
SECURITY_HEADERS = ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy",
                    "X-Content-Type-Options", "Cross-Origin-Opener-Policy",
                    "Cross-Origin-Resource-Policy", "X-Frame-Options")


def directives(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (d.split() for d in policy.split(";"))}


def test_every_kind_of_page_has_a_strict_policy_and_tells_other_sites_nothing(
        client: Client, every_page_type: list) -> None:  # type: ignore[type-arg]
    client.raise_request_exception = False  # the 500 page as a visitor gets it
    for kind in every_page_type:
        response = client.get(kind.path)
        assert response.status_code == kind.status, kind
        policy = directives(response)
        assert policy["default-src"] == ["'none'"], kind  # so no plugin (object-src) either
        assert "object-src" not in policy, kind
        assert policy["frame-ancestors"] == ["'none'"], kind
        assert policy["form-action"] == ["'self'"], kind
        assert policy["base-uri"] == ["'none'"], kind
        if not kind.path.startswith("/editors/"):
            assert "script-src" not in policy, kind  # no script at all, not even ours
        assert not any("unsafe" in s for sources in policy.values() for s in sources), kind
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", kind
        assert response["X-Content-Type-Options"] == "nosniff", kind
        assert response["X-Frame-Options"] == "DENY", kind
        assert "camera=()" in response["Permissions-Policy"], kind
        assert "Strict-Transport-Security" not in response, kind  # plain HTTP here
        posts_here = b'name="csrfmiddlewaretoken"' in response.content
        expected = "same-origin" if posts_here else "no-referrer"
        assert response["Referrer-Policy"] == expected, kind
    assert client.get("/editors/login/")["Referrer-Policy"] == "same-origin"


def test_only_the_editors_area_may_run_scripts_and_fetch_and_only_from_here(
        client: Client, seeded: None, editor) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, editor)
    editors = directives(client.get("/editors/catalogue/resource/add/"))
    assert editors["script-src"] == editors["connect-src"] == ["'self'"]
    public = directives(client.get("/en/catalogue/"))
    assert "script-src" not in public and "connect-src" not in public
    assert {**editors, "script-src": [], "connect-src": []} == {
        **public, "script-src": [], "connect-src": []}  # otherwise the same


def test_the_inline_stylesheet_is_allowed_by_its_hash_and_is_the_only_inline_style(
        client: Client, seeded: None) -> None:
    response = client.get("/en/")
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S)
    assert len(styles) == 1 and "style=" not in response.content.decode()
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert directives(response)["style-src"] == ["'self'", f"'sha256-{digest}'"]


def test_only_a_page_holding_a_form_that_posts_here_sends_its_origin_to_this_site(
        client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    # Under no-referrer a browser posts a form with `Origin: null`, which Django refuses.
    assert client.get("/editors/login/")["Referrer-Policy"] == "same-origin"
    sign_in(client, editor)
    assert client.get("/editors/catalogue/resource/add/")["Referrer-Policy"] == "same-origin"
    assert client.get("/editors/")["Referrer-Policy"] == "same-origin"  # the sign-out form
    assert client.get("/en/catalogue/?q=radio")["Referrer-Policy"] == "no-referrer"  # a GET form


def test_over_https_browsers_are_told_to_come_back_only_over_https_for_a_year(
        client: Client, seeded: None) -> None:
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == f"max-age={YEAR}; includeSubDomains"


def test_a_proxy_header_says_https_only_where_the_deployer_names_it(
        client: Client, seeded: None, settings) -> None:  # type: ignore[no-untyped-def]
    said = {"HTTP_X_FORWARDED_PROTO": "https"}
    assert "Strict-Transport-Security" not in client.get("/en/", **said)
    settings.SECURE_PROXY_SSL_HEADER = proxy_ssl_header("X-Forwarded-Proto")
    assert "Strict-Transport-Security" in client.get("/en/", **said)


def test_plain_http_is_sent_to_https_when_the_deployer_asks(
        client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/en/catalogue/?q=radio")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/catalogue/?q=radio"


def test_trace_and_other_methods_are_refused_everywhere_static_files_too(
        seeded: None, static_file: str) -> None:
    client = Client()
    assert client.get(static_file).status_code == 200
    for method, path in itertools.product(
            ("TRACE", "TRACK", "PUT", "DELETE", "PATCH", "PROPFIND"),
            ("/", "/en/catalogue/", "/editors/", "/editors/login/", "/robots.txt", "/nowhere/",
             static_file)):
        response = client.generic(method, path, data="echo me", HTTP_X_SECRET="echo me")
        assert response.status_code == 405, (method, path)
        assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
        assert b"echo me" not in response.content
        assert all(name in response for name in SECURITY_HEADERS), (method, path)


def test_static_files_carry_the_same_headers(seeded: None, static_file: str) -> None:
    page, stylesheet = Client().get("/en/"), Client().get(static_file)
    for name in SECURITY_HEADERS:
        assert stylesheet[name] == page[name], name


@pytest.mark.django_db
def test_a_form_posted_over_https_with_its_origin_and_no_referer_is_accepted(editor) -> None:  # type: ignore[no-untyped-def]
    browser = Client(enforce_csrf_checks=True)
    browser.get("/editors/login/", secure=True)
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    form = {"username": "editor", "password": "a long enough passphrase 42",
            "code": totp_code(authenticator(editor)), "csrfmiddlewaretoken": token}
    response = browser.post("/editors/login/?next=/editors/", form, secure=True,
                            HTTP_ORIGIN="https://testserver")
    assert response.status_code == 302 and response["Location"] == "/editors/"


@pytest.mark.django_db
@pytest.mark.parametrize("origin", ["null", "https://elsewhere.example"])
def test_a_form_posted_from_no_origin_or_another_is_refused(editor, origin: str) -> None:  # type: ignore[no-untyped-def]
    # `null` is what browsers send under no-referrer: the reason forms' pages say same-origin.
    browser = Client(enforce_csrf_checks=True)
    browser.get("/editors/login/", secure=True)
    form = {"username": "editor", "password": "a long enough passphrase 42",
            "csrfmiddlewaretoken": browser.cookies[settings.CSRF_COOKIE_NAME].value}
    response = browser.post("/editors/login/", form, secure=True, HTTP_ORIGIN=origin)
    assert response.status_code == 403


def responses_of_every_kind(static_file: str) -> dict[str, HttpResponseBase]:
    client = Client()
    page = client.get("/en/")
    kinds = {
        "page": page,
        "unchanged page (304)": client.get("/en/", HTTP_IF_NONE_MATCH=page["ETag"]),
        "bare address, the home page in the reader's language": client.get("/"),
        "address without a language, sent to one": client.get("/learn/"),
        "address without a language, with a query": client.get("/catalogue/?q=radio"),
        "language chosen": client.get("/language/es/?next=/es/catalogue/"),
        "missing slash": client.get("/en/catalogue"),
        "not found": client.get("/en/resources/no-such-resource/"),
        "method refused (405)": client.generic("TRACE", "/en/"),
        "method refused on a static file": client.generic("PUT", static_file),
        "static file": client.get(static_file),
        "editors' sign-in": client.get("/editors/login/"),
        "editors' area, signed out": client.get("/editors/"),
    }
    kinds["unchanged static file (304)"] = client.get(
        static_file, HTTP_IF_NONE_MATCH=kinds["static file"]["ETag"])
    return kinds


def test_every_kind_of_response_carries_every_header_redirects_and_refusals_too(
        seeded: None, static_file: str) -> None:
    kinds = responses_of_every_kind(static_file)
    assert {kind: response.status_code for kind, response in kinds.items()} == {
        "page": 200, "unchanged page (304)": 304,
        "bare address, the home page in the reader's language": 200,
        "address without a language, sent to one": 302,
        "address without a language, with a query": 302, "language chosen": 302,
        "missing slash": 301, "not found": 404, "method refused (405)": 405,
        "method refused on a static file": 405, "static file": 200,
        "editors' sign-in": 200, "editors' area, signed out": 302,
        "unchanged static file (304)": 304}
    for kind, response in kinds.items():
        missing = [name for name in SECURITY_HEADERS if name not in response]
        assert not missing, (kind, missing)
        assert response["X-Frame-Options"] == "DENY", kind
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", kind
        assert directives(response)["default-src"] == ["'none'"], kind
        assert directives(response)["frame-ancestors"] == ["'none'"], kind
