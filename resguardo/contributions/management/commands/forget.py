from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from resguardo.contact import services as contact
from resguardo.contributions import services as contributions


class Command(BaseCommand):
    help = ("Erase contributors' contact details RETENTION_DAYS after their proposal was "
            "decided, and delete contact messages archived that long ago. Run it daily "
            "(see README).")

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
