from django.core.management.base import BaseCommand

from resguardo.seeds.load import load


class Command(BaseCommand):
    help = "Load the seed library (resources, organisations, knowledge pages); idempotent."

    def handle(self, *args: object, **options: object) -> None:
        loaded = load()
        self.stdout.write(
            f"Seed library: {loaded.resources} resources, {loaded.organisations} "
            f"organisations, {loaded.pages} knowledge pages and {loaded.translations} "
            f"translations of them added."
        )
