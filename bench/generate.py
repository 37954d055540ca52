"""A deterministic synthetic library for the benchmark, loaded into the configured database.

Run with the environment of an install (DATA_DIR, DATABASE_URL); `bench/run.py` does that:

    .venv/bin/python bench/generate.py --size 100000 --stats out.json
    .venv/bin/python bench/generate.py --measure   # database size only, as JSON

Everything comes from one seeded `random.Random`, so a size always gives the same library,
and the first N resources of a bigger library are the N resources of a smaller one.

The text is built so the benchmark can ask for terms of known document frequency:

- a Zipf-distributed vocabulary of pronounceable made-up words behind a head of real function
  words of the resource's language (what gives an index its realistic shape);
- EVERYWHERE terms, each in about 97% of the resources ("collective protection" as a phrase);
- MEDIUM terms and phrases, each in about 15% of the resources;
- RARE words, each in about 0.02% of the resources (20 of 100,000).

Beside the resources, PAGES knowledge pages, each in English with a Spanish, French and
Portuguese translation, from the same vocabulary (so searches meet them too), and PAGE_WORD
in a few of them and in no resource. They come from a Random of their own, so the resources
are the same with or without them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

SEED = 20240601
VERSION = 3  # change when the generated library changes, so old installs are rebuilt
SLUG_PREFIX = "bench-"
BATCH = 2000

BASE_WORDS = 50_000
RARE_WORDS = 3_000
RARE_RATE = 0.6  # share of resources with one rare word (3,000 words: ~20 resources each)
EVERYWHERE_RATE = 0.97
MEDIUM_RATE = 0.15
TEXT_CHARS = 5_000  # title, summary, description and full text together
PAGES = 60
PAGE_CHARS = 4_000
PAGE_WORD = "guatemala"  # in a tenth of the knowledge pages, in no resource

EVERYWHERE = ("collective protection", "community", "defenders", "risk")
MEDIUM = (
    "radio",
    "mapping",
    "litigation",
    "encryption",
    "shelter",
    "patrols",
    "evidence",
    "funding",
    "wellbeing",
    "alliance",
    "mining",
    "forest",
    "journalists",
    "relocation",
    "stigma",
    "lawyers",
    "early warning",
    "safe house",
)
FUNCTION_WORDS = {
    "en": "the of and to in a is that for on with as by are be this from or at which".split(),
    "es": "de la que el en y a los del se las por un para con no una su al es".split(),
    "fr": "de la le et les des en du un une est que pour dans qui par sur au pas plus".split(),
    "pt": "de a o que e do da em um para com não uma os no se na por mais as".split(),
}
LANGUAGES = {"en": 0.80, "es": 0.08, "fr": 0.07, "pt": 0.05}
SECOND_LANGUAGE_RATE = 0.03
STRATEGY_RATE = 0.6  # share of resources classified under one or two strategies
TYPES = {
    "reports-research": 24,
    "guides-manuals": 20,
    "case-studies": 12,
    "templates": 8,
    "capacity-training": 10,
    "digital-tools": 6,
    "infographics": 5,
    "videos-webinars": 8,
    "audio-visual": 7,
}
COUNTRIES = ["CO", "MX", "GT", "HN", "BR", "PE", "KE", "UG", "CD", "PH", "ID", "MY", "IN", "NP"]
ORGANISATIONS = 200
ORG_WEIGHTS = list(accumulate(1.0 / (rank + 1) for rank in range(ORGANISATIONS)))
START = datetime(2015, 1, 1, tzinfo=UTC)
M2M = ("themes", "audiences", "regions", "languages", "publishers", "strategies")

CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"
FINALS = "kmnrtl"
RARE_ONSETS = ("qu", "xa", "xo", "ju", "ja", "wy", "qo")


@dataclass(frozen=True)
class Vocabulary:
    base: list[str]  # made-up words, most frequent first
    cum_weights: list[float]  # Zipf weights for FUNCTION_WORDS[lang] + base
    rare: list[str]
    organisations: list[str]

    def population(self, language: str) -> list[str]:
        return FUNCTION_WORDS[language] + self.base


def _made_up(rng: random.Random, onsets: tuple[str, ...] | None = None) -> str:
    syllables = [rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(rng.randint(2, 3))]
    if onsets:
        syllables[0] = rng.choice(onsets)
    return "".join(syllables) + rng.choice(FINALS)


def _unique_words(
    rng: random.Random, count: int, taken: set[str], onsets: tuple[str, ...] | None = None
) -> list[str]:
    words: list[str] = []
    while len(words) < count:
        word = _made_up(rng, onsets)
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


@lru_cache(maxsize=4)
def vocabulary(seed: int = SEED) -> Vocabulary:
    rng = random.Random(seed)
    taken = {w for words in FUNCTION_WORDS.values() for w in words}
    taken |= {w for term in EVERYWHERE + MEDIUM for w in term.split()}
    base = _unique_words(rng, BASE_WORDS, taken)
    rare = _unique_words(rng, RARE_WORDS, taken, RARE_ONSETS)
    heads = {len(words) for words in FUNCTION_WORDS.values()}
    assert len(heads) == 1, "every language needs as many function words"
    weights = [1.0 / (rank + 2) for rank in range(heads.pop() + BASE_WORDS)]
    organisations = [
        f"{base[i * 7].title()} {rng.choice(['Network', 'Institute', 'Foundation', 'Trust'])}"
        for i in range(ORGANISATIONS)
    ]
    return Vocabulary(base, list(accumulate(weights)), rare, organisations)


@dataclass
class Spec:
    """One synthetic resource before it becomes rows."""

    number: int
    title: str
    summary: str
    description: str
    full_text: str
    type_slug: str
    themes: list[str]
    audiences: list[str]
    regions: list[str]
    languages: list[str]
    publishers: list[int]  # indexes into Vocabulary.organisations
    year: int | None
    countries: list[str]
    translation_key: uuid.UUID
    published_at: datetime
    planted: list[str] = field(default_factory=list)
    strategies: list[str] = field(default_factory=list)


def _sentences(words: list[str], rng: random.Random) -> str:
    paragraphs, sentences, pos = [], [], 0
    while pos < len(words):
        n = rng.randint(8, 18)
        chunk = words[pos : pos + n]
        pos += n
        sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
        if len(sentences) >= rng.randint(3, 6):
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def _words(rng: random.Random, vocab: Vocabulary, language: str, chars: int) -> list[str]:
    # Words average about 6.5 characters with their space and punctuation.
    return rng.choices(
        vocab.population(language), cum_weights=vocab.cum_weights, k=max(4, int(chars / 6.5))
    )


def _plant(words: list[str], terms: list[str], rng: random.Random) -> None:
    for term in terms:
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randrange(len(words) + 1), term)


def _planted_terms(rng: random.Random, vocab: Vocabulary) -> list[str]:
    terms = [t for t in EVERYWHERE if rng.random() < EVERYWHERE_RATE]
    terms += [t for t in MEDIUM if rng.random() < MEDIUM_RATE]
    if rng.random() < RARE_RATE:
        terms.append(rng.choice(vocab.rare))
    return terms


def _title(rng: random.Random, vocab: Vocabulary, planted: list[str]) -> str:
    words = rng.choices(vocab.base[:3000], k=rng.randint(3, 7))
    for term in planted:
        if rng.random() < (0.25 if term in EVERYWHERE else 0.1):
            words.insert(rng.randrange(len(words) + 1), term)
    return " ".join(w.capitalize() for w in words)


def _pick(rng: random.Random, options: list[str], low: int, high: int) -> list[str]:
    return rng.sample(options, rng.randint(low, high))


def _language(rng: random.Random) -> list[str]:
    first = rng.choices(list(LANGUAGES), weights=list(LANGUAGES.values()))[0]
    if rng.random() < SECOND_LANGUAGE_RATE:
        return [first, rng.choice([c for c in LANGUAGES if c != first])]
    return [first]


def spec(
    number: int,
    rng: random.Random,
    vocab: Vocabulary,
    taxonomy: dict[str, list[str]],
    previous_key: uuid.UUID | None,
) -> Spec:
    planted = _planted_terms(rng, vocab)
    languages = _language(rng)
    title = _title(rng, vocab, planted)
    summary = _words(rng, vocab, languages[0], 180)
    description = _words(rng, vocab, languages[0], 320)
    body = _words(rng, vocab, languages[0], TEXT_CHARS - 500 - len(title))
    _plant(summary, [t for t in planted if rng.random() < 0.2], rng)
    _plant(body, planted, rng)
    same_work = previous_key is not None and rng.random() < 0.03
    return Spec(
        number=number,
        title=title,
        summary=_sentences(summary, rng),
        description=_sentences(description, rng),
        full_text=_sentences(body, rng),
        type_slug=rng.choices(list(TYPES), weights=list(TYPES.values()))[0],
        themes=_pick(rng, taxonomy["themes"], 1, 3),
        audiences=_pick(rng, taxonomy["audiences"], 1, 2),
        regions=_pick(rng, taxonomy["regions"], 0, 2),
        languages=languages,
        publishers=sorted(
            set(
                rng.choices(
                    range(ORGANISATIONS), cum_weights=ORG_WEIGHTS, k=rng.choice([1, 1, 1, 2])
                )
            )
        ),
        year=None if rng.random() < 0.15 else 2025 - min(27, int(rng.expovariate(0.15))),
        countries=sorted(set(rng.sample(COUNTRIES, rng.randint(1, 2))))
        if rng.random() < 0.3
        else [],
        translation_key=(
            previous_key
            if same_work and previous_key is not None
            else uuid.UUID(int=rng.getrandbits(128))
        ),
        published_at=START + timedelta(minutes=5 * number + rng.randrange(5)),
        planted=planted,
        strategies=_strategies(number, taxonomy["strategies"]),
    )


def _strategies(number: int, strategies: list[str]) -> list[str]:
    # A generator of their own: the rest of the library stays as version 2 made it.
    rng = random.Random(SEED * 1_000_003 + number)
    if not strategies or rng.random() >= STRATEGY_RATE:
        return []
    return _pick(rng, strategies, 1, min(2, len(strategies)))


# --- loading -------------------------------------------------------------------------------


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resguardo.settings")
    import django

    django.setup()


def _taxonomy() -> dict[str, list[str]]:
    from resguardo.catalogue.models import Audience, Region, Strategy, Theme

    return {
        "strategies": list(Strategy.objects.order_by("position").values_list("slug", flat=True)),
        "themes": list(Theme.objects.order_by("position").values_list("slug", flat=True)),
        "audiences": list(Audience.objects.order_by("position").values_list("slug", flat=True)),
        "regions": list(Region.objects.order_by("position").values_list("slug", flat=True)),
    }


def _organisations(vocab: Vocabulary) -> list[int]:
    from resguardo.catalogue.models import Organisation

    rows = [
        Organisation(name=name, slug=f"{SLUG_PREFIX}org-{i}", country="")
        for i, name in enumerate(vocab.organisations)
    ]
    Organisation.objects.bulk_create(rows, ignore_conflicts=True)
    by_slug = dict(
        Organisation.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", "id")
    )
    return [by_slug[f"{SLUG_PREFIX}org-{i}"] for i in range(len(vocab.organisations))]


class Loader:
    """Turns specs into rows: resources with explicit ids, then each through table."""

    def __init__(self, first_id: int, organisations: list[int]):
        from resguardo.catalogue.models import (
            Audience,
            Region,
            Resource,
            ResourceType,
            Strategy,
            Theme,
        )

        self.first_id = first_id
        self.organisations = organisations
        self.types = dict(ResourceType.objects.values_list("slug", "id"))
        self.ids = {
            "themes": dict(Theme.objects.values_list("slug", "id")),
            "audiences": dict(Audience.objects.values_list("slug", "id")),
            "regions": dict(Region.objects.values_list("slug", "id")),
            "strategies": dict(Strategy.objects.values_list("slug", "id")),
        }
        self.resource = Resource

    def resource_row(self, s: Spec) -> Any:
        from django.utils.text import slugify

        return self.resource(
            id=self.first_id + s.number,
            title=s.title,
            slug=f"{SLUG_PREFIX}{s.number}-{slugify(s.title)[:80]}",
            summary=s.summary,
            description=s.description,
            full_text=s.full_text,
            resource_type_id=self.types[s.type_slug],
            year=s.year,
            countries=s.countries,
            # A third rated, evenly from 1 to 5; from the number, so the random draws (and
            # every other field of a library generated before) stay as they were.
            rating=None if s.number % 3 else 1 + s.number // 3 % 5,
            translation_key=s.translation_key,
            status="published",
            published_at=s.published_at,
        )

    def through_rows(self, specs: list[Spec]) -> dict[str, list[Any]]:
        rows: dict[str, list[Any]] = {}
        for name in M2M:
            through = getattr(self.resource, name).through
            target = f"{getattr(self.resource, name).field.m2m_reverse_field_name()}_id"
            rows[name] = [
                through(resource_id=self.first_id + s.number, **{target: value})
                for s in specs
                for value in self._values(name, s)
            ]
        return rows

    def _values(self, name: str, s: Spec) -> list[Any]:
        if name == "languages":
            return s.languages
        if name == "publishers":
            return [self.organisations[i] for i in s.publishers]
        return [self.ids[name][slug] for slug in getattr(s, name)]

    def insert(self, specs: list[Spec]) -> None:
        from django.db import transaction

        with transaction.atomic():
            self.resource.objects.bulk_create([self.resource_row(s) for s in specs], batch_size=500)
            for name, rows in self.through_rows(specs).items():
                getattr(self.resource, name).through.objects.bulk_create(rows, batch_size=5000)


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from resguardo.catalogue.models import Organisation, Resource

    models = [Resource, Organisation] + [
        getattr(Resource, name).through
        for name in M2M
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _tidy() -> float:
    """What a running install would have done by itself: VACUUM ANALYZE by autovacuum on
    PostgreSQL; on SQLite, only a WAL checkpoint (nothing runs ANALYZE there)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - started


def load(size: int, seed: int = SEED) -> dict[str, Any]:
    from django.db.models import Max

    from resguardo.catalogue import indexing as search_index
    from resguardo.catalogue.models import Resource
    from resguardo.pages import indexing as pages_index

    started = time.perf_counter()
    vocab = vocabulary(seed)
    if Resource.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise SystemExit("This database already holds a synthetic library; start from empty.")
    loader = Loader((Resource.objects.aggregate(m=Max("id"))["m"] or 0) + 1, _organisations(vocab))
    taxonomy, rng = _taxonomy(), random.Random(seed)
    frequencies: Counter[str] = Counter()
    chars, generating, inserting, key = 0, 0.0, 0.0, None
    for first in range(0, size, BATCH):
        t0 = time.perf_counter()
        specs = []
        for number in range(first, min(size, first + BATCH)):
            specs.append(spec(number, rng, vocab, taxonomy, key))
            key = specs[-1].translation_key
        t1 = time.perf_counter()
        loader.insert(specs)
        generating, inserting = generating + t1 - t0, inserting + time.perf_counter() - t1
        for s in specs:
            frequencies.update(set(s.planted))
            chars += len(s.title) + len(s.summary) + len(s.description) + len(s.full_text)
        print(
            f"  {first + len(specs):>7} resources  generate {generating:6.1f} s  "
            f"insert {inserting:6.1f} s",
            file=sys.stderr,
            flush=True,
        )
    _reset_sequences()
    _knowledge_pages(vocab, seed)
    t0 = time.perf_counter()
    indexed = search_index.rebuild()
    indexing = time.perf_counter() - t0
    print(f"  indexed {indexed} in {indexing:.1f} s", file=sys.stderr, flush=True)
    pages_indexed = pages_index.rebuild()
    tidying = _tidy()
    return {
        "size": size,
        "seed": seed,
        "version": VERSION,
        "indexed": indexed,
        "pages_indexed": pages_indexed,
        "generate_s": round(generating, 1),
        "insert_s": round(inserting, 1),
        "index_s": round(indexing, 1),
        "tidy_s": round(tidying, 1),
        "load_s": round(time.perf_counter() - started, 1),
        "avg_chars": round(chars / max(1, size)),
        "document_frequency": _frequency_summary(frequencies, size),
    }


def _knowledge_pages(vocab: Vocabulary, seed: int) -> None:
    """PAGES knowledge pages in English, each translated into Spanish, French and Portuguese."""
    from resguardo.pages.models import Page, PageTranslation

    rng = random.Random(seed + 1)
    for number in range(PAGES):
        planted = _planted_terms(rng, vocab) + ([PAGE_WORD] if number % 10 == 0 else [])
        texts = {}
        for language in LANGUAGES:
            words = _words(rng, vocab, language, PAGE_CHARS)
            _plant(words, planted, rng)
            texts[language] = (_title(rng, vocab, planted), _sentences(words, rng))
        title, body = texts.pop("en")
        page = Page.objects.create(title=title, slug=f"{SLUG_PREFIX}page-{number}",
                                   summary=body.split(".")[0] + ".", body=body, position=number)
        PageTranslation.objects.bulk_create(
            PageTranslation(page=page, language_id=language, title=title, body=body,
                            summary=body.split(".")[0] + ".")
            for language, (title, body) in texts.items())


def _frequency_summary(frequencies: Counter[str], size: int) -> dict[str, Any]:
    def share(term: str) -> float:
        return round(frequencies[term] / max(1, size), 4)

    rare = [frequencies[w] for w in vocabulary().rare]
    return {
        "everywhere": {t: share(t) for t in EVERYWHERE},
        "medium": {t: share(t) for t in MEDIUM},
        "rare_max_docs": max(rare),
        "rare_mean_docs": round(sum(rare) / len(rare), 1),
    }


# --- size ----------------------------------------------------------------------------------


def database_size() -> dict[str, Any]:
    from django.db import connection

    return _postgres_size() if connection.vendor == "postgresql" else _sqlite_size()


def _sqlite_size() -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection

    path = Path(settings.DATABASES["default"]["NAME"])
    files = {
        suffix or "db": (path.parent / (path.name + suffix)).stat().st_size
        for suffix in ("", "-wal", "-shm")
        if (path.parent / (path.name + suffix)).exists()
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12"
        )
        tables = {name: size for name, size in cursor.fetchall()}
        pragmas = {}
        for pragma in ("page_size", "page_count", "freelist_count"):
            cursor.execute(f"PRAGMA {pragma}")
            pragmas[pragma] = cursor.fetchone()[0]
    in_use = (pragmas["page_count"] - pragmas["freelist_count"]) * pragmas["page_size"]
    return {
        "total_bytes": sum(files.values()),
        "files": files,
        "in_use_bytes": in_use,  # pages holding data, without free pages and the WAL
        "largest": tables,
    }


def _postgres_size() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = current_schema() "
            "ORDER BY 2 DESC LIMIT 12"
        )
        tables = {name: size for name, size in cursor.fetchall()}
        cursor.execute(
            "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'i' AND n.nspname = current_schema() "
            "AND c.relname LIKE 'search_document%'"
        )
        indexes = {name: size for name, size in cursor.fetchall()}
    return {"total_bytes": total, "largest": tables, "search_indexes": indexes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--stats", type=Path, help="write load figures here as JSON")
    parser.add_argument("--measure", action="store_true", help="print the database size only")
    args = parser.parse_args()
    _django()
    if args.measure:
        print(json.dumps(database_size()))
        return
    stats = load(args.size, args.seed)
    stats["database"] = database_size()
    print(json.dumps(stats, indent=1))
    if args.stats:
        args.stats.write_text(json.dumps(stats, indent=1))


if __name__ == "__main__":
    main()
