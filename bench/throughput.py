"""Requests per second and p99 latency of a search page under a bounded local load (wrk to
127.0.0.1), as a ratio to the same server answering a small static file: one WhiteNoise
serves from memory under /static/, without a Django view. Both are asked with a browser's
Accept-Encoding; the two take turns for a few rounds and the figures are medians."""

import json
import re
import statistics
from pathlib import Path
from typing import Any

from installs import OUT, log
from measure import fetch_ok, wrk

SEARCH_SHARE = 0.5
HEADERS = {"Accept-Encoding": "gzip, deflate, br"}


def static_file(port: int, data_dir: Path) -> str:
    """A small static file as pages use it: the first /static/ URL the home page refers to,
    else the smallest stylesheet (or file) in the collected files' manifest."""
    home = fetch_ok(port, "/en/").body
    found = re.search(r'(?:href|src)="(/static/[^"]+)"', home)
    if found:
        return found.group(1)
    manifest = json.loads((data_dir / "static" / "staticfiles.json").read_text())["paths"]
    root = data_dir / "static"
    names = [n for n in manifest.values() if n.endswith(".css")] or list(manifest.values())
    return "/static/" + min(names, key=lambda n: ((root / n).stat().st_size, n))


def measure(
    port: int, data_dir: Path, search: str, *, seconds: int, rounds: int, connections: int = 32
) -> dict[str, Any]:
    targets = {"search": search, "static file": static_file(port, data_dir)}
    for path in targets.values():  # warm: each worker's first requests are slower
        for _ in range(10):
            fetch_ok(port, path)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
    for run in range(rounds):
        for name, path in targets.items():
            log(f"  wrk {seconds} s on {name} ({path}), round {run + 1} of {rounds}")
            script = OUT / f"wrk-throughput-{name.replace(' ', '-')}.lua"
            runs[name].append(
                wrk(
                    port,
                    [path],
                    script,
                    seconds=seconds,
                    connections=connections,
                    headers=HEADERS,
                    latency=True,
                )
            )
    result: dict[str, Any] = {"seconds": seconds, "connections": connections, "rounds": rounds}
    for name, path in targets.items():
        result[name] = {
            "path": path,
            "rps": statistics.median(r["rps"] for r in runs[name]),
            "p99_ms": statistics.median(r["p99_ms"] for r in runs[name]),
            "errors": sum(r["errors"] for r in runs[name]),
            "runs": runs[name],
        }
    share = result["search"]["rps"] / max(0.1, result["static file"]["rps"])
    result["search_share"] = round(share, 3)
    result["within_budget"] = share >= SEARCH_SHARE and not result["search"]["errors"]
    return result


def print_throughput(result: dict[str, Any]) -> None:
    print(
        f"\nUnder load (wrk --latency, {result['connections']} connections, "
        f"{result['seconds']} s per run, medians of {result['rounds']} alternating runs):"
    )
    print(f"  {'target':<12} {'req/s':>8} {'p99 ms':>8} errors  path")
    for name in ("search", "static file"):
        t = result[name]
        print(f"  {name:<12} {t['rps']:>8.1f} {t['p99_ms']:>8.1f} {t['errors']:>6}  {t['path']}")
    print(
        f"  search / static file throughput: {result['search_share']:.0%} "
        f"(budget >= {SEARCH_SHARE:.0%}): {'PASS' if result['within_budget'] else 'FAIL'}"
    )
