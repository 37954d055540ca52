"""The whole journey in Chromium with JavaScript off: a visitor proposes a resource with a
PDF and gets a reference code; an editor signs in, finds it in the queue and approves it; a
visitor finds it by a phrase from inside the PDF; the code now says "published". A second
proposal is declined, and its code shows the editors' reason."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from resguardo.tests.browser import chromium, sign_in

PHRASE = "night watchers on the river"
REASON = "The photographs show faces of people who did not agree to be shown."


def _pdf(path: Path) -> Path:
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=12)
    doc.multi_cell(0, 6, "How our assembly protects itself. Every evening the community "
                         f"names its {PHRASE}, who call the others with a whistle.")
    doc.output(str(path))
    return path


def _propose(page: Page, origin: str, title: str, pdf: Path | None = None) -> str:
    page.goto(f"{origin}/en/")
    page.get_by_role("link", name="Propose").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a resource")
    if pdf:
        page.get_by_label("Or a file").set_input_files(pdf)
    else:
        page.get_by_label("Link to the resource").fill("https://example.org/photos")
    page.get_by_label("Title:").fill(title)
    page.get_by_label("What is it about?").fill("A guide written by a river community.")
    page.get_by_label("Type").select_option(label="Guides & manuals")
    page.get_by_role("group", name="Themes").get_by_role("checkbox").first.check()
    page.get_by_label("Licence or permission").fill("The assembly allows it to be shared.")
    risk = page.get_by_role("group", name="could put anyone at risk")
    risk.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you: your proposal was received")
    return page.locator("#code").inner_text()


def _status(page: Page, origin: str, code: str) -> str:
    page.goto(f"{origin}/en/propose/status/")
    page.get_by_label("Reference code").fill(code)
    page.get_by_role("button", name="Check").click()
    return page.get_by_role("status").inner_text()


def _moderate(page: Page, origin: str, title: str) -> None:
    page.goto(f"{origin}/editors/")
    page.get_by_role("link", name="Proposals").click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name="Likely duplicates")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_proposal_from_sending_to_search(live_server: object, editor: User,
                                           settings: object, tmp_path: Path) -> None:
    from resguardo.conftest import authenticator
    device = authenticator(editor)  # before the browser starts: no database in there
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    origin = live_server.url  # type: ignore[attr-defined]
    title = "How our assembly protects itself"
    with chromium() as browser:
        visitor, editors = (browser.new_context(java_script_enabled=False).new_page()
                            for _ in range(2))
        code = _propose(visitor, origin, title, pdf=_pdf(tmp_path / "assembly.pdf"))
        assert "pending" in _status(visitor, origin, code)

        sign_in(editors, origin, device)
        _moderate(editors, origin, title)
        expect(editors.get_by_text("A guide written by a river community.")).to_be_visible()
        editors.get_by_role("button", name="Approve and publish").click()
        expect(editors.get_by_text("is in the catalogue")).to_be_visible()

        visitor.goto(f"{origin}/en/")
        visitor.get_by_role("searchbox", name="Search the library").fill(f'"{PHRASE}"')
        visitor.get_by_role("button", name="Search", exact=True).click()
        visitor.get_by_role("link", name=title).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
        assert "published" in _status(visitor, origin, code)

        declined = _propose(visitor, origin, "Photographs of the crossing")
        _moderate(editors, origin, "Photographs of the crossing")
        editors.get_by_label("Reason shown to the contributor").fill(REASON)
        editors.get_by_role("button", name="Decline").click()
        expect(editors.get_by_text("the contributor will read your reason")).to_be_visible()
        answer = _status(visitor, origin, declined)
        assert "declined" in answer and REASON in answer
