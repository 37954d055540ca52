"""What the strategy facets ("What works / What is needed" and "Strategy") add to a catalogue
page at 100,000 resources: the listing computed with and without them, in the same process
and rounds, over facet bitmaps shaped as bench/generate.py shapes the library (themes 1-3
of 16, 60% of resources in one or two strategies...). The facet index is built in memory,
so no 100,000-row database is needed; the names of the values come from the database of
the install (DATA_DIR), as on a server.

    DATA_DIR=... .venv/bin/python bench/facet_cost.py [--size 100000] [--rounds 7]

Measured (medians of paired differences): 0.17 ms added to the catalogue's listing (1.29
ms without, 1.45 with), 0.36 ms to one filtered by a theme; on the same machine under load,
0.44 and 0.87 ms. The budget is 5 ms.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _index(size: int):  # type: ignore[no-untyped-def]
    from pyroaring import FrozenBitMap

    from resguardo.catalogue import facets
    from resguardo.catalogue.models import (
        Audience,
        Language,
        Region,
        ResourceType,
        Strategy,
        Theme,
    )

    rng = random.Random(20240601)
    ids = range(1, size + 1)
    terms = {
        "type": list(ResourceType.objects.values_list("pk", flat=True)),
        "theme": list(Theme.objects.values_list("pk", flat=True)),
        "audience": list(Audience.objects.values_list("pk", flat=True)),
        "region": list(Region.objects.values_list("pk", flat=True)),
        "language": ["en", "es", "fr", "pt"],
    }
    picks = {"type": (1, 1), "theme": (1, 3), "audience": (1, 2), "region": (0, 2),
             "language": (1, 1)}
    groups: dict[str, dict[object, list[int]]] = {name: {} for name in [*terms, "year",
                                                                       "strategy", "group"]}
    group_of = dict(Strategy.objects.values_list("pk", "group"))
    strategies = list(group_of)
    for i in ids:
        for name, (low, high) in picks.items():
            for value in rng.sample(terms[name], rng.randint(low, high)):
                groups[name].setdefault(value, []).append(i)
        groups["year"].setdefault(2025 - min(27, int(rng.expovariate(0.15))), []).append(i)
        if rng.random() < 0.6:
            for pk in rng.sample(strategies, rng.randint(1, 2)):
                groups["strategy"].setdefault(pk, []).append(i)
                groups["group"].setdefault(group_of[pk], []).append(i)
    index = facets.FacetIndex(version="facet-cost")
    index.published = FrozenBitMap(ids)
    index.values = {name: {v: FrozenBitMap(members) for v, members in values.items()}
                    for name, values in groups.items()}
    index.newest = list(reversed(ids))
    index.by_title = list(ids)
    index.newest_at = facets.positions_in(index.newest)
    index.by_title_at = facets.positions_in(index.by_title)
    assert Language.objects.exists()
    return index


def _median_ms(params, times: int) -> float:  # type: ignore[no-untyped-def]
    from resguardo.catalogue import browse

    found = []
    for _ in range(times):
        started = time.perf_counter()
        browse.browse(params)
        found.append((time.perf_counter() - started) * 1000)
    return statistics.median(found)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--times", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resguardo.settings")
    import django

    django.setup()
    from django.http import QueryDict
    from django.utils import translation

    from resguardo.catalogue import browse, facets

    translation.activate("en")
    index = _index(args.size)
    facets.current = lambda: index  # the in-memory index, whatever the catalogue's version
    full, terms = dict(browse.SHOWN), dict(browse.TERM_FACETS)
    without = {k: v for k, v in full.items() if k not in ("group", "strategy")}
    without_terms = {k: v for k, v in terms.items() if k != "strategy"}
    from resguardo.catalogue.models import Theme

    theme = Theme.objects.get(pk=next(iter(index.values["theme"])))
    listings = {"catalogue": QueryDict(), "one theme": QueryDict(f"theme={theme.slug}")}
    result: dict[str, dict[str, float]] = {}
    for name, params in listings.items():
        rounds = []
        for _ in range(args.rounds):
            browse.SHOWN, browse.TERM_FACETS = without, without_terms
            before = _median_ms(params, args.times)
            browse.SHOWN, browse.TERM_FACETS = full, terms
            after = _median_ms(params, args.times)
            rounds.append((before, after))
        result[name] = {
            "without_ms": round(statistics.median(b for b, _a in rounds), 2),
            "with_ms": round(statistics.median(a for _b, a in rounds), 2),
            "added_ms": round(statistics.median(a - b for b, a in rounds), 2),
        }
    print(json.dumps({"size": args.size, **result}, indent=1))


if __name__ == "__main__":
    main()
