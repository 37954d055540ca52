"""`resguardo serve` with search results never reused: Django's caches are DummyCache
(bench/nocache_settings.py) and each worker's memo of recent results is emptied before
every catalogue request, so every search is computed as on its first request. The benchmark
runs the query mix against this too: a mix of two dozen queries repeated fits in any memo, and a
public search box mostly sees queries that were not just answered.

    .venv/bin/python bench/nomemo.py serve --host 127.0.0.1 --port 8001
"""

import os
import sys


def forget_before_each_search() -> bool:
    """Patch facets.current() to return its index with an empty memo; False when the
    application has no such memo (then there is nothing to switch off)."""
    import django

    django.setup()
    from resguardo.catalogue import facets

    if "remembered" not in getattr(facets.FacetIndex, "__dataclass_fields__", {}):
        return False
    current = facets.current

    def forgetful() -> facets.FacetIndex:
        index = current()
        index.remembered.clear()
        return index

    facets.current = forgetful
    return True


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "nocache_settings"
    if forget_before_each_search():
        print("bench/nomemo.py: caches off; memo emptied before each request", file=sys.stderr)
    else:
        print("bench/nomemo.py: caches off; no per-worker memo found", file=sys.stderr)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["resguardo", *sys.argv[1:]])


if __name__ == "__main__":
    main()
