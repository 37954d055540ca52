"""With JavaScript off in Debian's headless Chromium, a visitor still searches, toggles
facets on and off, sorts, turns pages, reads a text, downloads it and the stored file, and
an editor signs in with a code from their authenticator app: every form and link works as
plain HTML.

Without Chromium the tests are skipped, except in CI (CI=true), where that is a failure.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Locator, Page, expect

from resguardo.catalogue.models import Resource
from resguardo.conftest import authenticator
from resguardo.search.text import fold
from resguardo.tests.browser import chromium, sign_in
from resguardo.tests.pages import FILE_TITLE, LONG_TEXT

THEME = "Risk and context analysis"
STORED_FILE_LINK = "Download the file"


@contextmanager
def no_javascript() -> Iterator[Page]:
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.set_content('<p id="js">off</p><script>js.textContent = "on"</script>')
        expect(page.locator("#js")).to_have_text("off")  # scripts really do not run
        yield page
        context.close()


def _status(page: Page) -> Locator:
    return page.get_by_role("status")


def _click_where_seen(link: Locator) -> None:
    # Playwright aims at the first box inside a link, here its visually hidden "Remove
    # filter:" prefix, which is clipped away; a reader clicks the middle of what they see.
    box = link.bounding_box()
    assert box, link
    link.click(position={"x": box["width"] / 2, "y": box["height"] / 2})


def _titles(page: Page) -> list[str]:
    results = page.get_by_role("region", name="Results")
    return results.get_by_role("listitem").get_by_role("heading").all_inner_texts()


def _search_and_toggle_a_facet(page: Page, origin: str) -> None:
    page.goto(f"{origin}/en/")
    page.get_by_role("searchbox", name="Search the library").fill("protection")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(f"{origin}/en/catalogue/?q=protection")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search: protection")
    expect(_status(page)).to_have_text(re.compile(r"^\d+ resources$"))
    everything = _status(page).inner_text()

    narrow = page.get_by_role("region", name="Narrow down")
    theme = narrow.get_by_role("link", name=THEME, exact=True)
    count = theme.locator("xpath=following-sibling::span[@class='count']").inner_text()
    theme.click()
    expect(page).to_have_url(re.compile(r"\?q=protection&theme=risk-context-analysis$"))
    expect(_status(page)).to_have_text(f"{count} resource" + ("" if count == "1" else "s"))
    expect(page.get_by_role("list", name="Filters in use")).to_have_text(
        f"Remove filter: {THEME}")
    on = narrow.get_by_role("link", name=f"Remove filter: {THEME}", exact=True)
    expect(on).to_have_attribute("aria-current", "true")
    _click_where_seen(on)  # the same link toggles the filter off again
    expect(page).to_have_url(f"{origin}/en/catalogue/?q=protection")
    expect(_status(page)).to_have_text(everything)
    expect(page.get_by_role("list", name="Filters in use")).to_have_count(0)

    page.get_by_label("Sort by").select_option(label="Title")  # the sort form keeps the query
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page).to_have_url(f"{origin}/en/catalogue/?q=protection&sort=title")
    expect(_status(page)).to_have_text(everything)


def _sort_and_turn_pages(page: Page, origin: str) -> None:
    page.goto(f"{origin}/en/catalogue/")
    expect(_status(page)).to_have_text("21 resources · page 1 of 2")
    page.get_by_label("Sort by").select_option(label="Title")
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page).to_have_url(f"{origin}/en/catalogue/?sort=title")
    first = _titles(page)
    assert len(first) == 20 and first == sorted(first, key=fold), first

    pages = page.get_by_role("navigation", name="Pages")
    pages.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(f"{origin}/en/catalogue/?sort=title&page=2")
    expect(_status(page)).to_have_text("21 resources · page 2 of 2")
    expect(page.get_by_label("Sort by")).to_have_value("title")
    last = _titles(page)
    assert len(last) == 1 and fold(first[-1]) <= fold(last[0]), (first, last)
    expect(pages.get_by_role("link", name="Next page")).to_have_count(0)

    pages.get_by_role("link", name="Previous page").click()
    expect(page).to_have_url(f"{origin}/en/catalogue/?sort=title&page=1")
    assert _titles(page) == first


def _download(page: Page, link: Locator) -> tuple[str, bytes]:
    with page.expect_download() as event:
        link.click()
    download = event.value
    assert download.failure() is None, (download.url, download.failure())
    return download.suggested_filename, download.path().read_bytes()


def _read_a_long_text_part_by_part(page: Page, origin: str) -> None:
    page.goto(f"{origin}{LONG_TEXT}")
    expect(page.get_by_text("Part 1 of 2")).to_be_visible()
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="CONCLUSION").click()
    expect(page).to_have_url(re.compile(r"/text/2/#conclusion$"))
    expect(page.get_by_role("heading", name="CONCLUSION")).to_be_visible()
    page.get_by_role("link", name=re.compile("^← Part 1")).click()
    expect(page).to_have_url(f"{origin}{LONG_TEXT}")
    page.get_by_role("link", name=re.compile("^Part 2")).click()
    expect(page.get_by_text("Part 2 of 2")).to_be_visible()


def _read_and_download_the_text(page: Page, origin: str) -> None:
    page.goto(f"{origin}/en/")
    page.get_by_role("link", name=FILE_TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FILE_TITLE)
    slug = page.url.rstrip("/").rsplit("/", 1)[1]

    name, body = _download(page, page.get_by_role("link", name=STORED_FILE_LINK, exact=True))
    assert name == f"{slug}.pdf" and body.startswith(b"%PDF-1.4"), name
    name, body = _download(page, page.get_by_role("link", name="Plain text file", exact=True))
    assert (name, body.decode()) == (
        f"{slug}.txt", "The radio warns the village.\n\nEvery listener knows the signal.\n")

    page.get_by_role("link", name="Read it as light text", exact=True).click()
    expect(page).to_have_url(f"{origin}/en/resources/{slug}/text/")
    expect(page.get_by_role("article").locator("p")).to_contain_text(
        ["The radio warns the village.", "Every listener knows the signal."])
    name, _body = _download(page, page.get_by_role("link", name="Download as plain text"))
    assert name == f"{slug}.txt"
    page.get_by_role("link", name="About this resource", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FILE_TITLE)


def _sign_in(page: Page, origin: str, device: TOTPDevice) -> None:
    sign_in(page, origin, device)
    expect(page.get_by_role("link", name="Resources", exact=True)).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("every_page_type")
def test_without_javascript_every_form_and_link_a_visitor_or_an_editor_needs_works(
    live_server, editor
):
    origin = live_server.url
    device = authenticator(editor)  # read before the browser starts: no database in there
    with no_javascript() as page:
        _search_and_toggle_a_facet(page, origin)
        _sort_and_turn_pages(page, origin)
        _read_and_download_the_text(page, origin)
        _read_a_long_text_part_by_part(page, origin)
        _sign_in(page, origin, device)


@pytest.mark.django_db
def test_the_site_itself_serves_the_stored_file_a_resource_page_links(client, every_page_type):
    """The live server serves MEDIA_URL itself; `resguardo serve` does not: the resource
    page must link the file view, which the application serves."""
    resource = Resource.objects.get(title=FILE_TITLE)
    page = client.get(resource.get_absolute_url()).content.decode()
    url = reverse("catalogue:file", args=[resource.slug])
    assert f'<a href="{url}" download>{STORED_FILE_LINK}</a>' in page
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
