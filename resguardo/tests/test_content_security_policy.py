"""Nothing on any page breaks the Content-Security-Policy (web/security.py), in Debian's
headless Chromium: no public page, and no step of an editor's work in Django's admin
(sign-in over HTTPS, the list of resources, a new resource with the two-box theme picker,
the publisher and language search, "Same work as" searched by title, and the slug typed
for them, saved).

Chromium reports each violation twice: a `securitypolicyviolation` event in the page and a
"Refused to …" message in its console (read through the DevTools protocol, as Playwright's
console event only carries the page's own console calls). Both are collected; a test shows
they catch a violation made on purpose.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import BrowserContext, Page, expect

from resguardo.catalogue.models import Resource
from resguardo.conftest import authenticator
from resguardo.tests.browser import chromium, sign_in
from resguardo.tests.https import https_live_server, make_certificates

WATCH = """document.addEventListener("securitypolicyviolation", event => window.reportViolation(
  `${event.violatedDirective} refused ${event.blockedURI || "inline"}`
  + ` (${event.sourceFile || "the page"}:${event.lineNumber})`));"""


@contextmanager
def watched_page(context: BrowserContext, found: list[str]) -> Iterator[Page]:
    context.expose_function("reportViolation", lambda text: found.append(f"event: {text}"))
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(10_000)
    devtools = context.new_cdp_session(page)
    devtools.on("Log.entryAdded", lambda event: found.append(
        f"console: {event['entry']['text']}")
        if "Content Security Policy" in event["entry"]["text"] else None)
    devtools.send("Log.enable")
    yield page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_violation_made_on_purpose_is_caught(live_server, seeded) -> None:  # type: ignore[no-untyped-def]
    # So an empty list below means none happened, not that none were seen.
    found: list[str] = []
    with chromium() as browser:
        context = browser.new_context()
        with watched_page(context, found) as page:
            page.goto(f"{live_server.url}/en/")
            page.evaluate("document.body.setAttribute('style', 'color: red')")
            page.wait_for_timeout(200)
        context.close()
    assert any(f.startswith("event: style-src-attr") for f in found), found
    assert any(f.startswith("console:") and "inline style violates the following Content "
               "Security Policy directive" in f for f in found), found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_kind_of_page_breaks_the_policy(live_server, every_page_type) -> None:  # type: ignore[no-untyped-def]
    found: dict[str, list[str]] = {}
    with chromium() as browser:
        context = browser.new_context()
        seen: list[str] = []
        with watched_page(context, seen) as page:
            for kind in every_page_type:
                response = page.goto(f"{live_server.url}{kind.path}", wait_until="load")
                assert response and response.status == kind.status, kind
                # The inline stylesheet applied: the brand is bold, as site.css says.
                if not kind.path.startswith(("/editors/", "/tests/")):
                    expect(page.locator(".brand")).to_have_css("font-weight", "700")
                page.wait_for_timeout(50)
                found[kind.path], seen[:] = list(seen), []
        context.close()
    assert not {path: v for path, v in found.items() if v}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_signs_in_over_https_and_adds_a_resource_with_every_widget_working(
        editor: User, seeded: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    certificates = make_certificates(tmp_path)
    device = authenticator(editor)  # read before the browser starts
    found: list[str] = []
    with https_live_server(certificates) as origin, chromium() as browser:
        # Chromium cannot be told to trust the test authority without a profile of its
        # own; it is told to overlook certificate errors instead.
        context = browser.new_context(ignore_https_errors=True)
        with watched_page(context, found) as page:
            # The sign-in form is posted with the page's Origin (no Referer is sent):
            # Django's CSRF check over HTTPS accepts it.
            sign_in(page, origin, device)
            expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

            page.goto(f"{origin}/editors/catalogue/resource/")
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Select resource to change")

            page.goto(f"{origin}/editors/catalogue/resource/add/")
            page.get_by_label("Title:").fill("Radio alerts across the valley")
            page.get_by_label("Summary:").click()  # the slug is filled in by script
            expect(page.get_by_label("Slug:")).to_have_value("radio-alerts-across-the-valley")
            page.get_by_label("Resource type:").select_option(label="Guides & manuals")
            # filter_horizontal: pick a theme in the left box, move it to the right one.
            page.locator("#id_themes_from").select_option(label="Digital security")
            page.locator("#id_themes_add").click()
            expect(page.locator("#id_themes_to option")).to_have_text(["Digital security"])
            # autocomplete: search the languages and choose one.
            page.locator(".field-languages .select2-selection").click()
            page.locator(".field-languages .select2-search__field").fill("Españ")
            page.get_by_role("option", name="Español", exact=True).click()
            # Same work as: search the resources by title (ResourceAdmin.works_view).
            page.locator(".field-same_work_as .select2-selection").click()
            page.locator(".select2-container--open .select2-search__field").fill("taking care")
            page.get_by_role("option", name="Taking Care of Us (English)").click()
            page.get_by_role("button", name="Save", exact=True).click()
            expect(page.locator(".messagelist")).to_contain_text("was added successfully")

            # The list's actions: tick every row (the counter is kept by script), publish.
            page.locator("#action-toggle").check()
            expect(page.locator(".action-counter")).to_have_text(
                re.compile(r"^(\d+) of \1 selected$"))
            page.get_by_label("Action:").select_option(label="Publish the selected resources")
            page.get_by_role("button", name="Go").click()
            expect(page.locator(".messagelist")).to_contain_text("resources published.")
        context.close()
    assert found == []
    added = Resource.objects.get(slug="radio-alerts-across-the-valley")
    assert [t.name for t in added.themes.all()] == ["Digital security"]
    assert [lang.code for lang in added.languages.all()] == ["es"]
    assert [v.title for v in added.other_versions()] == ["Taking Care of Us"]
