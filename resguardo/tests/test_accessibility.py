"""Every kind of page has no WCAG 2.1 A or AA violation that axe-core finds, in Debian's
headless Chromium against the live server, and fits a 240-pixel screen; a keyboard user
sees where the focus is.

axe.min.js is read from node_modules (`npm ci`) and injected into each page: nothing is
fetched at run time. Without it or Chromium the tests are skipped, except in CI (CI=true),
where that is a failure.
"""

import pytest
from django.conf import settings
from playwright.sync_api import Page

from resguardo.tests.browser import AXE, INSTALL_CHECKERS, chromium, require_file
from resguardo.tests.pages import in_language

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 720}
# Reflow (WCAG 1.4.10), which axe leaves to people: at 240 CSS pixels wide, as on a KaiOS
# feature phone (narrower than WCAG's 320, or a page zoomed to 400 %), nothing may need
# scrolling sideways.
NARROW = {"width": 240, "height": 320}
# The editors' area is Django's admin, used from computers: WCAG's own 320 pixels there.
NARROW_FOR_EDITORS = {"width": 320, "height": 640}
# The focus ring must stand out from the white page by 3:1 (WCAG 1.4.11, non-text contrast).
FOCUS_CONTRAST = 3.0


def _violations(page: Page) -> list[str]:
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n      at {node['target']}: "
        f"{node['failureSummary']}"
        for v in results["violations"] for node in v["nodes"]
    ]


def _overflow(page: Page, narrow: dict[str, int]) -> list[str]:
    page.set_viewport_size(narrow)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    if width > narrow["width"]:
        return [f"reflow (1.4.10): {width} CSS pixels wide on a {narrow['width']}-pixel screen"]
    return []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_kind_of_page_has_no_wcag_21_aa_violation_axe_can_find_and_reflows(
    live_server, every_page_type
):
    # The page list is built (with the ORM) before Playwright's event loop starts.
    axe = require_file(AXE, INSTALL_CHECKERS)
    found: dict[str, list[str]] = {}
    requested: list[str] = []
    with chromium() as browser:
        # Every language: French and Portuguese words are longer, and must still reflow.
        for code, _name in settings.LANGUAGES:
            context = browser.new_context(viewport=DESKTOP, locale=code)
            context.add_init_script(path=axe)  # from disk, into every page before it loads
            context.on("request", lambda request: requested.append(request.url))
            page = context.new_page()
            for kind in every_page_type:
                path = in_language(kind, code)
                response = page.goto(f"{live_server.url}{path}")
                assert response and response.status == kind.status, (kind, response)
                narrow = NARROW_FOR_EDITORS if path.startswith("/editors/") else NARROW
                found[f"{kind.name} ({path})"] = _violations(page) + _overflow(page, narrow)
            context.close()
    elsewhere = [url for url in requested if not url.startswith(f"{live_server.url}/")]
    assert elsewhere == [], f"requests to hosts other than the live server: {elsewhere}"
    report = [f"{name}:\n    " + "\n    ".join(v) for name, v in found.items() if v]
    assert not report, "WCAG 2.1 AA violations:\n" + "\n".join(report)


FOCUS = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {text: el.textContent.trim() || el.name || el.id, inMain: !!el.closest("main"),
          outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth), color: style.outlineColor,
          onScreen: box.width > 1 && box.height > 1 && box.right > 0 && box.bottom > 0
                    && box.left < innerWidth && box.top < innerHeight};
}"""


def _contrast_with_white(css_color: str) -> float:
    red, green, blue = (int(c) for c in css_color[css_color.index("(") + 1:-1].split(",")[:3])

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (lum + 0.05)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("seeded")
def test_the_keyboard_first_reaches_a_visible_skip_link_and_every_focus_is_clearly_outlined(
    live_server,
):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{live_server.url}/en/catalogue/?q=protection")
        page.keyboard.press("Tab")
        focused = [page.evaluate(FOCUS)]
        page.keyboard.press("Enter")  # follow the skip link: the next stop is in <main>
        for _ in range(10):  # the search box and button, sort, results, pages, facets
            page.keyboard.press("Tab")
            focused.append(page.evaluate(FOCUS))
        page.close()
    assert focused[0]["text"] == "Skip to content", focused[0]
    assert all(where["inMain"] for where in focused[1:]), focused
    for where in focused:
        assert where["onScreen"], where
        assert where["outline"] != "none" and where["width"] >= 2, where
        assert _contrast_with_white(where["color"]) >= FOCUS_CONTRAST, where
