from django.utils.translation import gettext_lazy, ngettext

from resguardo.lib.commands import TranslatedCommand
from resguardo.search.services import rebuild_index


class Command(TranslatedCommand):
    help = gettext_lazy("Rebuild the search index from the published resources.")

    def handle(self, *args: object, **options: object) -> None:
        count = rebuild_index()
        self.stdout.write(ngettext("%(count)d resource indexed.", "%(count)d resources indexed.",
                                   count) % {"count": count})
