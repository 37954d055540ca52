from dataclasses import dataclass
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass
class Report:
    """What an export wrote: the figures a deployer checks before carrying it away."""

    path: Path
    pages: int  # HTML pages
    files: int  # everything else: stylesheets, plain texts, stored files
    languages: list[str]  # the interface languages the copy holds, by code
    total_bytes: int  # the files, uncompressed
    zip_bytes: int
    seconds: float

    def lines(self) -> list[str]:
        return [
            _("Offline copy written to %(path)s") % {"path": self.path},
            ngettext("%(count)d page", "%(count)d pages", self.pages) % {"count": self.pages},
            ngettext("%(count)d other file (stylesheets, plain texts, stored files)",
                     "%(count)d other files (stylesheets, plain texts, stored files)",
                     self.files) % {"count": self.files},
            ngettext("In %(count)d language: %(codes)s", "In %(count)d languages: %(codes)s",
                     len(self.languages)) % {"count": len(self.languages),
                                             "codes": ", ".join(self.languages)},
            _("%(size)s in all, %(size_zipped)s as a zip") % {
                "size": _size(self.total_bytes), "size_zipped": _size(self.zip_bytes)},
            _("Took %(seconds).1f seconds") % {"seconds": self.seconds},
        ]


def _size(count: int) -> str:
    # filesizeformat keeps number and unit together with a no-break space: fine in a page,
    # surprising in a terminal or a log.
    return f"{filesizeformat(count)} ({count} bytes)".replace("\xa0", " ")
