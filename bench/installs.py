"""The installs the benchmark measures: a synthetic library per backend (kept between runs
when its size and generator version match) and a fresh seed library per backend.

SQLite installs live in bench/out/<name>/. PostgreSQL uses the database resguardo_bench:
the synthetic library in its public schema, the seed library in a schema `seed`."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from generate import SEED, SLUG_PREFIX, VERSION

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
BIN = BENCH.parent / ".venv" / "bin"
SECRET = "bench-only-not-a-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
DROPPED = (
    "DATABASE_URL",
    "DATA_DIR",
    "DEBUG",
    "SECRET_KEY",
    "WEB_CONCURRENCY",
    "DJANGO_SETTINGS_MODULE",
    "SEARCH_RANK_LIMIT",
    "MEDIA_ROOT",
    "ALLOWED_HOSTS",
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Install:
    backend: str  # "sqlite" or "postgres"
    data_dir: Path
    database_url: str | None  # None: SQLite in DATA_DIR

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED}
        env |= {"DATA_DIR": str(self.data_dir), "SECRET_KEY": SECRET, "LOG_LEVEL": "WARNING"}
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def manage(self, *args: str, timeout: float = 600) -> None:
        subprocess.run(
            [str(BIN / "resguardo"), *args],
            env=self.env,
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
        )

    def generate(self, *args: str, timeout: float) -> str:
        done = subprocess.run(
            [str(BIN / "python"), str(BENCH / "generate.py"), *args],
            env=self.env,
            check=True,
            timeout=timeout,
            text=True,
            stdout=subprocess.PIPE,
        )
        return done.stdout

    def clear_caches(self) -> None:
        """Empty Django's caches (results kept from a previous run must not answer the
        first requests of this one)."""
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "from django.core.cache import caches; "
            "[caches[alias].clear() for alias in settings.CACHES]"
        )
        env = self.env | {"DJANGO_SETTINGS_MODULE": "resguardo.settings"}
        subprocess.run([str(BIN / "python"), "-c", code], env=env, check=True, timeout=300)

    def database_size(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.generate("--measure", timeout=600))
        return result


# --- PostgreSQL administration ---------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name, query=""))


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def recreate_database(url: str) -> None:
    name = _database_name(url)
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def ensure_database(url: str) -> None:
    name = _database_name(url)
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            admin.execute(f'CREATE DATABASE "{name}"')


def _rows(install: Install, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """The rows of one query on the install's database (`%s` placeholders)."""
    if install.database_url is None:
        path = install.data_dir / "resguardo.sqlite3"
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()
    with psycopg.connect(
        _with_database(install.database_url, _database_name(install.database_url))
    ) as db:
        return db.execute(sql, params).fetchall()


def _synthetic_count(install: Install) -> int:
    sql = "SELECT count(*) FROM catalogue_resource WHERE slug LIKE %s"
    try:
        return int(_rows(install, sql, [SLUG_PREFIX + "%"])[0][0])
    except (sqlite3.Error, psycopg.Error):
        return -1


def fingerprint(install: Install) -> dict[str, Any]:
    """What shows that two installs hold the same synthetic rows: how many, and a hash of
    each one's slug, title, year, rating and its texts' lengths (sorted here, not by the
    database: collations differ)."""
    sql = (
        "SELECT slug, title, year, rating, length(summary), length(description) "
        "FROM catalogue_resource WHERE slug LIKE %s"
    )
    rows = sorted(_rows(install, sql, [SLUG_PREFIX + "%"]))
    digest = hashlib.sha256("\n".join("\t".join(map(str, row)) for row in rows).encode())
    return {"resources": len(rows), "sha256": digest.hexdigest()[:16]}


# --- the synthetic library -----------------------------------------------------------------


def library(backend: str, size: int, postgres_url: str) -> tuple[Install, dict[str, Any]]:
    """An install holding the synthetic library of `size` resources, made if needed."""
    if backend == "sqlite":
        install = Install("sqlite", OUT / f"sqlite-{size}", None)
        state_path = install.data_dir / "bench-state.json"
    else:
        install = Install("postgres", OUT / "postgres-data", postgres_url)
        state_path = OUT / "state-postgres.json"
    wanted = {
        "size": size,
        "seed": SEED,
        "version": VERSION,
        "database": install.database_url or str(install.data_dir),
    }
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    if {k: state.get(k) for k in wanted} == wanted and _synthetic_count(install) == size:
        log(f"[{backend}] library of {size} already generated; keeping it")
        install.manage("setup", timeout=3600)  # migrations may rewrite a 100k table
        return install, state["load"]
    log(f"[{backend}] generating a library of {size} resources")
    _reset(install)
    install.manage("migrate", "--no-input")
    stats_path = OUT / f"load-{backend}.json"
    install.generate("--size", str(size), "--stats", str(stats_path), timeout=1800 + size * 0.06)
    install.manage("setup")  # the catalogue is not empty: no seed library is added
    load = json.loads(stats_path.read_text())
    state_path.write_text(json.dumps(wanted | {"load": load}, indent=1))
    return install, load


def _reset(install: Install) -> None:
    if install.database_url:
        recreate_database(install.database_url)
        shutil.rmtree(install.data_dir, ignore_errors=True)
        (OUT / "state-postgres.json").unlink(missing_ok=True)
    else:
        shutil.rmtree(install.data_dir, ignore_errors=True)
    install.data_dir.mkdir(parents=True, exist_ok=True)


# --- the seed library ----------------------------------------------------------------------


def seed(backend: str, postgres_url: str) -> Install:
    """A fresh install with the 17-resource seed library, as `resguardo setup` makes it."""
    if backend == "sqlite":
        install = Install("sqlite", OUT / "seed-sqlite", None)
    else:
        ensure_database(postgres_url)
        with psycopg.connect(postgres_url, autocommit=True) as db:
            db.execute("DROP SCHEMA IF EXISTS seed CASCADE")
            db.execute("CREATE SCHEMA seed")
        url = _with_database(postgres_url, _database_name(postgres_url))
        url += "?options=" + quote("-c search_path=seed")
        install = Install("postgres", OUT / "seed-postgres", url)
    shutil.rmtree(install.data_dir, ignore_errors=True)
    install.data_dir.mkdir(parents=True)
    install.manage("setup")
    return install
