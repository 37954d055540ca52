"""Resguardo's settings with every Django cache switched off (DummyCache), for the
benchmark's "every search computed" server (bench/nomemo.py)."""

from resguardo import settings as _shipped
from resguardo.settings import *  # noqa: F403

CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in _shipped.CACHES
}
