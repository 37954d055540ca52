"""A visitor's path through the library in Debian's headless Chromium, against the live
server: search words from a resource's body, narrow the results by theme, open the resource.

Playwright drives /usr/bin/chromium and never downloads a browser. Without Chromium the
test is skipped, except in CI (CI=true), where that is a failure.
"""

import re

import pytest
from django.utils.text import slugify
from playwright.sync_api import Locator, Page, Response, expect

from resguardo.seeds import FOLDER as SEEDS
from resguardo.seeds import library
from resguardo.tests.browser import chromium

TITLE = (
    "Security and Protection of Human Rights Defenders in the face of Non-State Actors: "
    "Initial Reflection and Questions"
)
TEXT_FILE = "003-fghr-jass-non-state-actors.txt"
PHRASE = "panic buttons"  # in that text's body only: no other seed text or title has it
THEME = "Risk and context analysis"


def _fact(page: Page, term: str) -> Locator:
    """The <dd> that follows the <dt> reading `term` in the resource's facts."""
    dt = page.locator("dl.facts > dt").filter(has_text=re.compile(rf"^{re.escape(term)}$"))
    return dt.locator("xpath=following-sibling::dd[1]")


def _note_error(response: Response, errors: list[str]) -> None:
    if response.status >= 400:
        errors.append(f"{response.status} {response.url}")


def test_the_phrase_is_only_in_the_body_of_that_resource():
    # The browser test relies on this: the phrase finds exactly one resource, by its body.
    texts = {path.name: path.read_text(encoding="utf-8").lower() for path in SEEDS.glob("*.txt")}
    assert [name for name, text in texts.items() if PHRASE in text] == [TEXT_FILE]
    assert not [spec["title"] for spec in library.RESOURCES if "panic" in spec["title"].lower()]
    assert not [title for _slug, title, *_rest in library.PAGES if "panic" in title.lower()]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("seeded")
def test_a_visitor_finds_a_resource_by_a_phrase_from_its_text_narrows_by_theme_and_opens_it(
    live_server,
):
    # `seeded` (conftest) has loaded the seed library before Playwright starts: the ORM must
    # not run in this thread once Playwright's event loop does (SynchronousOnlyOperation).
    origin = live_server.url
    slug = slugify(TITLE)[:200]
    requested: list[str] = []
    failed: list[str] = []
    with chromium() as browser:
        context = browser.new_context()
        context.on("request", lambda request: requested.append(request.url))
        context.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
        context.on("response", lambda response: _note_error(response, failed))
        page = context.new_page()
        page.set_default_timeout(10_000)

        # 1. The home page.
        page.goto(f"{origin}/en/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Resguardo")

        # 2. Type a quoted phrase into the search box and press Enter.
        search = page.get_by_role("searchbox", name="Search the library")
        expect(search).to_have_id("q")
        search.fill(f'"{PHRASE}"')
        search.press("Enter")
        expect(page).to_have_url(re.compile(r"/en/catalogue/\?q=%22panic\+buttons%22$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(f'Search: "{PHRASE}"')
        expect(page.get_by_role("status")).to_have_text("1 resource")

        # 3. The resource is a result, its snippet with the phrase marked.
        results = page.get_by_role("region", name="Results")
        item = results.get_by_role("listitem").filter(
            has=page.get_by_role("link", name=TITLE, exact=True)
        )
        expect(item).to_have_count(1)
        expect(item).to_contain_text("cameras and panic buttons")
        expect(item.locator("mark")).to_have_text(["panic", "buttons"])

        # 4. Narrow down by a theme of the resource: it is still there, the URL says so.
        narrow = page.get_by_role("region", name="Narrow down")
        narrow.get_by_role("link", name=THEME, exact=True).click()
        expect(page).to_have_url(re.compile(r"[?&]theme=risk-context-analysis(&|$)"))
        assert "q=%22panic+buttons%22" in page.url
        expect(page.get_by_role("status")).to_have_text("1 resource")
        expect(
            narrow.get_by_role("link", name=f"Remove filter: {THEME}", exact=True)
        ).to_have_attribute("aria-current", "true")
        title_link = results.get_by_role("link", name=TITLE, exact=True)
        expect(title_link).to_be_visible()

        # 5. Open it: title, publishers, year, type and a link to the light text.
        title_link.click()
        expect(page).to_have_url(f"{origin}/en/resources/{slug}/")
        expect(page).to_have_title(f"{TITLE} · Resguardo")
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(_fact(page, "Published by")).to_have_text(
            "Fund for Global Human Rights, JASS (Just Associates)"
        )
        for publisher in ("Fund for Global Human Rights", "JASS (Just Associates)"):
            expect(
                _fact(page, "Published by").get_by_role("link", name=publisher, exact=True)
            ).to_be_visible()
        expect(_fact(page, "Year")).to_have_text("2017")
        expect(_fact(page, "Type")).to_have_text("Reports & research")
        light = page.get_by_role("link", name="Read it as light text", exact=True)
        expect(light).to_have_attribute("href", f"/en/resources/{slug}/text/")
        light.click()
        expect(page).to_have_url(f"{origin}/en/resources/{slug}/text/")
        expect(page.get_by_role("article")).to_contain_text("cameras and panic buttons")

        context.close()

        # 6. On a 360 px phone the filters come first, folded into their summary, and the
        # first result is still on the first screen; a tap opens them, no script needed.
        phone = browser.new_context(viewport={"width": 360, "height": 740},
                                    java_script_enabled=False)
        phone.on("request", lambda request: requested.append(request.url))
        small = phone.new_page()
        small.set_default_timeout(10_000)
        small.goto(f"{origin}/en/catalogue/")
        summary = small.locator("summary").filter(has_text="Narrow down")
        first = small.get_by_role("region", name="Results").get_by_role("listitem").first
        filters_box, first_box = summary.bounding_box(), first.bounding_box()
        assert filters_box and first_box
        assert filters_box["y"] + filters_box["height"] <= first_box["y"] < 740, (
            filters_box, first_box)
        theme = small.get_by_role("region", name="Narrow down").get_by_role(
            "link", name=THEME, exact=True)
        expect(theme).to_be_hidden()
        summary.click()
        expect(theme).to_be_visible()
        theme.click()
        expect(small).to_have_url(re.compile(r"\?theme=risk-context-analysis$"))
        phone.close()
    assert requested, "the browser made no requests at all"
    elsewhere = [url for url in requested if not url.startswith(f"{origin}/en/")]
    assert elsewhere == [], f"requests to hosts other than the live server: {elsewhere}"
    assert failed == [], f"requests that failed or were refused: {failed}"


NEED = "Communication, radio and early warning"
CLASSIFIED = "Collective Protection Resources"  # the seed resource of 002's needs


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("seeded")
def test_on_a_phone_a_visitor_opens_what_is_needed_picks_a_strategy_and_finds_a_resource(
    live_server,
):
    origin = live_server.url
    failed: list[str] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 360, "height": 740},
                                      is_mobile=True, has_touch=True)
        context.on("response", lambda response: _note_error(response, failed))
        page = context.new_page()
        page.set_default_timeout(10_000)

        # 1. The home page leads into what is needed.
        page.goto(f"{origin}/en/")
        page.get_by_role("link", name="What is needed", exact=True).click()
        expect(page).to_have_url(re.compile(r"/en/catalogue/\?group=needed$"))

        # 2. Among the strategies (not the theme of the same name), the one for radio.
        # On a phone the filters come first, folded: one tap opens them.
        narrow = page.get_by_role("region", name="Narrow down")
        narrow.locator("summary").click()
        strategies = narrow.locator("h3:text-is('Strategy') + ul")
        strategies.get_by_role("link", name=NEED, exact=True).click()
        expect(page).to_have_url(re.compile(
            r"\?group=needed&strategy=communication-radio-early-warning$"))
        narrow.locator("summary").click()
        expect(narrow.get_by_role("link", name=f"Remove filter: {NEED}", exact=True)
               ).to_have_attribute("aria-current", "true")

        # 3. A resource for it, and the page says what it is for.
        results = page.get_by_role("region", name="Results")
        results.get_by_role("link", name=CLASSIFIED, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(CLASSIFIED)
        expect(_fact(page, "What is needed")).to_contain_text(NEED)

        # Nothing is wider than the phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        context.close()
    assert failed == [], f"requests that failed or were refused: {failed}"
