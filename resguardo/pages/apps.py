from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "resguardo.pages"
    verbose_name = _("Knowledge pages")

    def ready(self) -> None:
        # The catalogue's search page shows the pages a search finds; it cannot import us.
        from resguardo.catalogue.alongside import FINDERS
        from resguardo.pages import indexing
        from resguardo.pages.searching import found
        from resguardo.search.services import REBUILDERS

        FINDERS["pages"] = found
        REBUILDERS[indexing.KIND] = indexing.rebuild
