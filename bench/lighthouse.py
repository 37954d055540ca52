"""Lighthouse scores (mobile preset: its emulated phone and simulated slow 4G) per page type,
with Debian's Chromium. Lighthouse is a bench-only tool pinned in bench/package.json and
installed into bench/node_modules by `npm ci --prefix bench`, never globally."""

import json
import os
import subprocess
from typing import Any

from browser import CHROMIUM, CHROMIUM_ARGS
from installs import BENCH, OUT, log

LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMEOUT_S = 240
NOT_INSTALLED = (
    f"Lighthouse is not installed at {LIGHTHOUSE.relative_to(BENCH.parent)}: "
    "run `npm ci --prefix bench` (Node 18.16 or newer) to install the version pinned in "
    "bench/package-lock.json, then run this part again."
)


def installed() -> bool:
    return LIGHTHOUSE.exists()


def score(url: str, name: str) -> dict[str, Any]:
    report = OUT / f"lighthouse-{name.replace(' ', '-')}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    env = os.environ | {"CHROME_PATH": str(CHROMIUM)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    if done.returncode != 0 or not report.exists():
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    data = json.loads(report.read_text())
    scores = {
        c: None
        if data["categories"][c]["score"] is None
        else round(data["categories"][c]["score"] * 100)
        for c in CATEGORIES
    }
    error = data.get("runtimeError", {}).get("code")
    return {"scores": scores, "report": str(report.relative_to(BENCH.parent))} | (
        {"error": error} if error else {}
    )


def measure(base: str, targets: dict[str, str]) -> dict[str, Any]:
    if not installed():
        return {"installed": False, "message": NOT_INSTALLED}
    pages = {}
    for name, path in targets.items():
        log(f"  lighthouse {name} ({path})")
        pages[name] = {"path": path} | score(base + path, name)
    return {"installed": True, "pages": pages}


def print_lighthouse(result: dict[str, Any]) -> None:
    if not result["installed"]:
        print(f"\n{result['message']}")
        return
    print("\nLighthouse, mobile preset (scores out of 100):")
    print(f"  {'page':<16} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    for name, page in result["pages"].items():
        scores = page.get("scores", {})
        cells = " ".join(f"{'-' if scores.get(c) is None else scores[c]:>14}" for c in CATEGORIES)
        note = f"  ({page['error']})" if page.get("error") else ""
        print(f"  {name:<16} {cells}{note}")
