"""The child process of the sandbox: read one untrusted file, write its cleaned copy and an
answer. Run only by `sandbox.run`, inside the limits it set."""

import errno
import json
import resource
from pathlib import Path


def main(source: Path, target: Path, answer: Path, language: str) -> None:
    """Runs in the sandbox's child (sandbox._child has already set its limits)."""
    import django

    django.setup()
    from django.utils import translation
    from django.utils.translation import gettext as _

    from resguardo.ingest.base import Limits, Refused
    from resguardo.ingest.extractors import EXTRACTORS
    from resguardo.ingest.language import detect_language
    from resguardo.ingest.scrubbers import scrub
    from resguardo.ingest.sniff import detect

    translation.activate(language)
    limits = Limits()
    try:
        format = detect(source, limits)
        extraction = EXTRACTORS[format](source, limits)
        removed = scrub(source, format, target, limits)
        result = {"ok": True, "format": format, "text": extraction.text,
                  "pages": extraction.pages, "title": extraction.title[:500],
                  "author": extraction.author[:500], "date": extraction.date[:40],
                  "has_text_layer": extraction.has_text_layer, "notes": extraction.notes,
                  "language": detect_language(extraction.text), "removed": removed,
                  "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    except Refused as refusal:
        result = {"ok": False, "code": refusal.code, "reason": str(refusal.reason)}
    except MemoryError:
        result = {"ok": False, "code": "memory",
                  "reason": _("Reading this file needed more memory than allowed. It may be "
                              "damaged, or made to be too hard to read.")}
    except OSError as error:
        result = ({"ok": False, "code": "output",
                   "reason": _("This file holds more than the library takes from one file.")}
                  if error.errno == errno.EFBIG else
                  {"ok": False, "code": "damaged",
                   "reason": _("This file could not be read. It may be damaged.")})
    except RecursionError:
        result = {"ok": False, "code": "damaged",
                  "reason": _("This file is nested too deeply to be read. It may be damaged, "
                              "or made to be too hard to read.")}
    except Exception:  # noqa: BLE001 - any other failure of a parser on a hostile file
        result = {"ok": False, "code": "damaged",
                  "reason": _("This file could not be read. It may be damaged.")}
    # Not ASCII-escaped: escaping would make non-Latin text up to six times larger.
    answer.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
