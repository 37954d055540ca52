from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from resguardo.contributions import services


class Command(BaseCommand):
    help = ("Erase contributors' contact details RETENTION_DAYS after their proposal was "
            "decided. Run it daily (see README).")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        cleared = services.forget(now=now)
        self.stdout.write(ngettext(
            "Contact details erased from %(count)d proposal decided over %(days)d days ago.",
            "Contact details erased from %(count)d proposals decided over %(days)d days ago.",
            cleared) % {"count": cleared, "days": settings.RETENTION_DAYS})
