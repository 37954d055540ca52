"""Resguardo's benchmark: a synthetic library per backend, measured over real HTTP against the
production server (`resguardo serve`). Prints figures and writes bench/out/results-*.json.

    .venv/bin/python bench/run.py                      # 100,000 resources, both backends
    .venv/bin/python bench/run.py --quick              # 2,000 resources: a smoke run
    .venv/bin/python bench/run.py --backend sqlite --size 20000
    .venv/bin/python bench/run.py --backend sqlite --only weight,slownet,rps

The parts (--only): `library`, the synthetic library's figures and the seed library's page
times; `weight`, `slownet`, `rps` and `lighthouse`, a browser's and a load generator's view
of the seed library (or, with --pages-on synthetic, of the synthetic library); `extraction`,
PDF extraction against pdftotext (no library, no server: bench/extraction.py); `media`,
recordings' light versions, a 100 MB upload and tags left in stored copies (bench/media.py,
a child process per backend, on an install of its own).

With both backends (the default) the `library` part measures the two interleaved, a server
per backend side by side and every step asking both, the first alternating, so their
figures are taken under the same machine load (bench/library.py, bench/README.md).

Every request is a new connection (gunicorn's sync workers close each one), timed from
connecting to the last byte; the client runs on the same machine as the server.
"""

import argparse
import json
import os
import signal
from pathlib import Path
from typing import Any, NoReturn

import extraction
import installs
import library
import lighthouse
import media
import report
import slownet
import throughput
import weight
from browser import CHROMIUM
from installs import OUT, log
from library import SEARCH_QUERY, discover, load_average, machine, warm_workers
from server import Server

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/resguardo_bench"
SEED_PAGES = (
    "home",
    "catalogue",
    "search",
    "resource",
    "text",
    "knowledge page",
    "feed",
    "sitemap",
    "robots.txt",
)
PARTS = ("library", "weight", "slownet", "rps", "lighthouse", "extraction", "media")
PAGE_PARTS = ("weight", "slownet", "rps", "lighthouse")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="2,000 resources, fewer rounds, 5 s of load: a smoke run",
    )
    parser.add_argument("--rounds", type=int, default=10, help="warm rounds of the query mix")
    parser.add_argument("--seconds", type=int, default=15, help="duration of each wrk run")
    parser.add_argument(
        "--wrk-rounds",
        type=int,
        help="wrk runs per target and backend, medians reported "
        "(default: 3 with both backends, taking turns; 1 with one)",
    )
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the server's)")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--skip-seed", action="store_true", help="skip the seed library pages")
    parser.add_argument(
        "--only",
        type=_parts,
        default=list(PARTS),
        help=f"comma-separated parts to run, of {','.join(PARTS)} (default: all)",
    )
    parser.add_argument(
        "--pages-on",
        choices=["seed", "synthetic"],
        default="seed",
        help="library for weight, slownet, rps and lighthouse: the seed library (default) "
        "or the synthetic one of --size",
    )
    parser.add_argument("--runs", type=int, default=5, help="slow-network runs per page")
    parser.add_argument("--per-type", type=int, default=3, help="pages crawled per page type")
    parser.add_argument(
        "--prepare-only", action="store_true", help="generate the libraries, measure nothing"
    )
    args = parser.parse_args()
    if args.quick:
        args.size, args.rounds, args.seconds = 2_000, 3, 5
        args.runs, args.per_type = min(args.runs, 3), min(args.per_type, 2)
    if args.wrk_rounds is None:
        args.wrk_rounds = 1 if args.backend != "both" else 2 if args.quick else 3
    return args


def _parts(value: str) -> list[str]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown or not parts:
        raise argparse.ArgumentTypeError(f"parts are {', '.join(PARTS)}; not {unknown or value}")
    return parts


def _on_signal(number: int, _frame: object) -> NoReturn:
    raise SystemExit(128 + number)  # unwinds through the `with Server` blocks


# --- a browser's and a load generator's view: weight, slownet, rps, lighthouse ---------------


def page_targets(port: int, crawled: dict[str, Any] | None) -> dict[str, str]:
    """One path per page type: the heaviest the weight crawl found, else one found by
    discover(); the search is always the plain search for SEARCH_QUERY."""
    found = discover(port)
    targets = {k: v for k, v in found.items() if k not in ("feed", "sitemap", "robots.txt")}
    if crawled:
        by_type = crawled["by_type"]
        targets = {k: t["heaviest"] for k, t in by_type.items() if k not in ("404", "other")}
    targets["search"] = found["search"]
    return targets


def bench_pages(backend: str, args: argparse.Namespace, parts: list[str]) -> dict[str, Any]:
    if args.pages_on == "seed":
        install, library = installs.seed(backend, args.postgres_url), "seed library"
    else:
        install = installs.library(backend, args.size, args.postgres_url)[0]
        library = f"{args.size:,} synthetic resources"
    if not CHROMIUM.exists() and {"weight", "slownet"} & set(parts):
        log(
            f"Chromium is missing at {CHROMIUM} (apt-get install -y chromium): "
            "skipping weight and slownet"
        )
        parts = [p for p in parts if p not in ("weight", "slownet")]
    workers = args.workers or (os.cpu_count() or 1) + 1
    result: dict[str, Any] = {"backend": backend, "library": library, "machine": machine()}
    result["load_average"] = {"start": load_average()}
    log_path = OUT / f"server-pages-{backend}.log"
    with Server(install.env, log_path, args.workers, settings="floor_settings") as server:
        port, base = server.port, f"http://127.0.0.1:{server.port}"
        warm_workers(port, workers)
        if "weight" in parts:
            log(f"[{backend}] page weight: crawling the {library} in Chromium")
            result["weight"] = weight.measure(
                base, per_type=args.per_type,
                max_pages=12 * args.per_type * len(weight.LANGUAGES),
                query=SEARCH_QUERY
            )
        targets = page_targets(port, result.get("weight"))
        if "slownet" in parts:
            log(f"[{backend}] slow networks: {args.runs} runs per profile")
            slow = {k: targets[k] for k in ("home", "search", "resource") if k in targets}
            # What a reader who types the site's name gets: the home page in their browser's
            # language, with no redirect before it (it used to cost a round trip on 2G).
            slow = {"home": slow["home"], "home, bare address": "/", **slow}
            result["slownet"] = slownet.measure(base, slow, args.runs)
        if "rps" in parts:
            log(f"[{backend}] search against a static file under load")
            result["throughput"] = throughput.measure(
                port, install.data_dir, targets["search"], seconds=args.seconds, rounds=3
            )
        if "lighthouse" in parts:
            log(f"[{backend}] Lighthouse")
            result["lighthouse"] = lighthouse.measure(base, targets)
    result["load_average"]["end"] = load_average()
    return result


def print_pages(r: dict[str, Any]) -> None:
    m = r["machine"]
    changes = len(m["uncommitted_changes"])
    print(
        f"\n=== {r['backend']}: {r['library']}, as a browser and a load generator see it ==="
        f"\n{m['cpus']} CPUs, commit {m['commit']}"
        + (f" with uncommitted changes to {changes} files" if changes else "")
        + f"; load average (1, 5, 15 min): {r['load_average']}"
    )
    if "weight" in r:
        weight.print_weight(r["weight"])
    if "slownet" in r:
        slownet.print_slownet(r["slownet"])
    if "throughput" in r:
        throughput.print_throughput(r["throughput"])
    if "lighthouse" in r:
        lighthouse.print_lighthouse(r["lighthouse"])


def bench_library(backends: list[str], args: argparse.Namespace, quick: str) -> None:
    """One backend: its figures, as they always were. Both: measured interleaved
    (bench/library.py), printed side by side, and kept in one file."""
    results, turns = library.bench(backends, args)
    if len(backends) == 1:
        result = results[backends[0]] | {"interleaving": turns.record()}
        path: Path = OUT / f"results-{backends[0]}{quick}.json"
        path.write_text(json.dumps(result, indent=1))
        report.print_result(result)
    else:
        both = {
            "backends": backends,
            "size": args.size,
            "machine": results[backends[0]]["machine"],
            "interleaving": turns.record(),
            "results": results,
        }
        path = OUT / f"results-{'-'.join(backends)}{quick}.json"
        path.write_text(json.dumps(both, indent=1))
        report.print_side_by_side(both)
    print(f"\nFigures as JSON: {path.relative_to(OUT.parent.parent)}\n", flush=True)


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    OUT.mkdir(parents=True, exist_ok=True)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    if args.prepare_only:
        for backend in backends:
            installs.library(backend, args.size, args.postgres_url)
        return
    if "extraction" in args.only:
        extraction.run()
    if "media" in args.only:
        for backend in backends:
            media.run_child(backend, quick=args.quick, postgres_url=args.postgres_url)
    quick = "-quick" if args.quick else ""
    page_parts = [p for p in args.only if p in PAGE_PARTS]
    if "library" in args.only:
        bench_library(backends, args, quick)
    for backend in backends:
        if page_parts:
            pages = bench_pages(backend, args, page_parts)
            path = OUT / f"pages-{backend}-{args.pages_on}{quick}.json"
            path.write_text(json.dumps(pages, indent=1))
            print_pages(pages)
            print(f"\nFigures as JSON: {path.relative_to(OUT.parent.parent)}\n", flush=True)


if __name__ == "__main__":
    main()
