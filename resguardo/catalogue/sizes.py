"""What a download costs a reader on a slow link, in words."""

import math

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A 2G (EDGE) link as the people this library serves often have it.
SLOW_LINK_BITS_PER_SECOND = 50_000


def transfer_seconds(size: int, bits_per_second: int = SLOW_LINK_BITS_PER_SECOND) -> float:
    return size * 8 / bits_per_second


def transfer_time(size: int) -> str:
    """'about 3 minutes': how long `size` bytes take at 2G speed."""
    seconds = transfer_seconds(size)
    if seconds < 1:
        return _("under a second")
    if seconds < 90:
        n = math.ceil(seconds)
        return ngettext("about %(n)d second", "about %(n)d seconds", n) % {"n": n}
    if seconds < 90 * 60:
        n = round(seconds / 60)
        return ngettext("about %(n)d minute", "about %(n)d minutes", n) % {"n": n}
    n = round(seconds / 3600)
    return ngettext("about %(n)d hour", "about %(n)d hours", n) % {"n": n}


def human_size(size: int) -> str:
    return str(filesizeformat(size))
