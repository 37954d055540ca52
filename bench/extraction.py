"""PDF extraction: pages per second and peak memory of our extractor (resguardo/ingest/
extractors/pdf.py, PDFium), each run in a child process as the sandbox runs it, against
Poppler's `pdftotext` on the same files in the same run.

    .venv/bin/python bench/extraction.py          # or: bench/run.py --only extraction

A corpus of PDFs of 5, 50, 150 and 300 pages of seed text (fpdf2: a heading, a subheading
and two paragraphs a page) is written once to bench/out/extraction/. Each file is read
`--runs` times by each tool; times are medians of the whole process (start to exit) and,
for ours, of the extraction alone as the child measures it (the rest is starting Python and
Django, printed apart: the sandbox's cost, paid once per file whatever the file). Memory is
the child's peak resident set as GNU time reports it (time forks the child from its own
small process: `ru_maxrss` of a child forked from this script would start at this
script's size). Budgets, on the 300-page file: our extraction at most 2x pdftotext's time
(the whole process's ratio is printed too), and under 300 MB at its peak.

Then every file goes through the real sandbox as an upload does (a child forked from the
warm fork server: detect, extract, clean with pikepdf, find the language), timed by the
caller, with the child's own peak memory.

Needs `pdftotext` (Debian: `apt-get install poppler-utils`) for the comparison and GNU time
(`apt-get install time`) for memory; without either, those figures are left out.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from installs import OUT, SECRET, log

ROOT = Path(__file__).resolve().parent.parent
CORPUS = OUT / "extraction"
SIZES = (5, 50, 150, 300)
TIME_BUDGET = 2.0  # our process / pdftotext's, on the largest file
MEMORY_BUDGET_MB = 300
GNU_TIME = "/usr/bin/time"
# The child: Django set up as the sandbox will have it, then one extraction, timed inside.
CHILD = """
import sys, time
from pathlib import Path
import django
django.setup()
from resguardo.ingest.base import Limits
from resguardo.ingest.extractors.pdf import extract
if len(sys.argv) > 1:
    started = time.perf_counter()
    result = extract(Path(sys.argv[1]), Limits())
    print(time.perf_counter() - started, result.pages, len(result.text))
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per file and tool")
    return parser.parse_args()


def corpus() -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from resguardo.ingest.tests import files

    CORPUS.mkdir(parents=True, exist_ok=True)
    paths = []
    for pages in SIZES:
        path = CORPUS / f"seed-{pages}-pages.pdf"
        if not path.exists():
            log(f"writing {path.name}")
            files.pdf(path.with_suffix(".tmp"), pages=pages)
            path.with_suffix(".tmp").rename(path)
        paths.append(path)
    return paths


def child(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(seconds from start to exit, peak RSS in MB or NaN, its stdout) of one child."""
    gnu_time = os.access(GNU_TIME, os.X_OK)
    with tempfile.NamedTemporaryFile("r") as report:
        if gnu_time:
            command = [GNU_TIME, "-f", "%M", "-o", report.name, *command]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env=env, cwd=ROOT, check=False)
        seconds = time.perf_counter() - started
        peak = float(report.read().split()[-1]) / 1024 if gnu_time else float("nan")
    if done.returncode:
        raise SystemExit(f"{command} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return seconds, peak, done.stdout.decode()


def ours(path: Path | None, runs: int) -> dict[str, Any]:
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "resguardo.settings", "SECRET_KEY": SECRET,
                        "DATA_DIR": str(CORPUS / "data")}
    command = [sys.executable, "-c", CHILD, *([str(path)] if path else [])]
    samples = [child(command, env) for _ in range(runs)]
    result = {"process_s": statistics.median(s[0] for s in samples),
              "peak_rss_mb": max(s[1] for s in samples)}
    if path:
        inside = [out.split() for _s, _m, out in samples]
        result["extraction_s"] = statistics.median(float(i[0]) for i in inside)
        result["pages"], result["characters"] = int(inside[0][1]), int(inside[0][2])
    return result


# Every file through the real sandbox, from a small main module as the server's (a child
# forked from the fork server imports the parent's main module: this script's would cost
# 0.3 s a file that the server never pays).
SANDBOXED = """
import json, shutil, statistics, sys, tempfile, time
from pathlib import Path
import django
django.setup()
from resguardo.ingest import sandbox
runs, figures = int(sys.argv[1]), {}
for name in sys.argv[2:]:
    times, peaks = [], []
    for _ in range(runs + 1):  # the first also starts the fork server: not counted
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            shutil.copyfile(name, work / "upload")
            started = time.perf_counter()
            answer = sandbox.run(work / "upload", work / "cleaned", work, language="en")
            times.append(time.perf_counter() - started)
            peaks.append(answer.peak_rss_kb / 1024)
    figures[Path(name).name] = {"seconds": statistics.median(times[1:]),
                                "peak_rss_mb": max(peaks[1:])}
print(json.dumps(figures))
"""


def sandboxed(paths: list[Path], runs: int) -> dict[str, dict[str, float]]:
    """Each file as an upload is taken in: a child forked from the warm fork server,
    limited, that detects, extracts, cleans (pikepdf) and finds the language. Wall time
    seen by the caller, median of `runs`; the child's own peak resident set."""
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "resguardo.settings", "SECRET_KEY": SECRET,
                        "DATA_DIR": str(CORPUS / "data")}
    done = subprocess.run([sys.executable, "-c", SANDBOXED, str(runs), *map(str, paths)],
                          capture_output=True, env=env, cwd=ROOT, check=True)
    figures: dict[str, dict[str, float]] = json.loads(done.stdout)
    return figures


def pdftotext(path: Path, runs: int) -> dict[str, Any]:
    samples = [child(["pdftotext", "-enc", "UTF-8", str(path), "-"]) for _ in range(runs)]
    return {"process_s": statistics.median(s[0] for s in samples),
            "peak_rss_mb": max(s[1] for s in samples),
            "characters": len(samples[0][2])}


def measure(runs: int) -> dict[str, Any]:
    paths = corpus()
    poppler = shutil.which("pdftotext")
    if not poppler:
        log("pdftotext is missing (Debian: apt-get install poppler-utils): ours only")
    if not os.access(GNU_TIME, os.X_OK):
        log(f"GNU time is missing at {GNU_TIME} (Debian: apt-get install time): no memory")
    log("our extractor's process without a file (Python, Django, PDFium loaded)")
    result: dict[str, Any] = {"baseline": ours(None, runs), "files": []}
    for path in paths:
        log(f"{path.name}: ours" + (", pdftotext" if poppler else ""))
        row = {"file": path.name, "bytes": path.stat().st_size, "ours": ours(path, runs)}
        if poppler:
            row["pdftotext"] = pdftotext(path, runs)
        result["files"].append(row)
    log("every file through the sandbox as an upload (extract, clean, language)")
    for row, figures in zip(result["files"], sandboxed(paths, runs).values(), strict=True):
        row["sandboxed"] = figures
    return result


def print_result(result: dict[str, Any]) -> None:
    base = result["baseline"]
    print(f"\n=== PDF extraction: ours (PDFium, a child process) against pdftotext ===\n"
          f"our process without a file: {base['process_s']:.2f} s, {base['peak_rss_mb']:.0f} MB")
    print("ours: the whole process, the extraction inside it, its pages per second and peak "
          "MB;\npdftotext: the whole process; ratios: ours / pdftotext, extraction and process")
    print(f"{'pages':>5} {'process':>8} {'inside':>7} {'pages/s':>8} {'MB':>5} | "
          f"{'pdftotext':>9} {'pages/s':>8} {'MB':>5} | {'extraction':>10} {'process':>8}")
    for row in result["files"]:
        o, p = row["ours"], row.get("pdftotext")
        line = (f"{o['pages']:>5} {o['process_s']:>8.3f} {o['extraction_s']:>7.3f} "
                f"{o['pages'] / o['extraction_s']:>8.0f} {o['peak_rss_mb']:>5.0f} |")
        if p:
            line += (f" {p['process_s']:>9.3f} {o['pages'] / p['process_s']:>8.0f} "
                     f"{p['peak_rss_mb']:>5.0f} | {o['extraction_s'] / p['process_s']:>10.2f} "
                     f"{o['process_s'] / p['process_s']:>8.2f}")
        print(line)
    print("\nThrough the sandbox, as an upload is taken in (fork from the warm server, limits, "
          "detect, extract,\nclean with pikepdf, find the language), against pdftotext's "
          "whole process:")
    print(f"{'pages':>5} {'seconds':>8} {'pages/s':>8} {'MB':>5} {'/ pdftotext':>12}")
    for row in result["files"]:
        o, s, p = row["ours"], row["sandboxed"], row.get("pdftotext")
        ratio = f"{s['seconds'] / p['process_s']:>12.2f}" if p else ""
        print(f"{o['pages']:>5} {s['seconds']:>8.3f} {o['pages'] / s['seconds']:>8.0f} "
              f"{s['peak_rss_mb']:>5.0f} {ratio}")
    print(_verdicts(result["files"][-1]))


def _verdicts(largest: dict[str, Any]) -> str:
    o, p = largest["ours"], largest.get("pdftotext")
    memory = o["peak_rss_mb"]
    said = [f"\nBudgets on {o['pages']} pages: peak memory {memory:.0f} MB (< "
            f"{MEMORY_BUDGET_MB}: {'ok' if memory < MEMORY_BUDGET_MB else 'OVER'})"]
    if p:
        ratio = o["extraction_s"] / p["process_s"]
        said.append(f"extraction {ratio:.2f}x pdftotext's time (<= {TIME_BUDGET}: "
                    f"{'ok' if ratio <= TIME_BUDGET else 'OVER'}); the whole process "
                    f"{o['process_s'] / p['process_s']:.2f}x, of which starting Python and "
                    "Django is the baseline above")
    return "; ".join(said)


def run(runs: int = 5) -> dict[str, Any]:
    result = measure(runs)
    path = OUT / "extraction.json"
    path.write_text(json.dumps(result, indent=1))
    print_result(result)
    print(f"\nFigures as JSON: {path.relative_to(ROOT)}\n", flush=True)
    return result


if __name__ == "__main__":
    run(parse_args().runs)
