"""Recordings (issue 15): the light versions' size and transcoding time, a 100 MB upload's
request time, and tags left in stored copies, on recordings made here with ffmpeg.

    .venv/bin/python bench/media.py                      # SQLite, full-length recordings
    .venv/bin/python bench/media.py --quick              # short recordings: a smoke run
    .venv/bin/python bench/media.py --backend postgres --postgres-url postgres://...
    .venv/bin/python bench/run.py --only media           # the same, as a part of the bench

Recordings, written once to bench/out/media/ (never downloaded):
- a 30-minute 128 kbit/s stereo MP3 of speech-like sound: pink noise band-limited to a
  voice's 120-3,400 Hz, its loudness moving at syllable and word rates (about 2 and 0.7 Hz)
  with pauses (a quarter of the time at a sixth of the loudness). Opus is variable-rate,
  so its size depends on the sound: noise like this is harder to code than a voice;
- a 10-minute 640x360, 25 frames a second H.264 video (ffmpeg's moving `testsrc2`
  picture) with that sound as 128 kbit/s AAC;
- a 320 kbit/s MP3 of 100,000,000 bytes (41.7 minutes), under UPLOAD_LIMIT_MB (100 MiB),
  and a 1-minute 64 kbit/s MP3 for reference;
- the tagged set the ingestion tests make (resguardo/ingest/tests/recordings.py: a name, a
  comment, a phone model, GPS coordinates, cover art, named chapters) and four more
  carrying all their format can hold: an MP3 (ID3 frames), an M4A and an Ogg Opus (all of
  them), a 3GP video (3GPP's performer, author, description and location).

Figures:
1. The light audio of the 30-minute MP3 (`transcode.light_audio`, what the job runs, in the
   job's limits) against the MP3's size: budget at most 1/6.
2. Transcoding time against the recording's duration on this machine: the MP3's light
   audio; the video's small version and its light audio, as the job makes them. Budget
   0.25x. The load average is printed before and after: another process on the machine
   slows these down.
3. A real `resguardo serve` (its worker included) on a data folder of its own: the propose
   page, then proposals with the 100 MB MP3 (each time a copy with one byte of sound
   changed, so that each is stored and transcoded: the library keeps the same bytes once)
   and the small one (after a first, uncounted proposal: the server's warm-up), streamed
   from disk with http.client, timed from the last byte sent
   to the response's status line (the request stores the cleaned copy; the light versions
   are the worker's): budget 2 s. Each answer must give the reference code; then how long
   until the worker has made the light versions. The request's work is also timed in this
   process (ingestion's read, storing), beside a plain copy of the file and its SHA-256.
4. Every recording of the tagged set proposed the same way; once the worker is done, each
   stored copy (the cleaned original and its light versions) read with
   `ffprobe -show_format -show_streams` and `exiftool -j -a -u -G1`, and any value
   holding a planted word or coordinate (or a GPS or location tag) printed: budget none.
   The same search on the recordings as made shows that the words were there.

Needs ffmpeg and ffprobe (Debian: `apt-get install ffmpeg`) and exiftool
(`apt-get install libimage-exiftool-perl`). Writes bench/out/media-<backend>[-quick].json.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import installs
from installs import OUT, Install, log
from server import Server

ROOT = Path(__file__).resolve().parent.parent
FILES = OUT / "media"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/resguardo_bench_media"
SIZE_BUDGET = 1 / 6
TIME_BUDGET = 0.25
UPLOAD_BUDGET_S = 2.0
UPLOAD_BYTES = 100_000_000
CHUNK = 1024 * 1024
# Speech-like: a voice's band, loudness moving at syllable and word rates, pauses.
SPEECH = ("anoisesrc=c=pink:r=44100:a=0.5:d={seconds},highpass=f=120,lowpass=f=3400,"
          "volume='0.15+0.85*gt(sin(2*PI*0.23*t),-0.6)*abs(sin(2*PI*2.1*t)*sin(2*PI*0.7*t+1))'"
          ":eval=frame")
# A tag named for a position, whatever it holds (not ffprobe's `chroma_location`).
GEO_KEY = re.compile(r"(^|[.:])(gps|location|©?xyz)", re.I)
SERVER_ENV = {"HUMAN_MIN_SECONDS": "0", "PROPOSALS_PER_HOUR": "1000000",
              "SECURE_COOKIES": "false", "DEBUG": "false"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default=POSTGRES_URL,
                        help="a database of the bench's own: it is dropped and made again")
    parser.add_argument("--quick", action="store_true",
                        help="2-minute audio, 30-second video, a 10 MB upload: a smoke run")
    parser.add_argument("--runs", type=int, help="uploads of the large file (5; 2 quick)")
    args = parser.parse_args()
    args.runs = args.runs or (2 if args.quick else 5)
    return args


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# --- the recordings ------------------------------------------------------------------------


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", *args], check=True)


def _made(path: Path, *args: str) -> Path:
    """`path`, written by ffmpeg with `args` once (kept between runs)."""
    if not path.exists():
        log(f"making {path.name}")
        partial = path.with_name("partial-" + path.name)
        ffmpeg(*args, str(partial))
        partial.rename(path)
    return path


def speech_mp3(seconds: int) -> Path:
    return _made(FILES / f"speech-{seconds}s-128k.mp3", "-f", "lavfi",
                 "-i", SPEECH.format(seconds=seconds), "-ac", "2", "-c:a", "libmp3lame",
                 "-b:a", "128k")


def video(seconds: int) -> Path:
    return _made(FILES / f"video-{seconds}s-640x360.mp4",
                 "-f", "lavfi", "-i", f"testsrc2=s=640x360:r=25:d={seconds}",
                 "-f", "lavfi", "-i", SPEECH.format(seconds=seconds),
                 "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                 "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-movflags", "+faststart")


def upload_mp3(size: int, bits: int) -> Path:
    """An MP3 of about `size` bytes at `bits` per second (a constant rate)."""
    seconds = size * 8 / bits
    return _made(FILES / f"upload-{size}-bytes.mp3", "-f", "lavfi",
                 "-i", SPEECH.format(seconds=f"{seconds:.3f}"), "-ac", "2",
                 "-c:a", "libmp3lame", "-b:a", str(bits))


def duration(path: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                          "-of", "csv=p=0", str(path)], check=True, capture_output=True,
                         text=True).stdout
    return float(out)


# --- 1 and 2: the light versions, as the job makes them --------------------------------------


def transcoding(audio: Path, film: Path) -> dict[str, Any]:
    from django.conf import settings

    from resguardo.ingest import transcode
    from resguardo.ingest.sandbox import Bounds

    # The job's own limits (catalogue/light.py).
    bounds = Bounds(settings.JOB_TIMEOUT, settings.INGEST_MEMORY_MB * 2**20,
                    settings.INGEST_OUTPUT_MB * 2**20)
    result: dict[str, Any] = {"load_average": {"start": load_average()}}
    with tempfile.TemporaryDirectory(dir=OUT) as name:
        folder = Path(name)
        log(f"light audio of {audio.name}")
        started = time.perf_counter()
        made = transcode.light_audio(audio, "mp3", folder, bounds=bounds)
        seconds = time.perf_counter() - started
        result["audio"] = {
            "file": audio.name, "duration_s": round(duration(audio), 1),
            "bytes": audio.stat().st_size, "light_bytes": made.path.stat().st_size,
            "seconds": round(seconds, 2)}
        result["load_average"]["after audio"] = load_average()
        log(f"small video and light audio of {film.name}")
        started = time.perf_counter()
        small = transcode.small_video(film, "mp4", folder, with_sound=True, bounds=bounds)
        video_s = time.perf_counter() - started
        light = transcode.light_audio(film, "mp4", folder, bounds=bounds)
        result["video"] = {
            "file": film.name, "duration_s": round(duration(film), 1),
            "bytes": film.stat().st_size, "small_bytes": small.path.stat().st_size,
            "small_size": f"{small.width}x{small.height}",
            "light_bytes": light.path.stat().st_size,
            "small_seconds": round(video_s, 2),
            "seconds": round(time.perf_counter() - started, 2)}
    result["load_average"]["end"] = load_average()
    return result


# --- 3 and 4: proposals to a real server ---------------------------------------------------


class Proposer:
    """A contributor's browser, reduced to what the propose form needs: its page (for the
    CSRF cookie, the form's stamp and a type to choose), then the form with a file, the
    file streamed from disk."""

    def __init__(self, port: int) -> None:
        self.port = port

    def _form(self) -> tuple[dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request("GET", "/en/propose/")
        response = connection.getresponse()
        page = response.read().decode()
        cookie = "; ".join(value.split(";")[0] for name, value in response.getheaders()
                           if name.lower() == "set-cookie")
        connection.close()
        fields = {
            name: value for name, value in re.findall(
                r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}
        types = re.search(r'<select name="resource_type"[^>]*>(.*?)</select>', page, re.S)
        assert types, "the propose page has no type to choose"
        fields["resource_type"] = re.findall(r'<option value="(\d+)"', types.group(1))[0]
        return fields, cookie

    def propose(self, path: Path, title: str) -> dict[str, Any]:
        """Send `path` as a proposal titled `title`: the seconds from the last byte sent to
        the status line, the status and the reference code the answer gives."""
        fields, cookie = self._form()
        fields |= {"title": title, "summary": "A recording for the benchmark.",
                   "permission": "CC BY 4.0", "risk": "no"}
        boundary = uuid.uuid4().hex
        head = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode() for name, value in fields.items())
        head += (f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; '
                 f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                 ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        connection.putrequest("POST", "/en/propose/")
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(len(head) + path.stat().st_size + len(tail)))
        connection.putheader("Cookie", cookie)
        connection.endheaders()
        connection.send(head)
        with path.open("rb") as file:
            while chunk := file.read(CHUNK):
                connection.send(chunk)
        connection.send(tail)
        sent = time.perf_counter()
        response = connection.getresponse()
        answered = time.perf_counter()
        body = response.read().decode()
        connection.close()
        code = re.search(r'id="code">([^<]+)<', body)
        errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>\s*<li>(.*?)</li>', body, re.S)
        return {"file": path.name, "bytes": path.stat().st_size, "status": response.status,
                "seconds": round(answered - sent, 3), "code": code.group(1) if code else None,
                "refused": " ".join(errors)[:200], "answered": answered}


def light_ready(title: str, since: float, timeout: float) -> dict[str, Any]:
    """Wait until the worker has made the light versions of the resource titled `title`;
    how long after `since` (a perf_counter time) it saw them."""
    from resguardo.catalogue import light
    from resguardo.catalogue.models import Resource

    deadline = time.monotonic() + timeout
    while True:
        resource = Resource.objects.get(title=title)
        state = light.state(resource)
        if state in (light.READY, light.FAILED) or time.monotonic() > deadline:
            return {"state": state or "none", "after_s": round(time.perf_counter() - since, 1),
                    "failure": light.failure(resource) if state == light.FAILED else "",
                    "versions": [(v.kind, v.size) for v in light.versions(resource)]}
        time.sleep(0.25)


def variant(path: Path, run: int) -> Path:
    """A copy of the MP3 at `path` with one byte of sound changed: each upload is then new
    bytes, stored and transcoded again (the library stores the same bytes once). The byte
    is one no frame header is near (a header starts with 0xFF), so every frame stays."""
    data = bytearray(path.read_bytes())
    at = len(data) // 2 + run * 9973
    while 0xFF in data[at - 3:at + 2]:
        at += 1
    data[at] ^= 0x01
    copy = path.with_name(f"run-{run}-{path.name}")
    copy.write_bytes(bytes(data))
    return copy


def request_work(large: Path) -> dict[str, float]:
    """What the request does once the body is in, timed in this process on the large
    file: ingestion's read (copy in with its checksum, ffprobe, remux with ffmpeg, probe
    again, checksum of the cleaned copy) and storing the cleaned copy; for scale, a plain
    copy of the file and its SHA-256 alone."""
    from django.core.files.storage import default_storage

    from resguardo.ingest import services as ingestion

    figures: dict[str, list[float]] = {"read": [], "store": [], "copy": [], "sha256": []}
    for _ in range(3):
        with ingestion.workspace() as name, large.open("rb") as upload:
            started = time.perf_counter()
            ingested = ingestion.read(upload, Path(name))
            figures["read"].append(time.perf_counter() - started)
            assert ingested.cleaned is not None
            stored_as = f"bench/{uuid.uuid4().hex}.mp3"
            started = time.perf_counter()
            stored_as = ingestion.store_file(ingested.cleaned, stored_as, ingested.size)
            figures["store"].append(time.perf_counter() - started)
            default_storage.delete(stored_as)
            started = time.perf_counter()
            shutil.copyfile(large, Path(name) / "copy")
            figures["copy"].append(time.perf_counter() - started)
            started = time.perf_counter()
            ingestion.sha256_of(large)
            figures["sha256"].append(time.perf_counter() - started)
    return {name: round(statistics.median(times), 3) for name, times in figures.items()}


def uploads(port: int, large: Path, small: Path, runs: int) -> dict[str, Any]:
    proposer = Proposer(port)
    result: dict[str, Any] = {"load_average": {"start": load_average()}, "runs": []}
    log("the request's work in this process, on the large file")
    result["work"] = request_work(large)
    # The first proposal a server takes also starts what it starts once (its worker's
    # imports, ingestion's fork server): a warm-up, printed but not counted.
    kinds = ["warm-up", "small", *["large"] * runs]
    for run, kind in enumerate(kinds):
        path = variant(large, run) if kind == "large" else small
        title = f"Bench upload {run} {uuid.uuid4().hex[:8]}"
        log(f"proposal {run + 1} of {len(kinds)}: {path.name} ({kind})")
        sent = proposer.propose(path, title)
        if kind == "large":
            path.unlink()
        answered = sent.pop("answered")
        if sent["code"] is None:
            raise SystemExit(f"{path.name} was not taken ({sent['status']}): {sent['refused']}")
        sent |= light_ready(title, answered, timeout=3600) | {"kind": kind}
        result["runs"].append(sent)
    large_s = [r["seconds"] for r in result["runs"] if r["kind"] == "large"]
    result["large"] = {"median_s": statistics.median(large_s), "max_s": max(large_s)}
    result["load_average"]["end"] = load_average()
    return result


# --- 4: tags in stored copies --------------------------------------------------------------


def tagged_set(folder: Path) -> dict[str, Path]:
    """The ingestion tests' tagged recordings, and four more carrying every planted tag
    their format can hold."""
    sys.path.insert(0, str(ROOT))
    from resguardo.ingest.tests import recordings as r

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    made = r.make_all(folder)
    everything = [*r.TAGS, *r.PHONE, "-metadata", f"model={r.MODEL}",
                  "-metadata", f"make={r.MODEL}"]
    place = folder / "all"
    place.mkdir()
    cover = r._cover_and_chapters(place)  # noqa: SLF001 - the tests' own cover and chapters
    made["all.mp3"] = place / "all.mp3"
    r.ffmpeg(*r.sine(), *cover, *everything, "-c:a", "libmp3lame", "-b:a", "64k",
             "-id3v2_version", "3", str(made["all.mp3"]))
    made["all.m4a"] = place / "all.m4a"
    r.ffmpeg(*r.sine(), *cover, *everything, "-movflags", "use_metadata_tags", "-c:a", "aac",
             str(made["all.m4a"]))
    # 3GPP's own tags (performer, author, description, location): what a phone writes.
    made["all.3gp"] = r.video(["h263"], ["aac", "-ac", "1", "-ar", "8000"], "3gp", *r.PHONE,
                              "-metadata", f"author={r.ARTIST}", rate=8000,
                              size="176x144")(place / "all.3gp")
    made["all.opus"] = place / "all.opus"
    r.ffmpeg(*r.sine(rate=48000), *everything, "-c:a", "libopus", "-f", "opus",
             str(made["all.opus"]))
    return made


def secrets() -> tuple[str, ...]:
    from resguardo.ingest.tests import recordings as r

    # exiftool writes coordinates as degrees, minutes and seconds: 12 deg 20' 44.16"
    return (*r.SECRETS, "12 deg 20", "76 deg 32")


def _values(found: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(found, dict):
        for key, value in found.items():
            yield from _values(value, f"{path}.{key}" if path else str(key))
    elif isinstance(found, list):
        for index, value in enumerate(found):
            yield from _values(value, f"{path}[{index}]")
    else:
        yield path, str(found)


def leaks(path: Path) -> list[str]:
    """Every tag ffprobe or exiftool reads in `path` that holds a planted word or
    coordinate, or names a GPS position or a location."""
    probe = subprocess.run(["ffprobe", "-v", "error", "-of", "json", "-show_format",
                            "-show_streams", str(path)], capture_output=True, text=True,
                           check=False).stdout
    # exiftool ends with status 1 on a format it reads only in part (AAC, AMR).
    exif = subprocess.run(["exiftool", "-j", "-a", "-u", "-G1", str(path)],
                          capture_output=True, text=True, check=False).stdout
    words = [w.lower() for w in secrets()]
    found = []
    for tool, text in (("ffprobe", probe), ("exiftool", exif)):
        for key, value in _values(json.loads(text or "{}")):
            if key.endswith(("SourceFile", "FileName", "Directory", ".filename")):
                continue
            if any(w in value.lower() for w in words) or GEO_KEY.search(key):
                found.append(f"{tool} {key}={value[:60]}")
    return found


def stored_copies(title: str) -> list[Path]:
    from django.conf import settings

    from resguardo.catalogue import light
    from resguardo.catalogue.models import Resource

    resource = Resource.objects.get(title=title)
    root = Path(settings.MEDIA_ROOT)
    return [root / str(resource.file.name),
            *(root / str(v.file.name) for v in light.versions(resource))]


def tags(port: int, folder: Path) -> dict[str, Any]:
    proposer = Proposer(port)
    rows = []
    for name, path in tagged_set(folder).items():
        title = f"Bench tags {name} {uuid.uuid4().hex[:8]}"
        sent = proposer.propose(path, title)
        row = {"file": name, "status": sent["status"], "code": sent["code"],
               "seconds": sent["seconds"], "planted": len(leaks(path)), "title": title}
        rows.append(row)
        log(f"proposed {name}: {sent['status']} in {sent['seconds']} s")
    for row in rows:
        if row["code"] is None:
            row |= {"state": "refused", "stored": [], "leaks": []}
            continue
        row |= light_ready(row["title"], time.perf_counter(), timeout=600)
        copies = stored_copies(row["title"])
        row["stored"] = [p.name for p in copies]
        row["leaks"] = [f"{p.name}: {leak}" for p in copies for leak in leaks(p)]
    return {"rows": rows, "leaks": sum(len(r["leaks"]) for r in rows)}


# --- the install, the run, the report ------------------------------------------------------


def prepare(backend: str, postgres_url: str) -> Install:
    if backend == "sqlite":
        install = Install("sqlite", OUT / "media-sqlite", None)
    else:
        installs.recreate_database(postgres_url)
        install = Install("postgres", OUT / "media-postgres", postgres_url)
    shutil.rmtree(install.data_dir, ignore_errors=True)
    install.data_dir.mkdir(parents=True)
    log(f"[{backend}] a fresh install in {install.data_dir.relative_to(ROOT)}")
    install.manage("setup")
    os.environ.update(install.env | {"DJANGO_SETTINGS_MODULE": "resguardo.settings"})
    import django

    django.setup()
    return install


def measure(args: argparse.Namespace) -> dict[str, Any]:
    for tool in ("ffmpeg", "ffprobe", "exiftool"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install ffmpeg libimage-exiftool-perl")
    FILES.mkdir(parents=True, exist_ok=True)
    audio_s, video_s = (120, 30) if args.quick else (30 * 60, 10 * 60)
    upload_bytes = UPLOAD_BYTES // 10 if args.quick else UPLOAD_BYTES
    audio, film = speech_mp3(audio_s), video(video_s)
    large, small = upload_mp3(upload_bytes, 320_000), upload_mp3(480_000, 64_000)
    install = prepare(args.backend, args.postgres_url)
    result: dict[str, Any] = {"backend": args.backend, "quick": args.quick,
                              "cpus": os.cpu_count(), "commit": _commit(),
                              "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    result["transcoding"] = transcoding(audio, film)
    log_path = OUT / f"server-media-{args.backend}.log"
    with Server(install.env | SERVER_ENV, log_path) as server:
        result["uploads"] = uploads(server.port, large, small, args.runs)
        result["tags"] = tags(server.port, FILES / "tagged")
    return result


def _commit() -> str:
    done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return done.stdout.strip()


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_result(r: dict[str, Any]) -> None:
    t = r["transcoding"]
    a, v = t["audio"], t["video"]
    print(f"\n=== Recordings ({r['backend']}{', quick' if r['quick'] else ''}): "
          f"{r['cpus']} CPUs, commit {r['commit']} ===")
    print(f"load average (1, 5, 15 min) while transcoding: {t['load_average']}")
    ratio = a["light_bytes"] / a["bytes"]
    print(f"1. {a['file']} ({a['duration_s']:.0f} s, {a['bytes']:,} bytes) -> light audio "
          f"{a['light_bytes']:,} bytes: {ratio:.3f} of its size, 1/{1 / ratio:.1f} "
          f"(budget <= 1/6): {_verdict(ratio <= SIZE_BUDGET)}")
    audio_ratio = a["seconds"] / a["duration_s"]
    video_ratio = v["seconds"] / v["duration_s"]
    print(f"2. light audio of {a['file']}: {a['seconds']:.1f} s for {a['duration_s']:.0f} s, "
          f"{audio_ratio:.3f}x (budget <= {TIME_BUDGET}x): {_verdict(audio_ratio <= TIME_BUDGET)}")
    print(f"   {v['file']} ({v['duration_s']:.0f} s, {v['bytes']:,} bytes) -> small video "
          f"{v['small_size']} {v['small_bytes']:,} bytes in {v['small_seconds']:.1f} s, light "
          f"audio {v['light_bytes']:,} bytes; both {v['seconds']:.1f} s, {video_ratio:.3f}x "
          f"(budget <= {TIME_BUDGET}x): {_verdict(video_ratio <= TIME_BUDGET)}")
    u = r["uploads"]
    print(f"3. proposals to `resguardo serve`, from the last byte sent to the status line "
          f"(load average {u['load_average']}):")
    print(f"   {'':<8}{'file':<33} {'bytes':>12} {'status':>6} {'seconds':>8}  code"
          f"{'':<16}light versions made after")
    for run in u["runs"]:
        print(f"   {run['kind']:<8}{run['file']:<33} {run['bytes']:>12,} {run['status']:>6} "
              f"{run['seconds']:>8.3f}  {run['code'] or 'NO CODE':<20} {run['state']} "
              f"{run['after_s']:.1f} s {run['failure']}")
    w = u["work"]
    print(f"   the request's work on the large file in this process (medians of 3): read "
          f"(copy in with its SHA-256, ffprobe, remux, probe, SHA-256) {w['read']:.3f} s, "
          f"store {w['store']:.3f} s; for scale: copying it {w['copy']:.3f} s, its SHA-256 "
          f"{w['sha256']:.3f} s")
    large = u["large"]
    acknowledged = all(x["code"] and x["state"] == "ready" for x in u["runs"])
    print(f"   large file: median {large['median_s']:.3f} s, max {large['max_s']:.3f} s "
          f"(budget <= {UPLOAD_BUDGET_S} s): {_verdict(large['max_s'] <= UPLOAD_BUDGET_S)}; "
          f"every answer gave its code and every light version was made: "
          f"{_verdict(acknowledged)}")
    g = r["tags"]
    print("4. tags in stored copies (ffprobe -show_format -show_streams, exiftool -j): "
          "planted = tags found in the recording as made")
    for row in g["rows"]:
        print(f"   {row['file']:<11} {row['status']} {row['code'] or 'refused':<11} "
              f"{row['seconds']:>6.3f} s planted {row['planted']:>2}, {row['state']:<7} "
              f"stored {len(row['stored'])} copies: "
              + ("; ".join(row["leaks"]) if row["leaks"] else "no tag left"))
    print(f"   tags left in stored copies: {g['leaks']} (budget 0): {_verdict(not g['leaks'])}")


def run_child(backend: str, *, quick: bool, postgres_url: str) -> None:
    """This script in a process of its own (it sets Django up for one database): how
    bench/run.py runs it, on a PostgreSQL database named after `postgres_url`'s with
    `_media` added (the synthetic library's is left alone)."""
    parts = urlsplit(postgres_url)
    url = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_media", query=""))
    command = [sys.executable, __file__, "--backend", backend, "--postgres-url", url]
    subprocess.run([*command, *(["--quick"] if quick else [])], check=True)


def main() -> None:
    args = parse_args()
    result = measure(args)
    path = OUT / f"media-{args.backend}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps(result, indent=1))
    print_result(result)
    print(f"\nFigures as JSON: {path.relative_to(ROOT)}\n", flush=True)


if __name__ == "__main__":
    main()
