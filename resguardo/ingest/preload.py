"""Imported once by the sandbox's fork server, so each file's child starts warm: Django
set up, the parsers imported and the language model loaded."""

import os

# One thread for numpy's BLAS (the language model): threads reserve address space, which
# counts against the child's memory limit.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import django  # noqa: E402

django.setup()

from resguardo.ingest import language, scrubbers, sniff  # noqa: E402, F401
from resguardo.ingest.extractors import EXTRACTORS  # noqa: E402, F401

language.detect_language("Communities protect themselves together, with their own rules.")

# Translation catalogues load on a language's first use (about 0.2 s): load them here, so
# a refusal is worded in the reader's language without that cost per file.
from django.conf import settings  # noqa: E402
from django.utils import translation  # noqa: E402

from resguardo.ingest.base import damaged  # noqa: E402

for code, _name in settings.LANGUAGES:
    with translation.override(code):
        str(damaged().reason)
