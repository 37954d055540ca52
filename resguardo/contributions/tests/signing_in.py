"""How an editor signs in, in a browser (kept in one place): username, password and the
code the authenticator app shows. Read the authenticator with
`resguardo.conftest.authenticator(editor)` before the browser starts: no database in there.
"""

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from resguardo.conftest import PASSPHRASE, totp_code


def sign_in(page: Page, origin: str, device: TOTPDevice) -> None:
    page.goto(f"{origin}/editors/")
    page.get_by_label("Username").fill(device.user.get_username())
    page.get_by_label("Password").fill(PASSPHRASE)
    page.get_by_role("textbox", name="Code").fill(totp_code(device))
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{origin}/editors/")
