"""Where one page's time goes, in-process through Django's test client: each SQL statement
timed, then cProfile of the request. Like bench/nomemo.py, caches and the per-worker memo
are off (every search computed) unless --with-caches. Run it with an install's environment:

    DATA_DIR=bench/out/sqlite-100000 SECRET_KEY=x \\
        .venv/bin/python bench/profile_query.py '/en/catalogue/?q=radio'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/resguardo_bench \\
        DATA_DIR=bench/out/postgres-data SECRET_KEY=x \\
        .venv/bin/python bench/profile_query.py --explain '/en/catalogue/?q=radio'
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time
from collections.abc import Callable
from typing import Any

HEADERS: dict[str, str] = {}  # --language sets the reader's Accept-Language


def _client(with_caches: bool) -> Any:
    if with_caches:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resguardo.settings")
        import django

        django.setup()
    else:
        os.environ["DJANGO_SETTINGS_MODULE"] = "nocache_settings"
        from nomemo import forget_before_each_search

        forget_before_each_search()
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1")


def _get(client: Any, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path, headers=HEADERS)
    assert response.status_code == 200, response.status_code
    return (time.perf_counter() - started) * 1000


class Statements:
    """An execute wrapper recording each statement, its parameters and its time."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, str, Any]] = []

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.rows.append(((time.perf_counter() - started) * 1000, sql, params))


def statements(client: Any, path: str) -> Statements:
    from django.db import connection

    recorder = Statements()
    with connection.execute_wrapper(recorder):
        client.get(path, headers=HEADERS)
    return recorder


def explain(sql: str, params: Any) -> str:
    from django.db import connection

    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else ("EXPLAIN QUERY PLAN ")
    )
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--explain", action="store_true", help="explain the slowest statement")
    parser.add_argument("--with-caches", action="store_true", help="leave the caches on")
    parser.add_argument("--language", help="the reader's Accept-Language, e.g. pt-BR")
    args = parser.parse_args()
    if args.language:
        HEADERS["Accept-Language"] = args.language
    client = _client(args.with_caches)
    _get(client, args.path)  # builds the facet bitmaps
    times = [_get(client, args.path) for _ in range(args.repeat)]
    print(
        f"{args.path}: median {statistics.median(times):.1f} ms over {args.repeat} "
        f"in-process requests ({', '.join(f'{t:.0f}' for t in times)})"
    )
    recorded = statements(client, args.path)
    total = sum(ms for ms, _s, _p in recorded.rows)
    print(f"\n{len(recorded.rows)} SQL statements, {total:.1f} ms in all; slowest first:")
    for ms, sql, _params in sorted(recorded.rows, key=lambda row: -row[0])[:10]:
        print(f"  {ms:8.1f} ms  {' '.join(sql.split())[:220]}")
    if args.explain and recorded.rows:
        _ms, sql, params = max(recorded.rows, key=lambda row: row[0])
        print("\nPlan of the slowest statement:\n" + explain(sql, params))
    profile = cProfile.Profile()
    profile.runcall(_get, client, args.path)
    print()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    pstats.Stats(profile).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
