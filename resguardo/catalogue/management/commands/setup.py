from django.core.management import call_command
from django.core.management.base import BaseCommand

from resguardo.catalogue.editors import role_groups
from resguardo.catalogue.models import Resource


class Command(BaseCommand):
    help = ("Prepare an install: migrate, create the Editors and Administrators groups, "
            "collect static files, and load the seed library when the catalogue is empty.")

    def handle(self, *args: object, **options: object) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        role_groups()
        call_command("collectstatic", interactive=False, verbosity=0)
        if not Resource.objects.exists():
            call_command("seed", stdout=self.stdout)
        self.stdout.write("Ready.")
