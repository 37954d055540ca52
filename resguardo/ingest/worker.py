"""The child process of the sandbox: read one untrusted file, write its cleaned copy and an
answer. Run only by `sandbox.run` (python -I -m resguardo.ingest.worker SOURCE TARGET ANSWER
LANGUAGE), inside the limits the parent set."""

import errno
import json
import sys
from pathlib import Path
from typing import Any


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if event.startswith(("socket.", "urllib.Request", "http.client.connect")):
        raise PermissionError(f"no network while reading a file ({event})")


def main(source: Path, target: Path, answer: Path, language: str) -> None:
    sys.addaudithook(_refuse_network)  # before any library is imported
    import django

    django.setup()
    from django.utils import translation
    from django.utils.translation import gettext as _

    from resguardo.ingest.base import Limits, Refused
    from resguardo.ingest.extractors import EXTRACTORS
    from resguardo.ingest.language import detect_language
    from resguardo.ingest.scrub import scrub
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
                  "language": detect_language(extraction.text), "removed": removed}
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
    answer.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])
