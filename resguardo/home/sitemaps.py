from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from resguardo.catalogue.models import Theme
from resguardo.catalogue.sitemaps import ResourceSitemap
from resguardo.lib.sitemaps import InLanguage
from resguardo.pages.sitemaps import PageSitemap


class StaticSitemap(InLanguage):
    def items(self) -> list[str]:
        return ["home", "catalogue:catalogue", "pages:index", "events:index"]


class ThemeSitemap(InLanguage):
    def items(self) -> QuerySet[Theme]:
        return Theme.objects.order_by("position", "pk")

    def location(self, item: Theme) -> str:
        with translation.override(self.language):
            return reverse("theme", args=[item.slug])


SITEMAPS = {f"{name}-{code}": kind(code) for code, _name in settings.LANGUAGES
            for name, kind in (("static", StaticSitemap), ("pages", PageSitemap),
                               ("themes", ThemeSitemap), ("resources", ResourceSitemap))}
