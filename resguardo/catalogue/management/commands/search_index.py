from django.utils.translation import gettext_lazy, ngettext

from resguardo.catalogue import indexing
from resguardo.lib.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy("Rebuild the search index from the published resources.")

    def handle(self, *args: object, **options: object) -> None:
        count = indexing.rebuild()
        self.stdout.write(ngettext("%(count)d resource indexed.", "%(count)d resources indexed.",
                                   count) % {"count": count})
