from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from resguardo.lib.commands import TranslatedCommand
from resguardo.seeds.load import load


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Load the seed library (resources, organisations, knowledge pages); idempotent.")

    def handle(self, *args: object, **options: object) -> None:
        loaded = load()
        self.stdout.write(_(
            "Seed library: %(resources)s, %(organisations)s, %(pages)s and %(translations)s "
            "of them added.") % {
            "resources": ngettext("%(count)d resource", "%(count)d resources",
                                  loaded.resources) % {"count": loaded.resources},
            "organisations": ngettext("%(count)d organisation", "%(count)d organisations",
                                      loaded.organisations) % {"count": loaded.organisations},
            "pages": ngettext("%(count)d knowledge page", "%(count)d knowledge pages",
                              loaded.pages) % {"count": loaded.pages},
            "translations": ngettext("%(count)d translation", "%(count)d translations",
                                     loaded.translations) % {"count": loaded.translations}})
        if loaded.links:
            self.stdout.write(ngettext(
                "%(count)d resource loaded before got the link to its publisher's page.",
                "%(count)d resources loaded before got the link to their publisher's page.",
                loaded.links) % {"count": loaded.links})
