"""In Debian's headless Chromium with JavaScript off, a new editor opens an enrolment link,
gives their password, reads the key off the page, confirms it with a code, signs out and
signs in again with a new code; axe finds no WCAG 2.1 AA violation on those pages.

Without Chromium or axe the test is skipped, except in CI (CI=true), where that fails.
"""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from resguardo.accounts.authenticators import start_enrolment
from resguardo.accounts.roles import create_editor
from resguardo.conftest import PASSPHRASE
from resguardo.tests.browser import AXE, INSTALL_CHECKERS, chromium, require_file
from resguardo.tests.test_accessibility import WCAG_21_AA


def _code(key: str, *, ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed in from the page."""
    totp = TOTP(b32decode(key.replace(" ", "")))
    totp.time = time.time() + ahead * 30
    return f"{totp.token():06d}"


def _violations(page: Page) -> list[str]:
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", WCAG_21_AA)
    return [f"{page.url}: {v['id']}: {node['target']}"
            for v in results["violations"] for node in v["nodes"]]


def _enrol_to_the_key(page: Page, link: str) -> str:
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    page.get_by_label("Your password").fill(PASSPHRASE)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("img", name="QR code of the key")).to_be_visible()
    key = page.locator("code.key").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", key), key
    return key


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_editor_enrols_and_signs_in_with_codes_without_javascript(live_server) -> None:
    axe = require_file(AXE, INSTALL_CHECKERS)
    user = create_editor("ana", "ana@example.org", PASSPHRASE)
    link = f"{live_server.url}/editors/enrol/{start_enrolment(user)}/"
    requested: list[str] = []
    with chromium() as browser:
        # axe needs scripts: it checks the pages in a context of its own.
        checked = browser.new_context()
        checked.add_init_script(path=axe)
        page = checked.new_page()
        page.goto(link)
        found = _violations(page)
        _enrol_to_the_key(page, link)
        found += _violations(page)
        page.goto(f"{live_server.url}/editors/login/")
        found += _violations(page)
        checked.close()

        context = browser.new_context(java_script_enabled=False)
        context.on("request", lambda request: requested.append(request.url))
        page = context.new_page()
        page.set_default_timeout(10_000)
        key = _enrol_to_the_key(page, link)
        page.get_by_role("textbox", name="Code").fill(_code(key))
        page.get_by_role("button", name="Confirm").click()
        expect(page).to_have_url(f"{live_server.url}/editors/")
        expect(page.get_by_text("Your authenticator app is set up.")).to_be_visible()

        page.get_by_role("button", name="Log out").click()
        page.goto(f"{live_server.url}/editors/")
        expect(page).to_have_url(re.compile(r"/editors/login/\?next=/editors/$"))
        page.get_by_label("Username").fill("ana")
        page.get_by_label("Password").fill(PASSPHRASE)
        # The code shown now went to the enrolment: the app's next one.
        page.get_by_role("textbox", name="Code").fill(_code(key, ahead=1))
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(f"{live_server.url}/editors/")
        expect(page.get_by_role("link", name="Resources", exact=True)).to_be_visible()
        context.close()
    elsewhere = [url for url in requested if not url.startswith(f"{live_server.url}/")]
    assert elsewhere == [], elsewhere
    assert found == [], "WCAG 2.1 AA violations:\n" + "\n".join(found)
