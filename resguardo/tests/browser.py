"""What the browser and checker tests share: Debian's Chromium under Playwright, the
checkers installed by `make test` (axe-core and the Nu HTML Checker from package.json), and
`require()`, which skips a test when one of them is missing, or fails it in CI (CI=true).

Nothing here downloads anything: Playwright drives /usr/bin/chromium, and the checkers are
read from node_modules, which `npm ci` filled at install time.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

if TYPE_CHECKING:
    from django_otp.plugins.otp_totp.models import TOTPDevice

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_CHECKERS = "run `make test`, or `npm ci --ignore-scripts` at the repository's root"


def missing(message: str) -> NoReturn:
    """Skip the test for want of a component, or fail it in CI, which must run every test."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; CI must run this test", pytrace=False)
    pytest.skip(message)


def require_file(path: Path, install: str) -> Path:
    if not path.is_file():
        missing(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} is missing "
                f"({install})")
    return path


def require_java() -> str:
    java = shutil.which("java")
    if not java:
        missing("Java is missing for the Nu HTML Checker (apt-get install -y default-jre-headless)")
    return java


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright; missing, it skips the test, or fails it in CI."""
    if not CHROMIUM.exists():
        missing(f"Debian's Chromium is missing at {CHROMIUM} (apt-get install -y chromium)")
    # A plain launch: Playwright gives Chromium a fresh, empty profile of its own.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def sign_in(page: Page, origin: str, device: "TOTPDevice") -> None:
    """Sign an editor in through the form: username, password and the code their
    authenticator app shows. Read the device with `resguardo.conftest.authenticator(user)`
    before the browser starts (no database access in here)."""
    from playwright.sync_api import expect

    from resguardo.conftest import PASSPHRASE, totp_code

    page.goto(f"{origin}/editors/")
    page.get_by_label("Username").fill(device.user.get_username())
    page.get_by_label("Password").fill(PASSPHRASE)
    page.get_by_role("textbox", name="Code").fill(totp_code(device))
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{origin}/editors/")
