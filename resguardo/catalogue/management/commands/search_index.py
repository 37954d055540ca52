from django.utils.translation import gettext_lazy, ngettext

from resguardo.catalogue import indexing
from resguardo.lib.commands import TranslatedCommand
from resguardo.search.services import rebuild_kinds


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Rebuild the search index from the published resources and knowledge pages.")

    def handle(self, *args: object, **options: object) -> None:
        count = indexing.rebuild()
        self.stdout.write(ngettext("%(count)d resource indexed.", "%(count)d resources indexed.",
                                   count) % {"count": count})
        others = rebuild_kinds(but="resources")
        self.stdout.write(ngettext(
            "%(count)d knowledge page text, webinar or training indexed.",
            "%(count)d knowledge page texts, webinars and trainings indexed.",
            others) % {"count": others})
