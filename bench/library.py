"""The benchmark's `library` part: the synthetic library's catalogue page, query mix, other
pages and load runs, against the server as shipped and with every cache off
(bench/nomemo.py), then the seed library's page times.

With two backends the two are measured interleaved, so their figures can be compared: both
libraries are prepared first; then each phase (as shipped, caches off, seed library) starts
one server per backend, running side by side, and every step of a round asks both servers,
one after the other, alternating which goes first (see Turns). Figures of the two backends
are thus taken seconds apart under the same machine load, which is sampled at the start,
after every round and at the end. With one backend the same code runs with nobody to take
turns with.
"""

import os
import re
import statistics
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from typing import Any
from urllib.parse import urlencode

import installs
import report
import throughput
from installs import OUT, Install, log
from measure import Sample, fetch_ok, summary, wrk
from queries import Query, mix
from server import Server

SEARCH_QUERY = "protection"  # a typical query: it matches most of the seed library
CATALOGUE = "/en/catalogue/"
Ports = dict[str, int]  # backend -> port of its server
Result = dict[str, Any]


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


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


class Turns:
    """Which backend is asked first at each step, and the record of every round. At step n of
    round r the order is the backends' own when n + r is even, reversed when odd (A,B then
    B,A): a query (or a wrk target) swaps places from one round to the next, and neighbouring
    steps of a round swap too, so neither backend always follows the other's work."""

    def __init__(self, backends: list[str]) -> None:
        self.backends = backends
        self.started = time.perf_counter()
        self.load_average = {"start": load_average()}
        self.rounds: list[dict[str, Any]] = []

    def order(self, step: int, round_: int = 0) -> list[str]:
        return self.backends if (step + round_) % 2 == 0 else self.backends[::-1]

    def done(self, phase: str, number: int, first: list[str]) -> None:
        """Records a round: the backend asked first at each of its steps, when it ended and
        the machine's load average (1, 5, 15 min) then."""
        self.rounds.append(
            {
                "phase": phase,
                "round": number,
                "first": first,
                "at_s": round(time.perf_counter() - self.started, 1),
                "load_average": load_average(),
            }
        )

    def record(self) -> dict[str, Any]:
        return {
            "backends": self.backends,
            "rule": "at step n of round r, the backends in this order when n + r is even, "
            "reversed when odd",
            "load_average": self.load_average | {"end": load_average()},
            "rounds": self.rounds,
        }


@contextmanager
def servers(
    libraries: dict[str, Install], args: Any, log_name: str, memo: bool = True
) -> Iterator[Ports]:
    """One server per backend, all running at once, logging to `log_name` (its `{}` the
    backend); all stopped at the end."""
    with ExitStack() as stack:
        ports = {}
        for backend, install in libraries.items():
            log_path = OUT / log_name.format(backend)
            server = Server(install.env, log_path, args.workers, memo=memo)
            ports[backend] = stack.enter_context(server).port
        yield ports


def _put(results: dict[str, Result], key: str, per_backend: dict[str, Any]) -> None:
    for backend, value in per_backend.items():
        results[backend][key] = value


def _stamp(results: dict[str, Result], phase: str) -> None:
    now = load_average()
    for result in results.values():
        result["load_average"][phase] = now


# --- timing, one backend or interleaved ------------------------------------------------------


def warm_workers(port: int, workers: int) -> list[float]:
    """Requests in parallel until every worker has built its facet bitmaps (their first
    catalogue request does); returns the slowest request of each round."""
    slowest: list[float] = []
    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        for _ in range(12):
            times = [
                s.ms for s in pool.map(lambda _i: fetch_ok(port, CATALOGUE), range(workers * 4))
            ]
            slowest.append(round(max(times), 1))
            if len(slowest) >= 3 and max(times) < 3 * min(times) + 50:
                break
    return slowest


def timed(
    ports: Ports, turns: Turns, phase: str, paths: dict[str, str], samples: int, warmup: int = 2
) -> dict[str, list[float]]:
    """`samples` requests of each backend's path, taking turns; `paths` may leave a backend
    out (a page its library lacks)."""
    for _ in range(warmup):
        for backend, path in paths.items():
            fetch_ok(ports[backend], path)
    times: dict[str, list[float]] = {backend: [] for backend in paths}
    first = []
    for step in range(samples):
        order = [b for b in turns.order(step) if b in paths]
        first.append(order[0])
        for backend in order:
            times[backend].append(fetch_ok(ports[backend], paths[backend]).ms)
    turns.done(phase, 1, first)
    return times


def run_mix(
    ports: Ports, turns: Turns, phase: str, queries: list[Query], rounds: int
) -> dict[str, list[dict[str, Any]]]:
    """Every query of the mix on every backend, `rounds` + 1 times: the first round is each
    query's first (cold) request."""
    samples: dict[str, dict[str, list[Sample]]] = {b: {q.name: [] for q in queries} for b in ports}
    for number in range(rounds + 1):
        first = []
        for step, query in enumerate(queries):
            order = turns.order(step, number)
            first.append(order[0])
            for backend in order:
                sample = fetch_ok(ports[backend], query.path, query.headers)
                samples[backend][query.name].append(sample)
        turns.done(phase, number + 1, first)
    return {backend: _mix_rows(queries, samples[backend]) for backend in ports}


def _mix_rows(queries: list[Query], samples: dict[str, list[Sample]]) -> list[dict[str, Any]]:
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


def page_times(
    ports: Ports, turns: Turns, phase: str, samples: int, warmup: int, leave_out: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    """Per backend, the times of one page of each type discover() finds on its server (by
    the same links, so the same page where the libraries hold the same rows)."""
    found = {backend: discover(port) for backend, port in ports.items()}
    names = dict.fromkeys(n for paths in found.values() for n in paths if n not in leave_out)
    pages: dict[str, dict[str, Any]] = {backend: {} for backend in ports}
    for name in names:
        paths = {b: found[b][name] for b in ports if name in found[b]}
        for backend, times in timed(
            ports, turns, f"{phase}: {name}", paths, samples, warmup
        ).items():
            pages[backend][name] = {"path": paths[backend]} | summary(times)
    return pages


def load_runs(
    ports: Ports, turns: Turns, phase: str, targets: dict[str, dict[str, list[str]]], args: Any
) -> dict[str, dict[str, Any]]:
    """wrk on every target of every backend, `args.wrk_rounds` rounds taking turns; per
    backend and target, the medians of the rounds."""
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {b: {n: [] for n in targets} for b in ports}
    for number in range(args.wrk_rounds):
        first = []
        for step, (name, paths) in enumerate(targets.items()):
            order = turns.order(step, number)
            first.append(order[0])
            for backend in order:
                log(f"  [{backend}] wrk {args.seconds} s on {name}, round {number + 1}")
                script = OUT / f"wrk-{backend}-{re.sub(r'[^a-z]+', '-', name)}.lua"
                runs[backend][name].append(
                    wrk(ports[backend], paths[backend], script, seconds=args.seconds)
                )
        turns.done(f"{phase}: wrk", number + 1, first)
    return {b: {name: _medians(r) for name, r in by_name.items()} for b, by_name in runs.items()}


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One run as it is; several: the median of each figure, the worst maximum, every error,
    and the runs themselves."""
    if len(runs) == 1:
        return runs[0]
    figures = ("rps", "p50_ms", "p90_ms", "p99_ms", "seconds")
    middle = {k: round(statistics.median(r[k] for r in runs), 1) for k in figures}
    errors = {k: sum(r["error_detail"][k] for r in runs) for k in runs[0]["error_detail"]}
    return (
        runs[0]
        | middle
        | {
            "requests": sum(r["requests"] for r in runs),
            "max_ms": max(r["max_ms"] for r in runs),
            "errors": sum(errors.values()),
            "error_detail": errors,
            "runs": runs,
        }
    )


def catalogue_and_mix(
    ports: Ports,
    turns: Turns,
    phase: str,
    queries: list[Query],
    rounds: int,
    results: dict[str, Result],
) -> None:
    """The catalogue page 50 times, then the query mix, into each backend's results."""
    log(f"  {phase}: catalogue page")
    times = timed(ports, turns, f"{phase}: catalogue", dict.fromkeys(ports, CATALOGUE), 50, 0)
    _put(results, "catalogue", {b: summary(t) for b, t in times.items()})
    log(f"  {phase}: query mix, 1 cold + {rounds} warm rounds")
    rows = run_mix(ports, turns, f"{phase}: query mix", queries, rounds)
    _put(results, "queries", rows)
    _put(results, "mix", {b: mix_summary(r) for b, r in rows.items()})


# --- the phases ------------------------------------------------------------------------------


def measure_shipped(
    libraries: dict[str, Install], args: Any, workers: int, turns: Turns
) -> dict[str, Result]:
    """The server as `resguardo serve` runs it: repeats of a query may be answered from what
    the application keeps (its per-worker memo, Django's cache)."""
    queries, results = mix(), {backend: Result() for backend in libraries}
    log(f"[{', '.join(libraries)}] server as shipped (Django's caches emptied first)")
    for install in libraries.values():
        install.clear_caches()
    with servers(libraries, args, "server-{}.log") as ports:
        for backend in turns.order(0):
            results[backend]["first_catalogue_ms"] = round(
                fetch_ok(ports[backend], CATALOGUE).ms, 1
            )
        _put(results, "warmup_slowest_ms", {b: warm_workers(p, workers) for b, p in ports.items()})
        catalogue_and_mix(ports, turns, "as shipped", queries, args.rounds, results)
        log("  other pages")
        _put(
            results,
            "pages",
            page_times(ports, turns, "as shipped", 10, 2, leave_out=("catalogue", "search")),
        )
        targets = {
            "search mix": dict.fromkeys(ports, [q.path for q in queries]),
            "catalogue": dict.fromkeys(ports, [CATALOGUE]),
            "robots.txt": dict.fromkeys(ports, ["/robots.txt"]),
            # A file WhiteNoise serves (no Django view): what the search is compared with.
            "static file": {
                b: [throughput.static_file(p, libraries[b].data_dir)] for b, p in ports.items()
            },
        }
        _put(results, "wrk", load_runs(ports, turns, "as shipped", targets, args))
    return results


def measure_computed(
    libraries: dict[str, Install], args: Any, workers: int, turns: Turns
) -> dict[str, Result]:
    """The same with Django's caches off and the per-worker memo emptied before each request
    (bench/nomemo.py): every search is computed, as for a query not just answered."""
    queries, results = mix(), {backend: Result() for backend in libraries}
    log(f"[{', '.join(libraries)}] server with caches off and the memo emptied (bench/nomemo.py)")
    with servers(libraries, args, "server-{}-nomemo.log", memo=False) as ports:
        for backend in ports:
            log_path = OUT / f"server-{backend}-nomemo.log"
            notes = [x for x in log_path.read_text().splitlines() if x.startswith("bench/nomemo")]
            results[backend]["server"] = notes[-1] if notes else "bench/nomemo.py said nothing"
            warm_workers(ports[backend], workers)
        catalogue_and_mix(ports, turns, "caches off", queries, args.rounds, results)
        targets = {"search mix": dict.fromkeys(ports, [q.path for q in queries])}
        _put(results, "wrk", load_runs(ports, turns, "caches off", targets, args))
    return results


def measure_seed(backends: list[str], args: Any, turns: Turns) -> dict[str, Result]:
    log(f"[{', '.join(backends)}] seed library pages")
    libraries = {backend: installs.seed(backend, args.postgres_url) for backend in backends}
    samples = 10 if args.quick else 30
    with servers(libraries, args, "server-seed-{}.log") as ports:
        for port in ports.values():
            warm_workers(port, args.workers or (os.cpu_count() or 1) + 1)
        return page_times(ports, turns, "seed library", samples, 3, leave_out=())


# --- the seed library ------------------------------------------------------------------------


def _first_link(body: str, prefix: str) -> str | None:
    found = re.search(rf'href="({re.escape(prefix)}[\w-]+/)"', body)
    return found.group(1) if found else None


def discover(port: int, query: str = SEARCH_QUERY) -> dict[str, str]:
    """One URL of each page type, found by following links like a visitor."""
    catalogue = fetch_ok(port, CATALOGUE).body
    resources = re.findall(r'href="(/en/resources/[\w-]+/)"', catalogue)
    text = next(
        (r + "text/" for r in resources if f'href="{r}text/"' in fetch_ok(port, r).body), None
    )
    pages = {
        "home": "/en/",
        "catalogue": CATALOGUE,
        "search": CATALOGUE + "?" + urlencode({"q": query}),
        "resource": resources[0] if resources else None,
        "text": text,
        "knowledge page": _first_link(fetch_ok(port, "/en/learn/").body, "/en/learn/"),
        "feed": "/en/feeds/new.atom",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
    }
    return {name: path for name, path in pages.items() if path}


# --- the whole part --------------------------------------------------------------------------


def bench(backends: list[str], args: Any) -> tuple[dict[str, Result], Turns]:
    """Per backend, the figures report.print_result prints (and report.budgets checks), every
    phase measured on all `backends` at once, taking turns."""
    workers = args.workers or (os.cpu_count() or 1) + 1
    started = time.perf_counter()
    prepared = {b: installs.library(b, args.size, args.postgres_url) for b in backends}
    libraries = {backend: install for backend, (install, _) in prepared.items()}
    turns, now = Turns(backends), machine()
    results = {
        backend: {
            "backend": backend,
            "size": args.size,
            "workers": workers,
            "machine": now,
            "load": load,
            "database": install.database_size(),
            "rows": installs.fingerprint(install),
            "load_average": {"start": turns.load_average["start"]},
        }
        for backend, (install, load) in prepared.items()
    }
    for backend, figures in measure_shipped(libraries, args, workers, turns).items():
        results[backend] |= figures
    _stamp(results, "after library")
    _put(results, "computed", measure_computed(libraries, args, workers, turns))
    _stamp(results, "after memo-off")
    if not args.skip_seed:
        _put(results, "seed", measure_seed(backends, args, turns))
        _stamp(results, "after seed")
    for result in results.values():
        result["budgets"] = report.budgets(result)
        result["bench_s"] = round(time.perf_counter() - started, 1)
    return results, turns
