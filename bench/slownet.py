"""First contentful paint and `load` under emulated slow networks (DevTools'
Network.emulateNetworkConditions), each as a ratio to a 1-byte page (`/_floor`, added by
bench/floor_settings.py) served by the same server process under the same emulation in the
same run: the physical floor of one request over that network. Each measurement is a new
browser context with the cache disabled; the targets take turns round after round, so the
machine's noise falls on all of them alike, and the figures are medians."""

import statistics
from typing import Any

from browser import chromium, load
from installs import log

FLOOR_PATH = "/_floor"  # served by bench/floor_urls.py
FCP_RATIO = 1.3
LOAD_RATIO = 2.1

# Throughputs in bytes per second, latency in ms added to each request.
PROFILES = {
    # 50 kbit/s both ways with a 2 s round trip: GPRS/EDGE as many readers still have it.
    "2G": {"downloadThroughput": 50_000 / 8, "uploadThroughput": 50_000 / 8, "latency": 2000},
    # DevTools' "Slow 3G" (named "3G" since 2024): front_end/core/sdk/NetworkManager.ts,
    # Slow3GConditions = 500 * 1000 / 8 * .8 down and up, latency 400 * 5.
    "Slow 3G": {
        "downloadThroughput": 500 * 1000 / 8 * 0.8,
        "uploadThroughput": 500 * 1000 / 8 * 0.8,
        "latency": 400 * 5,
    },
}


def measure(base: str, targets: dict[str, str], runs: int) -> dict[str, Any]:
    """`targets` maps a page type to a path; the floor is measured alongside them."""
    paths = {"floor (1 byte)": FLOOR_PATH, **targets}
    result: dict[str, Any] = {"runs": runs, "budgets": {"fcp": FCP_RATIO, "load": LOAD_RATIO}}
    result["profiles"] = {}
    for profile, network in PROFILES.items():
        samples: dict[str, dict[str, list[float]]] = {
            name: {"fcp_ms": [], "load_ms": []} for name in paths
        }
        with chromium() as browser:
            for run in range(runs):
                log(f"  {profile}: round {run + 1} of {runs}")
                for name, path in paths.items():
                    loaded = load(browser, base + path, network=network, settle=False)
                    figures = loaded.figures()
                    if loaded.status != 200 or figures["fcp_ms"] is None:
                        raise RuntimeError(f"{path} answered {loaded.status} without a paint")
                    samples[name]["fcp_ms"].append(figures["fcp_ms"])
                    samples[name]["load_ms"].append(figures["load_ms"])
        result["profiles"][profile] = {"network": network} | _ratios(paths, samples)
    return result


def _ratios(paths: dict[str, str], samples: dict[str, dict[str, list[float]]]) -> dict[str, Any]:
    floor = {k: statistics.median(v) for k, v in samples["floor (1 byte)"].items()}
    pages = {}
    for name, path in paths.items():
        medians = {k: round(statistics.median(v), 1) for k, v in samples[name].items()}
        fcp_ratio = medians["fcp_ms"] / floor["fcp_ms"]
        load_ratio = medians["load_ms"] / floor["load_ms"]
        pages[name] = {
            "path": path,
            **medians,
            "fcp_ratio": round(fcp_ratio, 2),
            "load_ratio": round(load_ratio, 2),
            "fcp_samples": samples[name]["fcp_ms"],
            "load_samples": samples[name]["load_ms"],
            "within_budget": fcp_ratio <= FCP_RATIO and load_ratio <= LOAD_RATIO,
        }
    return {"pages": pages}


def print_slownet(result: dict[str, Any]) -> None:
    print(
        f"\nSlow networks, Chromium, cache disabled, medians of {result['runs']} runs; ratios to "
        f"a 1-byte page from the same server (budget: FCP <= {FCP_RATIO}x, "
        f"load <= {LOAD_RATIO}x the floor):"
    )
    for profile, figures in result["profiles"].items():
        n = figures["network"]
        print(
            f"  {profile}: {n['downloadThroughput'] * 8 / 1000:.0f} kbit/s down, "
            f"{n['uploadThroughput'] * 8 / 1000:.0f} kbit/s up, {n['latency']:.0f} ms latency"
        )
        print(
            f"    {'page':<18} {'FCP ms':>8} {'load ms':>8} {'FCP ratio':>9} {'FCP':>4} "
            f"{'load ratio':>10} {'load':>4}"
        )
        for name, page in figures["pages"].items():
            floor = page["path"] == FLOOR_PATH
            print(
                f"    {name:<18} {page['fcp_ms']:>8.0f} {page['load_ms']:>8.0f} "
                f"{page['fcp_ratio']:>8.2f}x {_verdict(floor, page['fcp_ratio'], FCP_RATIO):>4} "
                f"{page['load_ratio']:>9.2f}x {_verdict(floor, page['load_ratio'], LOAD_RATIO):>4}"
            )


def _verdict(floor: bool, ratio: float, budget: float) -> str:
    return "" if floor else ("PASS" if ratio <= budget else "FAIL")
