from django.core.management import call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resguardo.accounts.roles import role_groups
from resguardo.catalogue.models import Resource
from resguardo.lib.commands import TranslatedCommand
from resguardo.server import gettext_catalogues


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Prepare an install: migrate, create the Editors and Administrators groups, collect "
        "static files, gather Django's own strings in the variants our languages use "
        "(Brazilian Portuguese), and load the seed library when the catalogue is empty.")

    def handle(self, *args: object, **options: object) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        role_groups()
        call_command("collectstatic", interactive=False, verbosity=0)
        gettext_catalogues.write_variants()
        if not Resource.objects.exists():
            call_command("seed", stdout=self.stdout)
        self.stdout.write(_("Ready."))
