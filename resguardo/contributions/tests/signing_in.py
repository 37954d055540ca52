"""How an editor signs in, in a browser (kept in one place: the sign-in form changes when
two-factor authentication comes in)."""

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

PASSPHRASE = "a long enough passphrase 42"  # the `editor` fixture's


def sign_in(page: Page, origin: str, editor: User) -> None:
    page.goto(f"{origin}/editors/")
    page.get_by_label("Username").fill(editor.get_username())
    page.get_by_label("Password").fill(PASSPHRASE)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{origin}/editors/")
