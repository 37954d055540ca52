from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "resguardo.events"
    verbose_name = _("Webinars and trainings")

    def ready(self) -> None:
        # The catalogue's search page shows the events a search finds; it cannot import us.
        from resguardo.catalogue.alongside import FINDERS
        from resguardo.events import indexing
        from resguardo.events.searching import found
        from resguardo.search.services import REBUILDERS

        FINDERS["events"] = found
        REBUILDERS[indexing.KIND] = indexing.rebuild
