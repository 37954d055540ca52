"""In Debian's headless Chromium with JavaScript off, a reader taps "Ask the editors for a
copy" and is thanked in their language; a page of another site that posts the same form is
refused, as Chromium says where the post came from (Sec-Fetch-Site)."""

import pytest
from playwright.sync_api import expect

from resguardo.asks.models import Ask
from resguardo.tests.browser import chromium

TAKING_CARE = "/es/resources/taking-care-of-us/"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("seeded")
def test_a_reader_without_javascript_asks_with_one_tap_and_another_site_cannot(live_server):
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(live_server.url + TAKING_CARE)
        page.get_by_role("button", name="Pedir una copia a los editores").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Gracias: su petición se ha contado")
        expect(page.get_by_role("status")).to_contain_text("Taking Care of Us")
        # A page of no site at all (a data: address has an origin of its own): set_content
        # would write into the library's own page, and so post from its origin.
        page.goto("data:text/html,<form method=post action="
                  f"{live_server.url}/es/ask/taking-care-of-us/><button name=ask "
                  "value=copy>Go</button></form>")
        with page.expect_navigation():
            page.get_by_role("button", name="Go").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("El formulario no se envió")
        context.close()
    assert list(Ask.objects.values_list("kind", "count")) == [("copy", 1)]
