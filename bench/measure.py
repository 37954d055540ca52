"""Timing real HTTP requests, summarising samples, and running wrk."""

import http.client
import json
import math
import re
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

REQUEST_TIMEOUT = 120.0
_TOTAL = re.compile(r'class="total"[^>]*>\s*([\d,.\s\u00a0]+)\s')
WRK = "/usr/bin/wrk"


@dataclass
class Sample:
    path: str
    status: int
    ms: float
    size: int
    total: int | None  # matches the page reports, for catalogue pages
    shown: int  # resources listed on the page (not the knowledge pages found beside them)
    body: str


def _resources(body: str) -> str:
    """The part of a catalogue page that lists resources (a search lists the knowledge pages
    it finds above it)."""
    return body.split('<section class="results"', 1)[-1]


def fetch(
    port: int, path: str, timeout: float = REQUEST_TIMEOUT, headers: dict[str, str] | None = None
) -> Sample:
    """One GET on a new connection (gunicorn's sync workers close it after each response),
    timed from connecting to the last byte of the body; `headers` are sent too."""
    started = perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            "GET",
            path,
            headers={"Connection": "close", "Accept-Encoding": "identity", **(headers or {})},
        )
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    ms = (perf_counter() - started) * 1000
    body = raw.decode("utf-8", "replace")
    found = _TOTAL.search(body)
    total = int(re.sub(r"\D", "", found.group(1))) if found else None
    shown = _resources(body).count('<li class="item">')
    return Sample(path, response.status, ms, len(raw), total, shown, body)


def fetch_ok(port: int, path: str, headers: dict[str, str] | None = None) -> Sample:
    sample = fetch(port, path, headers=headers)
    if sample.status != 200:
        raise RuntimeError(f"GET {path} answered {sample.status}")
    return sample


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 95), 1),
        "min_ms": round(min(values), 1),
        "max_ms": round(max(values), 1),
    }


_LUA = """
local paths = %(paths)s
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n - 1) %% #paths + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"connect\\": %%d, " ..
    "\\"read\\": %%d, \\"write\\": %%d, \\"status\\": %%d, \\"timeout\\": %%d, " ..
    "\\"p50_us\\": %%d, \\"p90_us\\": %%d, \\"p99_us\\": %%d, \\"max_us\\": %%d}\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def lua_script(paths: list[str]) -> str:
    listed = "{" + ", ".join(json.dumps(p) for p in paths) + "}"
    return _LUA % {"paths": listed}


def wrk(
    port: int,
    paths: list[str],
    script: Path,
    *,
    seconds: int,
    connections: int = 32,
    threads: int = 1,
    headers: dict[str, str] | None = None,
    latency: bool = False,
) -> dict[str, Any]:
    """Closed-loop load with wrk, rotating through `paths`; latency percentiles are wrk's.
    `headers` go with every request; `latency` adds wrk's own distribution to its output."""
    script.write_text(lua_script(paths))
    command = [
        WRK,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        *(["--latency"] if latency else []),
        *[arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")],
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 90, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    seconds_run = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "connections": connections,
        "threads": threads,
        "seconds": round(seconds_run, 1),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p90_ms": round(raw["p90_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "errors": errors,
        "error_detail": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
    }
