from django.core.management.base import BaseCommand

from resguardo.search.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index from the published resources."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"{rebuild_index()} resources indexed.")
