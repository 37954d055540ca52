"""Debian's headless Chromium driven by Playwright, and what one page load costs as the
Chrome DevTools Protocol reports it: every request, its bytes on the wire, when the page
first painted. Never downloads a browser (`playwright install` cannot work here)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, CDPSession, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from resguardo.tests.browser import CHROMIUM, CHROMIUM_ARGS  # the tests' Chromium, as started

# What Chromium sends over HTTPS, as readers reach a public server (over plain HTTP to
# 127.0.0.1 it would leave out br).
ACCEPT_ENCODING = "gzip, deflate, br"
NAVIGATION_TIMEOUT_MS = 180_000
PAINT_TIMEOUT_MS = 30_000
_PAINTED = """() => performance.getEntriesByType("paint")
  .some(e => e.name === "first-contentful-paint")"""

# Read in the page once it has loaded: paint and load times (ms from navigation start),
# the links a visitor could follow, inline scripts, and the search form.
_IN_PAGE = """() => {
  const paint = Object.fromEntries(
    performance.getEntriesByType("paint").map(e => [e.name, e.startTime]));
  const nav = performance.getEntriesByType("navigation")[0];
  const form = document.querySelector('form[role="search"], form.search');
  const input = form && form.querySelector('input[type="search"], input[name]');
  const inline = [...document.scripts].filter(s => !s.src && (!s.type ||
    /(java|ecma)script|module/.test(s.type)));
  return {
    fcp_ms: paint["first-contentful-paint"] ?? null,
    first_paint_ms: paint["first-paint"] ?? null,
    load_ms: nav ? nav.loadEventStart : null,
    content_type: document.contentType,
    links: [...document.querySelectorAll("a[href]")].map(a => a.href),
    inline_js_chars: inline.reduce((n, s) => n + s.text.length, 0),
    search_form: form && input ? {action: form.action, name: input.name} : null,
  };
}"""


class ChromiumMissing(RuntimeError):
    pass


@contextmanager
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        raise ChromiumMissing(
            f"Debian's Chromium is missing at {CHROMIUM} (apt-get install -y chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Request:
    url: str
    kind: str = "Other"  # CDP resource type: Document, Stylesheet, Script, Image, Other...
    started: float = 0.0  # CDP monotonic seconds
    status: int | None = None
    mime: str = ""
    encoding: str = ""  # Content-Encoding of the response
    wire_bytes: int = 0  # encodedDataLength: compressed body plus headers
    failed: str | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


@dataclass
class Load:
    """One page load in a fresh browser context with the cache disabled."""

    url: str
    status: int | None
    requests: list[Request]
    first_paint_at: float | None  # CDP monotonic seconds, same clock as Request.started
    in_page: dict[str, Any] = field(default_factory=dict)

    def third_party_hosts(self) -> list[str]:
        own = urlsplit(self.url).netloc
        return sorted({r.host for r in self.requests if r.url.startswith("http") and r.host != own})

    def figures(self) -> dict[str, Any]:
        # The browser's own /favicon.ico request goes out once the page has loaded and never
        # holds up a paint; on a fast network that can still be before the first paint.
        before_paint = [
            r
            for r in self.requests
            if self.first_paint_at
            and r.started < self.first_paint_at
            and urlsplit(r.url).path != "/favicon.ico"
        ]
        return {
            "requests": len(self.requests),
            "wire_bytes": sum(r.wire_bytes for r in self.requests),
            "js_bytes": sum(r.wire_bytes for r in self.requests if r.kind == "Script"),
            "inline_js_chars": self.in_page.get("inline_js_chars", 0),
            "requests_before_first_paint": len(before_paint),
            "third_party_hosts": self.third_party_hosts(),
            "fcp_ms": _round(self.in_page.get("fcp_ms")),
            "load_ms": _round(self.in_page.get("load_ms")),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


class _Recorder:
    """Collects the Network and Page events of one CDP session."""

    def __init__(self, cdp: CDPSession):
        self.requests: dict[str, Request] = {}
        self.loader: str | None = None  # the navigation's loaderId
        self.paints: dict[str, float] = {}  # loaderId -> firstPaint timestamp
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Page.lifecycleEvent", self._lifecycle)

    def _sent(self, event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        if url.startswith("data:"):
            return
        if event.get("type") == "Document" and self.loader is None:
            self.loader = event.get("loaderId")
        key = event["requestId"]
        redirected, redirect = self.requests.pop(key, None), event.get("redirectResponse")
        if redirected is not None and redirect:  # the same id goes on to the new location
            redirected.status = redirect["status"]
            redirected.wire_bytes = int(redirect.get("encodedDataLength", 0))
            self.requests[f"{key} redirected {len(self.requests)}"] = redirected
        self.requests[key] = Request(
            url=url, kind=event.get("type", "Other"), started=event["timestamp"]
        )

    def _response(self, event: dict[str, Any]) -> None:
        request = self.requests.get(event["requestId"])
        if request is not None:
            response = event["response"]
            headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
            request.status, request.mime = response["status"], response.get("mimeType", "")
            request.encoding = headers.get("content-encoding", "")
            request.kind = event.get("type", request.kind)

    def _finished(self, event: dict[str, Any]) -> None:
        request = self.requests.get(event["requestId"])
        if request is not None:
            request.wire_bytes = int(event["encodedDataLength"])

    def _failed(self, event: dict[str, Any]) -> None:
        request = self.requests.get(event["requestId"])
        if request is not None:
            request.failed = event.get("errorText", "failed")

    def _lifecycle(self, event: dict[str, Any]) -> None:
        if event["name"] == "firstPaint":
            self.paints.setdefault(event["loaderId"], event["timestamp"])


def load(
    browser: Browser,
    url: str,
    *,
    network: dict[str, Any] | None = None,
    settle: bool = True,
) -> Load:
    """Load `url` in a new browser context, the cache disabled and, given `network`
    (Network.emulateNetworkConditions parameters), under that emulated network. With
    `settle`, waits for the network to go quiet after `load` (the favicon comes then)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        recorder = _Recorder(cdp)
        cdp.send("Network.enable")
        cdp.send("Page.enable")
        cdp.send("Page.setLifecycleEventsEnabled", {"enabled": True})
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": ACCEPT_ENCODING}})
        if network:
            cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
        response = page.goto(url, wait_until="load", timeout=NAVIGATION_TIMEOUT_MS)
        try:  # the first paint may come after `load`
            page.wait_for_function(_PAINTED, timeout=PAINT_TIMEOUT_MS)
        except PlaywrightTimeout:
            pass  # reported as no paint
        if settle:
            page.wait_for_load_state("networkidle", timeout=NAVIGATION_TIMEOUT_MS)
        in_page = page.evaluate(_IN_PAGE)
        first_paint = recorder.paints.get(recorder.loader or "")
        return Load(
            url=url,
            status=response.status if response else None,
            requests=list(recorder.requests.values()),
            first_paint_at=first_paint,
            in_page=in_page,
        )
    finally:
        context.close()
