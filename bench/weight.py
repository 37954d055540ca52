"""Page weight per page type, as a first visit in Chromium costs it: crawled from the home
page like a visitor (same-host links, a bounded number of pages per type), each page loaded
in a new browser with the cache disabled, `Accept-Encoding: gzip, deflate, br` sent, and
counted from the DevTools protocol: requests, bytes on the wire (Network.loadingFinished
encodedDataLength: compressed bodies plus headers), JavaScript, requests sent before the
first paint, and hosts other than the server's (there must be none).

Each page is checked against the budget: 14,336 bytes on the wire (the first ~10 TCP
segments a new connection can deliver in one round trip) with everything it loads,
including the /favicon.ico a browser asks for on a first visit."""

from collections import deque
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from browser import Load, chromium, load
from installs import log

BUDGET_BYTES = 14_336
PAGE_TYPES = (
    "home",
    "catalogue",
    "facet",
    "search",
    "resource",
    "text",
    "knowledge index",
    "knowledge page",
    "404",
)
LABELS = {
    "facet": "catalogue by facet",
    "search": "search results",
    "text": "reading view",
    "404": "404 page",
}
MISSING_PATH = "/en/bench-no-such-page/"
# The interface languages: the crawl starts at each one's home page (/es/ ...).
LANGUAGES = ("en", "es", "fr", "pt")
# Not pages a reader browses, or not HTML: the editors' area, stored files, static files,
# and every path whose last part has a file extension (feeds, CSV/JSON twins, sitemaps).
SKIPPED_PREFIXES = ("/editors/", "/files/", "/static/", "/language/")


def language_of(path: str) -> str:
    first = urlsplit(path).path.strip("/").split("/")[0]
    return first if first in LANGUAGES else ""


def classify(path: str) -> str | None:
    """The page type of a same-host path with its query, or None for a path not crawled."""
    parts = urlsplit(path)
    route, params = parts.path, dict(parse_qsl(parts.query))
    if route.startswith(SKIPPED_PREFIXES) or "." in route.rsplit("/", 1)[-1]:
        return None
    if route == MISSING_PATH:
        return "404"
    language = language_of(route)
    if not language:
        # An address without a language redirects to one; the bare address answers with the
        # home page in the browser's language, weighed here at its own address (/en/ ...).
        return None
    route = route[len(language) + 1:]
    if route == "/":
        return "home"
    if route == "/catalogue/":
        if params.get("q"):
            return "search"
        return "facet" if set(params) - {"page"} else "catalogue"
    segments = route.strip("/").split("/")
    if segments[0] == "resources" and len(segments) == 2:
        return "resource"
    if segments[0] == "resources" and len(segments) >= 3 and segments[2] == "text":
        return "text"  # text/ and any later part: text/2/ ...
    if segments == ["learn"]:
        return "knowledge index"
    if segments[0] == "learn" and len(segments) == 2:
        return "knowledge page"
    return "other"


def _same_host_path(url: str, host: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(base: str, per_type: int, max_pages: int, query: str) -> list[dict[str, Any]]:
    """Breadth-first from the home page; a search is what the home page's search form
    sends for `query`; the 404 page is a path that does not exist."""
    host = urlsplit(base).netloc
    homes = [f"/{code}/" for code in LANGUAGES]
    queue, seen = deque([*homes, MISSING_PATH]), {*homes, MISSING_PATH}
    counts: dict[tuple[str, str], int] = {}
    pages: list[dict[str, Any]] = []
    while queue and len(pages) < max_pages:
        path = queue.popleft()
        kind = classify(path)
        key = (language_of(path), kind or "")
        if kind is None or counts.get(key, 0) >= per_type:
            continue
        with chromium() as browser:  # a new browser: a first visit, favicon and all
            loaded = load(browser, base + path)
        if not loaded.in_page.get("content_type", "").startswith("text/html"):
            continue
        counts[key] = counts.get(key, 0) + 1
        pages.append(_page(kind, path, loaded))
        log(f"  {kind:<15} {pages[-1]['wire_bytes']:>7,} B  {path}")
        for link in _links(loaded, query):
            found = _same_host_path(link, host)
            if found and found not in seen:
                seen.add(found)
                queue.append(found)
    return pages


def _links(loaded: Load, query: str) -> list[str]:
    links = [url.split("#", 1)[0] for url in loaded.in_page.get("links", [])]
    form = loaded.in_page.get("search_form")
    if form:
        links.insert(0, f"{form['action'].split('?', 1)[0]}?{urlencode({form['name']: query})}")
    return links


def _page(kind: str, path: str, loaded: Load) -> dict[str, Any]:
    return {
        "type": kind,
        "language": language_of(path),
        "path": path,
        "status": loaded.status,
        **loaded.figures(),
        "requests_detail": [
            {
                "url": r.url,
                "kind": r.kind,
                "status": r.status,
                "encoding": r.encoding,
                "wire_bytes": r.wire_bytes,
                "failed": r.failed,
            }
            for r in loaded.requests
        ],
    }


def summarise(pages: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per page type, the heaviest page found and whether it keeps the budget."""
    by_type: dict[str, dict[str, Any]] = {}
    for kind in [*PAGE_TYPES, "other"]:
        found = [p for p in pages if p["type"] == kind]
        if not found:
            continue
        heaviest = max(found, key=lambda p: p["wire_bytes"])
        hosts = sorted({h for p in found for h in p["third_party_hosts"]})
        by_type[kind] = {
            "pages": len(found),
            "heaviest": heaviest["path"],
            "status": heaviest["status"],
            "requests": heaviest["requests"],
            "wire_bytes": heaviest["wire_bytes"],
            "js_bytes": max(p["js_bytes"] for p in found),
            "inline_js_chars": max(p["inline_js_chars"] for p in found),
            "requests_before_first_paint": heaviest["requests_before_first_paint"],
            "third_party_hosts": hosts,
            "within_budget": heaviest["wire_bytes"] <= BUDGET_BYTES and not hosts,
        }
    return by_type


def by_language(pages: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per page type, the heaviest page's wire bytes in each language."""
    table: dict[str, dict[str, int]] = {}
    for page in pages:
        row = table.setdefault(page["type"], {})
        row[page["language"]] = max(row.get(page["language"], 0), page["wire_bytes"])
    return table


def favicon(pages: list[dict[str, Any]]) -> dict[str, Any] | None:
    """How the browser's own request for /favicon.ico was answered, if it was made."""
    for page in pages:
        for r in page["requests_detail"]:
            if urlsplit(r["url"]).path == "/favicon.ico":
                return {"status": r["status"], "wire_bytes": r["wire_bytes"]}
    return None


def measure(base: str, *, per_type: int, max_pages: int, query: str) -> dict[str, Any]:
    pages = crawl(base, per_type, max_pages, query)
    return {
        "budget_bytes": BUDGET_BYTES,
        "per_type": per_type,
        "by_type": summarise(pages),
        "by_language": by_language(pages),
        "missing_types": [k for k in PAGE_TYPES if not any(p["type"] == k for p in pages)],
        "favicon": favicon(pages),
        "pages": pages,
    }


def print_weight(result: dict[str, Any]) -> None:
    budget = result["budget_bytes"]
    print(
        f"\nPage weight, first visit in Chromium, cache disabled (heaviest of up to "
        f"{result['per_type']} pages per type; budget {budget:,} bytes on the wire):"
    )
    print(
        f"  {'page type':<19} {'pages':>5} {'requests':>8} {'wire bytes':>10} {'budget':>7} "
        f"{'JS bytes':>8} {'inline JS':>9} {'before paint':>12}  third-party  verdict"
    )
    for kind, t in result["by_type"].items():
        print(
            f"  {LABELS.get(kind, kind):<19} {t['pages']:>5} {t['requests']:>8} "
            f"{t['wire_bytes']:>10,} {t['wire_bytes'] / budget:>7.0%} {t['js_bytes']:>8,} "
            f"{t['inline_js_chars']:>9,} {t['requests_before_first_paint']:>12}  "
            f"{', '.join(t['third_party_hosts']) or 'none':<11}  "
            f"{'PASS' if t['within_budget'] else 'FAIL'}"
        )
    for kind, t in result["by_type"].items():
        print(f"    {LABELS.get(kind, kind):<19} {t['heaviest']}")
    print("  Heaviest wire bytes per language:")
    print(f"  {'page type':<19} " + " ".join(f"{code:>7}" for code in LANGUAGES))
    for kind, row in result["by_language"].items():
        print(f"  {LABELS.get(kind, kind):<19} "
              + " ".join(f"{row[c]:>7,}" if c in row else f"{'-':>7}" for c in LANGUAGES))
    if result["missing_types"]:
        print(f"  Not reached by the crawl: {', '.join(result['missing_types'])}")
    icon = result["favicon"]
    if icon:
        print(
            f"  The browser's /favicon.ico request (counted in each page above): answered "
            f"{icon['status']}, {icon['wire_bytes']:,} bytes on the wire"
        )
