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

Every request is a new connection (gunicorn's sync workers close each one), timed from
connecting to the last byte; the client runs on the same machine as the server.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlencode

import extraction
import installs
import lighthouse
import media
import report
import slownet
import throughput
import weight
from browser import CHROMIUM
from installs import OUT, Install, log
from measure import Sample, fetch_ok, summary, wrk
from queries import Query, mix
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
SEARCH_QUERY = "protection"  # a typical query: it matches most of the seed library


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
    return args


def _parts(value: str) -> list[str]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown or not parts:
        raise argparse.ArgumentTypeError(f"parts are {', '.join(PARTS)}; not {unknown or value}")
    return parts


def _on_signal(number: int, _frame: object) -> NoReturn:
    raise SystemExit(128 + number)  # unwinds through the `with Server` blocks


# --- measuring a library ---------------------------------------------------------------------


def warm_workers(port: int, workers: int) -> list[float]:
    """Requests in parallel until every worker has built its facet bitmaps (their first
    catalogue request does); returns the slowest request of each round."""
    slowest: list[float] = []
    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        for _ in range(12):
            times = [
                s.ms for s in pool.map(lambda _i: fetch_ok(port, "/en/catalogue/"),
                                        range(workers * 4))
            ]
            slowest.append(round(max(times), 1))
            if len(slowest) >= 3 and max(times) < 3 * min(times) + 50:
                break
    return slowest


def run_mix(port: int, queries: list[Query], rounds: int) -> list[dict[str, Any]]:
    samples: dict[str, list[Sample]] = {q.name: [] for q in queries}
    for _ in range(rounds + 1):  # the first round is each query's first (cold) request
        for query in queries:
            samples[query.name].append(fetch_ok(port, query.path, query.headers))
    rows = []
    for query in queries:
        first, *warm = samples[query.name]
        rows.append(
            {
                "name": query.name,
                "kind": query.kind,
                "path": query.path,
                "reader": query.reader,
                "total": first.total,
                "shown": first.shown,
                "bytes": first.size,
                "cold_ms": round(first.ms, 1),
                "warm": summary([s.ms for s in warm]),
                "warm_ms": [round(s.ms, 1) for s in warm],
            }
        )
    return rows


def mix_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def warm(kind: str | None) -> list[float]:
        return [ms for r in rows if kind in (None, r["kind"]) for ms in r["warm_ms"]]

    def cold(kind: str | None) -> list[float]:
        return [r["cold_ms"] for r in rows if kind in (None, r["kind"])]

    kinds = ("rare", "medium", "everywhere", None)
    return {
        (kind or "all"): {
            "warm": summary(warm(kind)),
            "cold": summary(cold(kind)),
            "warm_and_cold": summary(warm(kind) + cold(kind)),
        }
        for kind in kinds
    }


def other_pages(port: int, samples: int) -> dict[str, Any]:
    paths = discover(port)
    return {
        name: summary(timed(port, path, samples))
        for name, path in paths.items()
        if name not in ("catalogue", "search")
    }


def timed(port: int, path: str, samples: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fetch_ok(port, path)
    return [fetch_ok(port, path).ms for _ in range(samples)]


def _wrk(port: int, name: str, paths: list[str], args: argparse.Namespace) -> dict[str, Any]:
    log(f"  wrk {args.seconds} s on {name}")
    script = OUT / f"wrk-{re.sub(r'[^a-z]+', '-', name)}.lua"
    return wrk(port, paths, script, seconds=args.seconds)


def measure_shipped(install: Install, args: argparse.Namespace, workers: int) -> dict[str, Any]:
    """The server as `resguardo serve` runs it: repeats of a query may be answered from what
    the application keeps (its per-worker memo, Django's cache)."""
    queries, result = mix(), dict[str, Any]()
    log(f"[{install.backend}] server as shipped (Django's caches emptied first)")
    install.clear_caches()
    with Server(install.env, OUT / f"server-{install.backend}.log", args.workers) as server:
        port = server.port
        result["first_catalogue_ms"] = round(fetch_ok(port, "/en/catalogue/").ms, 1)
        result["warmup_slowest_ms"] = warm_workers(port, workers)
        log("  catalogue page")
        result["catalogue"] = summary(timed(port, "/en/catalogue/", 50, warmup=0))
        log(f"  query mix: 1 cold + {args.rounds} warm rounds")
        result["queries"] = run_mix(port, queries, args.rounds)
        result["mix"] = mix_summary(result["queries"])
        log("  other pages")
        result["pages"] = other_pages(port, 10)
        result["wrk"] = {
            "search mix": _wrk(port, "search mix", [q.path for q in queries], args),
            "catalogue": _wrk(port, "catalogue", ["/en/catalogue/"], args),
            "robots.txt": _wrk(port, "robots.txt", ["/robots.txt"], args),
            # A file WhiteNoise serves (no Django view): what the search is compared with.
            "static file": _wrk(
                port, "static file", [throughput.static_file(port, install.data_dir)], args
            ),
        }
    return result


def measure_computed(install: Install, args: argparse.Namespace, workers: int) -> dict[str, Any]:
    """The same with Django's caches off and the per-worker memo emptied before each request
    (bench/nomemo.py): every search is computed, as for a query not just answered."""
    queries, result = mix(), dict[str, Any]()
    log(f"[{install.backend}] server with caches off and the memo emptied (bench/nomemo.py)")
    log_path = OUT / f"server-{install.backend}-nomemo.log"
    with Server(install.env, log_path, args.workers, memo=False) as server:
        port = server.port
        notes = [x for x in log_path.read_text().splitlines() if x.startswith("bench/nomemo")]
        result["server"] = notes[-1] if notes else "bench/nomemo.py said nothing"
        warm_workers(port, workers)
        log("  catalogue page")
        result["catalogue"] = summary(timed(port, "/en/catalogue/", 50, warmup=0))
        log(f"  query mix: {args.rounds + 1} rounds")
        result["queries"] = run_mix(port, queries, args.rounds)
        result["mix"] = mix_summary(result["queries"])
        result["wrk"] = {"search mix": _wrk(port, "search mix", [q.path for q in queries], args)}
    return result


# --- the seed library ----------------------------------------------------------------------


def _first_link(body: str, prefix: str) -> str | None:
    found = re.search(rf'href="({re.escape(prefix)}[\w-]+/)"', body)
    return found.group(1) if found else None


def discover(port: int, query: str = SEARCH_QUERY) -> dict[str, str]:
    """One URL of each page type, found by following links like a visitor."""
    catalogue = fetch_ok(port, "/en/catalogue/").body
    resources = re.findall(r'href="(/en/resources/[\w-]+/)"', catalogue)
    text = next(
        (r + "text/" for r in resources if f'href="{r}text/"' in fetch_ok(port, r).body), None
    )
    pages = {
        "home": "/en/",
        "catalogue": "/en/catalogue/",
        "search": "/en/catalogue/?" + urlencode({"q": query}),
        "resource": resources[0] if resources else None,
        "text": text,
        "knowledge page": _first_link(fetch_ok(port, "/en/learn/").body, "/en/learn/"),
        "feed": "/en/feeds/new.atom",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
    }
    return {name: path for name, path in pages.items() if path}


def measure_seed(install: Install, args: argparse.Namespace) -> dict[str, Any]:
    log(f"[{install.backend}] seed library pages")
    samples = 10 if args.quick else 30
    with Server(install.env, OUT / f"server-seed-{install.backend}.log", args.workers) as s:
        warm_workers(s.port, args.workers or (os.cpu_count() or 1) + 1)
        paths = discover(s.port)
        return {
            name: {"path": path} | summary(timed(s.port, path, samples, warmup=3))
            for name, path in paths.items()
        }


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


# --- main ----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=OUT.parent.parent, capture_output=True, text=True, timeout=30
        )
        return done.stdout.strip()

    return {
        "cpus": os.cpu_count(),
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": git("status", "--porcelain", "--untracked-files=no").splitlines(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def bench_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    workers = args.workers or (os.cpu_count() or 1) + 1
    started = time.perf_counter()
    install, load = installs.library(backend, args.size, args.postgres_url)
    result: dict[str, Any] = {
        "backend": backend,
        "size": args.size,
        "workers": workers,
        "machine": machine(),
        "load": load,
        "database": install.database_size(),
        "load_average": {"start": load_average()},
    }
    result |= measure_shipped(install, args, workers)
    result["load_average"]["after library"] = load_average()
    result["computed"] = measure_computed(install, args, workers)
    result["load_average"]["after memo-off"] = load_average()
    if not args.skip_seed:
        result["seed"] = measure_seed(installs.seed(backend, args.postgres_url), args)
        result["load_average"]["after seed"] = load_average()
    result["budgets"] = report.budgets(result)
    result["bench_s"] = round(time.perf_counter() - started, 1)
    return result


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
    for backend in backends:
        if "library" in args.only:
            result = bench_backend(backend, args)
            path: Path = OUT / f"results-{backend}{quick}.json"
            path.write_text(json.dumps(result, indent=1))
            report.print_result(result)
            print(f"\nFigures as JSON: {path.relative_to(OUT.parent.parent)}\n", flush=True)
        if page_parts:
            pages = bench_pages(backend, args, page_parts)
            path = OUT / f"pages-{backend}-{args.pages_on}{quick}.json"
            path.write_text(json.dumps(pages, indent=1))
            print_pages(pages)
            print(f"\nFigures as JSON: {path.relative_to(OUT.parent.parent)}\n", flush=True)


if __name__ == "__main__":
    main()
