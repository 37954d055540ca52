import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from resguardo.contact import services as contact
from resguardo.contributions import services as contributions
from resguardo.lib import scratch
from resguardo.lib.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Erase contributors' contact details RETENTION_DAYS after their proposal was "
        "decided, delete contact messages archived that long ago, and what stopped processes "
        "left in DATA_DIR/tmp. Run it daily (see README).")

    def handle(self, *args: Any, **options: Any) -> None:
        now, days = timezone.now(), settings.RETENTION_DAYS
        cleared = contributions.forget(now=now)
        self.stdout.write(ngettext(
            "Contact details erased from %(count)d proposal decided over %(days)d days ago.",
            "Contact details erased from %(count)d proposals decided over %(days)d days ago.",
            cleared) % {"count": cleared, "days": days})
        deleted = contact.forget(now=now)
        self.stdout.write(ngettext(
            "%(count)d message archived over %(days)d days ago deleted.",
            "%(count)d messages archived over %(days)d days ago deleted.",
            deleted) % {"count": deleted, "days": days})
        left = scratch.clear(now=time.time())
        self.stdout.write(ngettext(
            "%(count)d file or folder left in %(folder)s by a stopped process deleted.",
            "%(count)d files or folders left in %(folder)s by stopped processes deleted.",
            left) % {"count": left, "folder": Path(settings.DATA_DIR) / "tmp"})
