from django.conf import settings

from resguardo.catalogue.sitemaps import ResourceSitemap
from resguardo.lib.sitemaps import InLanguage
from resguardo.pages.sitemaps import PageSitemap


class StaticSitemap(InLanguage):
    def items(self) -> list[str]:
        return ["home", "catalogue:catalogue", "pages:index", "events:index"]


SITEMAPS = {f"{name}-{code}": kind(code) for code, _name in settings.LANGUAGES
            for name, kind in (("static", StaticSitemap), ("pages", PageSitemap),
                               ("resources", ResourceSitemap))}
