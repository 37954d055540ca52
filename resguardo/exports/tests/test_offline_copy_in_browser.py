"""The copy opened from a folder (file://) in Debian's headless Chromium: a reader goes
from the home page to a resource, with the stylesheet loaded and nothing fetched from
anywhere else. Skipped without Chromium, except in CI (see test_browser_visitor.py)."""

from zipfile import ZipFile

import pytest
from playwright.sync_api import expect

from resguardo.conftest import make_resource
from resguardo.exports.offline.build import export_static
from resguardo.tests.test_browser_visitor import chromium


@pytest.mark.browser
@pytest.mark.django_db
def test_a_reader_opens_the_copy_from_a_usb_stick_and_goes_from_home_to_a_resource(tmp_path):
    guide = make_resource("A field guide to collective protection",
                          themes=["risk-context-analysis"], full_text="Walk together.")
    make_resource("Another guide")
    # The ORM runs before Playwright starts (see test_browser_visitor.py).
    export_static(tmp_path / "copy.zip", languages=["en", "es"])
    stick = tmp_path / "stick"
    ZipFile(tmp_path / "copy.zip").extractall(stick)

    requested: list[str] = []
    failed: list[str] = []
    with chromium() as browser:
        context = browser.new_context()
        context.on("request", lambda request: requested.append(request.url))
        context.on("requestfailed", lambda request: failed.append(request.url))
        page = context.new_page()
        page.set_default_timeout(10_000)

        page.goto((stick / "index.html").as_uri())
        # The copy opens on the choice of language, each named in itself.
        page.get_by_role("link", name="Español", exact=True).click()
        expect(page).to_have_url((stick / "es" / "index.html").as_uri())
        expect(page.locator("html")).to_have_attribute("lang", "es")
        page.get_by_role("link", name="English", exact=True).click()
        expect(page).to_have_url((stick / "en" / "index.html").as_uri())
        expect(page.get_by_role("heading", level=1)).to_have_text("Resguardo")
        # The stylesheet applied: the brand is bold, as site.css says.
        expect(page.locator(".brand")).to_have_css("font-weight", "700")
        page.get_by_role("link", name=guide.title, exact=True).click()
        expect(page).to_have_url(
            (stick / "en" / "resources" / guide.slug / "index.html").as_uri())
        expect(page.get_by_role("heading", level=1)).to_have_text(guide.title)

        page.get_by_role("link", name="Read it as light text", exact=True).click()
        expect(page.get_by_role("article")).to_contain_text("Walk together.")
        page.get_by_role("link", name="Catalogue", exact=True).click()
        expect(page).to_have_url((stick / "en" / "catalogue" / "index.html").as_uri())
        page.get_by_role("link", name="Risk and context analysis", exact=True).click()
        expect(page.get_by_role("status")).to_have_text("1 resource")
        # The switcher opens the same list in Spanish.
        page.get_by_role("link", name="Español", exact=True).click()
        expect(page).to_have_url((stick / "es" / "catalogue" /
                                  "theme-risk-context-analysis.html").as_uri())
        expect(page.locator("html")).to_have_attribute("lang", "es")
        context.close()

    assert requested and all(url.startswith("file://") for url in requested), requested
    assert failed == []
