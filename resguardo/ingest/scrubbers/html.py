"""HTML: identifying `<meta>` and comments are named in the log, then the page is rebuilt
from an allow-list (`markup.sanitize_html`), which leaves out what acts or fetches. Pictures
written into the page (`data:`) are cleaned of their metadata, or go."""

from pathlib import Path

from django.utils.translation import gettext as _

from resguardo.ingest import sniff
from resguardo.ingest.base import Limits
from resguardo.ingest.scrubbers import images, markup


def scrub(source: Path, target: Path, limits: Limits) -> list[str]:
    data, found = markup.clean_html(markup.read_page(source, limits))
    text = sniff.decode(data)
    pictures = images.DataPictures()
    document, acting = markup.sanitize_html(
        text if text is not None else data.decode("utf-8", "replace"), pictures)
    target.write_bytes(document.encode())
    log = [_("HTML metadata: %(names)s") % {"names": ", ".join(sorted(found))}] if found else []
    if acting:
        log.append(_("HTML scripts and remote content: %(names)s")
                   % {"names": markup.labels(acting)})
    return log + pictures.log()
