from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue.models import Resource


class NewResources(Feed):
    feed_type = Atom1Feed
    title = _("Resguardo: new resources")
    subtitle = _("Resources on collective protection newly published in the library.")
    link = "/catalogue/"

    def items(self) -> QuerySet[Resource]:
        return (Resource.objects.published().with_terms("resource_type")
                .order_by("-published_at", "-id")[:50])

    def item_title(self, item: Resource) -> str:
        return item.title

    def item_description(self, item: Resource) -> str:
        return item.summary or item.resource_type.label

    def item_pubdate(self, item: Resource):  # type: ignore[no-untyped-def]
        return item.published_at

    def item_updateddate(self, item: Resource):  # type: ignore[no-untyped-def]
        return item.updated_at
