from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from resguardo.catalogue.models import Resource
from resguardo.pages.models import Page


class ResourceSitemap(Sitemap):
    limit = 5000

    def items(self) -> QuerySet[Resource]:
        return Resource.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Resource):  # type: ignore[no-untyped-def]
        return item.updated_at


class PageSitemap(Sitemap):
    def items(self) -> QuerySet[Page]:
        return Page.objects.published()

    def lastmod(self, item: Page):  # type: ignore[no-untyped-def]
        return item.updated_at


class StaticSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["catalogue:home", "catalogue:catalogue", "pages:index"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"static": StaticSitemap, "pages": PageSitemap, "resources": ResourceSitemap}
