from django.db.models import QuerySet

from resguardo.lib.sitemaps import InLanguage
from resguardo.pages.models import Page


class PageSitemap(InLanguage):
    def items(self) -> QuerySet[Page]:
        return Page.objects.published()

    def lastmod(self, item: Page):  # type: ignore[no-untyped-def]
        return item.updated_at
