"""Resguardo's settings as shipped, with one bench-only page added by bench/floor_urls.py:
`/_floor`, a 1-byte HTML page. The slow-network benchmark divides each page's times by that
page's, served by the same server process under the same emulated network: the physical
floor. Never part of the product."""

from resguardo.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
