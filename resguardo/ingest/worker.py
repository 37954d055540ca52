"""The child process of the sandbox: read one untrusted file, write its cleaned copy and an
answer (`answer.Answer`, or a refusal). Run only by `sandbox.run`, inside the limits it set."""

import errno
import resource
from pathlib import Path


def main(source: Path, target: Path, answer: Path, language: str) -> None:
    """Runs in the sandbox's child (sandbox._child has already set its limits)."""
    import django

    django.setup()
    from django.utils import translation
    from django.utils.translation import gettext as _

    from resguardo.ingest.answer import Answer, refusal_json
    from resguardo.ingest.base import Limits, Refused, damaged, out_of_memory
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
        written = Answer.of(extraction, removed=removed,
                            language=detect_language(extraction.text),
                            peak_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                            ).to_json()
    except Refused as refusal:
        written = refusal_json(refusal)
    except MemoryError:
        written = refusal_json(out_of_memory())
    except OSError as error:
        written = refusal_json(
            Refused(_("This file holds more than the library takes from one file."), "output")
            if error.errno == errno.EFBIG else damaged())
    except RecursionError:
        written = refusal_json(Refused(_(
            "This file is nested too deeply to be read. It may be damaged, or made to be too "
            "hard to read."), "damaged"))
    except Exception:  # noqa: BLE001 - any other failure of a parser on a hostile file
        written = refusal_json(damaged())
    answer.write_text(written, encoding="utf-8")
