"""The issue's budgets, checked against a backend's figures, and the printed table."""

from typing import Any

MIX_P95_MS = 100.0
SEARCH_RPS = 50.0
SEARCH_P99_MS = 2000.0
SEARCH_SHARE_OF_STATIC = 0.5  # of a static file's requests/s, from the same server
SEED_MEDIAN_MS = 20.0
# The catalogue page with every facet counted, no query, every cache off (issue 19).
CATALOGUE_MEDIAN_MS = 20.0
PAGE_SIZE = 20


def _mix_checks(mix: dict[str, Any], label: str) -> dict[str, dict[str, Any]]:
    checks = {}
    for kind in ("all", "rare", "medium", "everywhere"):
        p95 = mix[kind]["warm"]["p95_ms"]
        name = "query mix" if kind == "all" else f"  {kind} terms"
        checks[f"{name} p95 <= {MIX_P95_MS:.0f} ms, {label}"] = _check(p95, p95 <= MIX_P95_MS)
    return checks


def _load_checks(search: dict[str, Any], label: str) -> dict[str, dict[str, Any]]:
    return {
        f"search mix >= {SEARCH_RPS:.0f} requests/s under load, {label}": _check(
            search["rps"], search["rps"] >= SEARCH_RPS
        ),
        f"search mix p99 <= {SEARCH_P99_MS:.0f} ms under load, {label}": _check(
            search["p99_ms"], search["p99_ms"] <= SEARCH_P99_MS and not search["errors"]
        ),
    }


def budgets(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    computed, shipped = "every search computed", "as shipped (repeats from its caches)"
    checks = _mix_checks(result["computed"]["mix"], computed)
    page = result["computed"].get("catalogue")
    if page:
        checks[f"catalogue page median <= {CATALOGUE_MEDIAN_MS:.0f} ms, every facet computed"] = (
            _check(page["median_ms"], page["median_ms"] <= CATALOGUE_MEDIAN_MS))
    checks |= _mix_checks(result["mix"], shipped)
    checks |= _load_checks(result["computed"]["wrk"]["search mix"], computed)
    checks |= _load_checks(result["wrk"]["search mix"], shipped)
    if "static file" in result["wrk"]:
        share = result["wrk"]["search mix"]["rps"] / max(0.1, result["wrk"]["static file"]["rps"])
        checks[
            f"search mix >= {SEARCH_SHARE_OF_STATIC:.0%} of a static file's requests/s, {shipped}"
        ] = _check(f"{share:.0%}", share >= SEARCH_SHARE_OF_STATIC)
    short = [
        q["name"]
        for q in result["queries"]
        if q["shown"] != min(PAGE_SIZE, max(0, (q["total"] or 0) - _skipped(q)))
    ]
    checks[f"search pages show {PAGE_SIZE} results"] = _check(", ".join(short) or "all", not short)
    if "seed" in result:
        slowest = max(result["seed"].values(), key=lambda page: page["median_ms"])
        checks[f"seed library: every page median <= {SEED_MEDIAN_MS:.0f} ms"] = _check(
            slowest["median_ms"], slowest["median_ms"] <= SEED_MEDIAN_MS
        )
    return checks


def _skipped(query: dict[str, Any]) -> int:
    page = next((int(v) for k, v in _params(query["path"]) if k == "page"), 1)
    return (page - 1) * PAGE_SIZE


def _params(path: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl, urlsplit

    return parse_qsl(urlsplit(path).query)


def _check(value: object, ok: bool) -> dict[str, Any]:
    return {"value": value, "pass": bool(ok)}


def _mb(size: int) -> str:
    return f"{size / 1e6:,.0f} MB"


def _ms(figures: dict[str, Any]) -> str:
    return f"median {figures['median_ms']:>7.1f} ms   p95 {figures['p95_ms']:>7.1f} ms"


def print_result(r: dict[str, Any]) -> None:
    print(
        f"\n=== {r['backend']}: {r['size']:,} synthetic resources, "
        f"{r['workers']} gunicorn workers ==="
    )
    m = r["machine"]
    print(
        f"{m['cpus']} CPUs, commit {m['commit']}"
        + (
            f" with uncommitted changes to {len(m['uncommitted_changes'])} files"
            if m["uncommitted_changes"]
            else ""
        )
        + f"; load average (1, 5, 15 min) per phase: {r['load_average']}"
    )
    _print_load(r)
    print(
        f"\nFirst catalogue request after start (builds the facet bitmaps): "
        f"{r['first_catalogue_ms']:.0f} ms; slowest per warm-up round: "
        f"{r['warmup_slowest_ms']}"
    )
    print(
        f"Catalogue page, no query, all facets ({r['catalogue']['n']} requests): "
        f"{_ms(r['catalogue'])}"
    )
    if "catalogue" in r["computed"]:
        print(f"  the same with caches off (bench/nomemo.py): {_ms(r['computed']['catalogue'])}")
    _print_mix(r)
    print("\nOther pages at this size (10 requests each):")
    for name, figures in r["pages"].items():
        print(f"  {name:<16} {_ms(figures)}")
    _print_wrk(r)
    if "seed" in r:
        print("\nSeed library (17 resources), HTTP time per page type:")
        for name, figures in r["seed"].items():
            print(f"  {name:<16} {_ms(figures)}   {figures['path']}")
    print("\nBudgets:")
    for name, check in r["budgets"].items():
        print(f"  {'PASS' if check['pass'] else 'FAIL'}  {name}   ({check['value']})")


def _print_load(r: dict[str, Any]) -> None:
    load, db = r["load"], r["database"]
    print(
        f"Load: {load['load_s']:.0f} s in all (generate {load['generate_s']:.0f} s, "
        f"insert {load['insert_s']:.0f} s, search index {load['index_s']:.0f} s, "
        f"vacuum/checkpoint {load['tidy_s']:.0f} s); {load['avg_chars']:,} characters "
        f"per resource"
    )
    frequency = load["document_frequency"]
    print(
        "Document frequency: everywhere "
        + ", ".join(f"{t} {v:.1%}" for t, v in frequency["everywhere"].items())
        + f"; medium {min(frequency['medium'].values()):.1%}"
        f"-{max(frequency['medium'].values()):.1%}; rare words in at most "
        f"{frequency['rare_max_docs']} resources (mean {frequency['rare_mean_docs']})"
    )
    largest = ", ".join(f"{name} {_mb(size)}" for name, size in list(db["largest"].items())[:6])
    after_load = load.get("database", {}).get("total_bytes")
    files = ", ".join(f"{name} {_mb(size)}" for name, size in db.get("files", {}).items())
    print(
        (f"Database size right after loading: {_mb(after_load)}; now: " if after_load else "")
        + _mb(db["total_bytes"])
        + (f" (files: {files}; pages in use {_mb(db['in_use_bytes'])})" if files else "")
        + f"; largest: {largest}"
    )


def _print_mix(r: dict[str, Any]) -> None:
    rounds = r["queries"][0]["warm"]["n"]
    print(
        f"\nQuery mix, {len(r['queries'])} queries. As shipped: 1 cold round (each query's "
        f"first request) then "
        f"{rounds} warm rounds, where repeats may be answered from the application's caches. "
        f"Computed: {rounds} rounds on a server with caches off ({r['computed']['server']})."
    )
    print(
        f"  {'query':<31} {'kind':<10} {'matches':>7} {'shown':>5} {'cold':>7} {'warm':>7}"
        f" {'computed':>9} {'p95':>7}"
    )
    for q, c in zip(r["queries"], r["computed"]["queries"], strict=True):
        print(
            f"  {q['name']:<31} {q['kind']:<10} {q['total']:>7} {q['shown']:>5} "
            f"{q['cold_ms']:>7.1f} {q['warm']['median_ms']:>7.1f} "
            f"{c['warm']['median_ms']:>9.1f} {c['warm']['p95_ms']:>7.1f}"
        )
    print(
        f"  {'class':<11} {'cold median':>11} {'cold p95':>9} {'warm median':>12}"
        f" {'warm p95':>9} {'computed median':>16} {'computed p95':>13}"
    )
    for kind, figures in r["mix"].items():
        warm, cold = figures["warm"], figures["cold"]
        computed = r["computed"]["mix"][kind]["warm"]
        print(
            f"  {kind:<11} {cold['median_ms']:>11.1f} {cold['p95_ms']:>9.1f} "
            f"{warm['median_ms']:>12.1f} {warm['p95_ms']:>9.1f} "
            f"{computed['median_ms']:>16.1f} {computed['p95_ms']:>13.1f}"
        )


def _print_wrk(r: dict[str, Any]) -> None:
    runs = dict(r["wrk"])
    runs["search mix, computed"] = r["computed"]["wrk"]["search mix"]
    first = next(iter(runs.values()))
    print(
        f"\nUnder load (wrk, {first['threads']} thread, {first['connections']} connections, "
        f"{first['seconds']:.0f} s):"
    )
    print(f"  {'target':<22} {'req/s':>8} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8} errors")
    for name, w in runs.items():
        print(
            f"  {name:<22} {w['rps']:>8.1f} {w['p50_ms']:>8.1f} {w['p90_ms']:>8.1f} "
            f"{w['p99_ms']:>8.1f} {w['max_ms']:>8.1f} {w['errors']}"
        )
    for reference in ("robots.txt", "static file"):
        if reference in runs:
            ratio = runs["search mix"]["rps"] / max(0.1, runs[reference]["rps"])
            print(f"  search mix / {reference} throughput: {ratio:.2f}")


# --- two backends measured interleaved, side by side ---------------------------------------

LABEL = 40


def print_side_by_side(both: dict[str, Any]) -> None:
    """The figures of bench/library.py's interleaved run, one column pair per backend."""
    backends = both["backends"]
    results = [both["results"][b] for b in backends]
    first = results[0]
    print(
        f"\n=== {' and '.join(backends)} side by side: {first['size']:,} synthetic resources, "
        f"{first['workers']} gunicorn workers per server, measured interleaved ==="
    )
    _print_machine(both)
    for r in results:
        print(f"\n[{r['backend']}]")
        _print_load(r)
    _print_times(backends, results)
    _print_wrk_both(backends, results)
    _print_queries_both(backends, results)
    _print_budgets_both(backends, results)


def _print_machine(both: dict[str, Any]) -> None:
    m, turns = both["machine"], both["interleaving"]
    changes = len(m["uncommitted_changes"])
    print(
        f"{m['cpus']} CPUs, commit {m['commit']}"
        + (f" with uncommitted changes to {changes} files" if changes else "")
        + f"; started {m['started']}"
    )
    rows = {b: both["results"][b]["rows"] for b in both["backends"]}
    same = len({(r["resources"], r["sha256"]) for r in rows.values()}) == 1
    print(
        "Rows: "
        + ", ".join(f"{b} {r['resources']:,} resources (fingerprint {r['sha256']})"
                    for b, r in rows.items())
        + (": the same rows" if same else ": NOT THE SAME ROWS, the figures do not compare")
    )
    load = turns["load_average"]
    print(
        f"Load average (1, 5, 15 min): {load['start']} at the start, {load['end']} at the end."
        f"\nEach step of a round asks every backend in turn, the first alternating "
        f"({turns['rule']}). 1-minute load average after each round:"
    )
    phases: dict[str, list[float]] = {}
    for done in turns["rounds"]:
        phases.setdefault(done["phase"].split(":")[0], []).append(done["load_average"][0])
    for phase, loads in phases.items():
        values = " ".join(f"{x:.1f}" for x in loads)
        print(f"  {phase:<12} min {min(loads):.1f} max {max(loads):.1f}: {values}")


def _header(backends: list[str], columns: tuple[str, ...], width: int = 9) -> None:
    span = width * len(columns)
    print(f"  {'':<{LABEL}}" + "".join(f"{b:>{span}}" for b in backends))
    _cells("", [c for _ in backends for c in columns], width)


def _cells(label: str, cells: list[str], width: int = 9) -> None:
    print(f"  {label:<{LABEL}}" + "".join(f"{c:>{width}}" for c in cells))


def _median_p95(label: str, figures: list[dict[str, Any] | None]) -> None:
    cells = [
        f"{f[k]:.1f}" if f and k in f else "-" for f in figures for k in ("median_ms", "p95_ms")
    ]
    _cells(label, cells)


def _print_times(backends: list[str], rs: list[dict[str, Any]]) -> None:
    print(
        "\nFirst catalogue request after start (builds the facet bitmaps); the slowest "
        "request of each warm-up round:"
    )
    for r in rs:
        print(f"  {r['backend']:<10} {r['first_catalogue_ms']:.0f} ms; {r['warmup_slowest_ms']}")
    notes = {r["computed"]["server"] for r in rs}
    print("Caches off: " + "; ".join(notes if len(notes) == 1 else
                                     (f"{r['backend']}, {r['computed']['server']}" for r in rs)))
    print(
        f"\nHTTP time, ms, each request on a new connection ({rs[0]['catalogue']['n']} "
        f"catalogue requests; the mix: 1 cold round, then {rs[0]['queries'][0]['warm']['n']} "
        "warm rounds as shipped and as many with caches off):"
    )
    _header(backends, ("median", "p95"))
    print("  catalogue page, no query, every facet")
    _median_p95("  as shipped", [r["catalogue"] for r in rs])
    _median_p95("  caches off", [r["computed"].get("catalogue") for r in rs])
    sections = (
        ("query mix as shipped, cold (1st request)", False, "cold"),
        ("query mix as shipped, warm", False, "warm"),
        ("query mix, caches off (every search computed)", True, "warm"),
    )
    for title, off, which in sections:
        print(f"  {title}")
        for kind in ("all", "rare", "medium", "everywhere"):
            mixes = [(r["computed"] if off else r)["mix"][kind][which] for r in rs]
            _median_p95(f"  {kind}", mixes)
    print("  other pages at this size, as shipped (10 requests each)")
    for name in dict.fromkeys(n for r in rs for n in r["pages"]):
        _median_p95(f"  {name}", [r["pages"].get(name) for r in rs])
    if all("seed" in r for r in rs):
        print("  seed library (17 resources)")
        for name in dict.fromkeys(n for r in rs for n in r["seed"]):
            _median_p95(f"  {name}", [r["seed"].get(name) for r in rs])


def _print_wrk_both(backends: list[str], rs: list[dict[str, Any]]) -> None:
    runs = [
        dict(r["wrk"]) | {"search mix, caches off": r["computed"]["wrk"]["search mix"]}
        for r in rs
    ]
    w = runs[0]["search mix"]
    rounds = len(w.get("runs", [w]))
    print(
        f"\nUnder load (wrk, {w['threads']} thread, {w['connections']} connections, "
        f"{w['seconds']:.0f} s a run; medians of {rounds} rounds, the backends taking turns; "
        "ms):"
    )
    columns = ("req/s", "p50", "p90", "p99", "max", "errors")
    width, label = 8, 24
    print(f"  {'':<{label}}" + "".join(f"{b:>{width * len(columns)}}" for b in backends))
    print(f"  {'target':<{label}}" + "".join(f"{c:>{width}}" for _ in rs for c in columns))
    for name in runs[0]:
        cells = [
            f"{run[name][k]:.1f}" if k != "errors" else str(run[name][k])
            for run in runs
            for k in ("rps", "p50_ms", "p90_ms", "p99_ms", "max_ms", "errors")
        ]
        print(f"  {name:<{label}}" + "".join(f"{c:>{width}}" for c in cells))
    for reference in ("robots.txt", "static file"):
        ratios = [run["search mix"]["rps"] / max(0.1, run[reference]["rps"]) for run in runs]
        print(
            f"  search mix / {reference} throughput: "
            + ", ".join(f"{b} {x:.2f}" for b, x in zip(backends, ratios, strict=True))
        )


def _print_queries_both(backends: list[str], rs: list[dict[str, Any]]) -> None:
    print(
        "\nPer query, ms: as shipped, the cold (first) request and the warm median; with "
        "caches off, the median and p95. Matches (and results shown on the page) marked * "
        "differ between the backends."
    )
    columns, width = ("cold", "warm", "off", "off p95"), 8
    name = max(len(q["name"]) for q in rs[0]["queries"])
    print(
        f"  {'':<{name}} {'':<10} {'matches/shown':>{10 * len(rs)}}"
        + "".join(f"{b:>{width * len(columns)}}" for b in backends)
    )
    print(
        f"  {'query':<{name}} {'kind':<10}"
        + "".join(f"{b:>10}" for b in backends)
        + "".join(f"{c:>{width}}" for _ in backends for c in columns)
    )
    for n, query in enumerate(rs[0]["queries"]):
        rows = [(r["queries"][n], r["computed"]["queries"][n]) for r in rs]
        totals = [f"{q['total'] if q['total'] is not None else '-'}/{q['shown']}" for q, _ in rows]
        mark = "*" if len(set(totals)) > 1 else " "
        times = [
            (q["cold_ms"], q["warm"]["median_ms"], c["warm"]["median_ms"], c["warm"]["p95_ms"])
            for q, c in rows
        ]
        print(
            f" {mark}{query['name']:<{name}} {query['kind']:<10}"
            + "".join(f"{t:>10}" for t in totals)
            + "".join(f"{x:>{width}.1f}" for four in times for x in four)
        )


def _print_budgets_both(backends: list[str], rs: list[dict[str, Any]]) -> None:
    names = list(dict.fromkeys(n for r in rs for n in r["budgets"]))
    label, width = max(len(n) for n in names), 16
    print("\nBudgets, checked per backend:")
    print((f"  {'':<{label}}" + "".join(f"  {b:<{width}}" for b in backends)).rstrip())
    long = []
    for name in names:
        cells = []
        for r in rs:
            check = r["budgets"].get(name)
            cell = f"{'PASS' if check['pass'] else 'FAIL'} {check['value']}" if check else "-"
            if len(cell) > width:
                long.append(f"{name.strip()}, {r['backend']}: {check['value']}")
                cell = cell[: width - 1] + "…"
            cells.append(cell)
        print(f"  {name:<{label}}" + "".join(f"  {c:<{width}}" for c in cells).rstrip())
    for value in long:
        print(f"  … {value}")
