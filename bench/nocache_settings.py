"""Resguardo's settings with every Django cache switched off (DummyCache), for the
benchmark's "every search computed" server (bench/nomemo.py)."""

from resguardo import settings as _shipped
from resguardo.settings import *  # noqa: F403

CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in _shipped.CACHES
}
# Finished pages are kept per worker too (resguardo/web/pagecache.py), outside Django's
# caches: without this, every repeat of a page was replayed from the worker's memory.
MIDDLEWARE = [m for m in _shipped.MIDDLEWARE if m != "resguardo.web.pagecache.PageCacheMiddleware"]
