from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "resguardo.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from resguardo.catalogue import indexing
        from resguardo.search.services import REBUILDERS

        REBUILDERS["resources"] = indexing.rebuild
