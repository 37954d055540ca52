"""In Debian's Chromium with JavaScript off, a visitor finds the contact form from any page,
fills it in by its labels and sends it; the form shown again with errors is valid HTML."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from resguardo.contact.models import Message
from resguardo.contact.tests.conftest import send
from resguardo.tests.browser import INSTALL_CHECKERS, VNU, chromium, require_file, require_java
from resguardo.tests.test_html_validity import _vnu_errors


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_javascript_a_visitor_writes_to_the_editors(live_server) -> None:  # type: ignore[no-untyped-def]
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/en/learn/")
        page.get_by_role("link", name="Contact the editors").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Contact the editors")
        page.get_by_label("How we can reply to you (optional)").fill("Signal: ana.42")
        page.get_by_label("Your message").fill("Is the radio guide in Quechua too?")
        page.get_by_role("button", name="Send the message").click()
        expect(page).to_have_url(f"{live_server.url}/en/contact/sent/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Thank you: your message reached the editors")
        context.close()
    message = Message.objects.get()
    assert (message.reply_to, message.body, message.name) == (
        "Signal: ana.42", "Is the radio guide in Quechua too?", "")


@pytest.mark.django_db
def test_the_form_shown_again_with_errors_passes_the_nu_html_checker(
        client: Client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    java, vnu = require_java(), require_file(VNU, INSTALL_CHECKERS)
    refused = send(client, name="x" * 201, website="robot")
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    (tmp_path / "refused.html").write_bytes(refused.content)
    errors = _vnu_errors(java, vnu, [tmp_path / "refused.html"])
    assert not errors, [(e.get("lastLine"), e["message"]) for e in errors]
