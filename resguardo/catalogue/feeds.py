"""The Atom feed of new resources, one per interface language (/es/feeds/new.atom): its
words, its links and its `xml:lang` are the language of its address."""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue.models import Resource


class NewResources(Feed):
    feed_type = Atom1Feed
    title = _("Resguardo: new resources")
    subtitle = _("Resources on collective protection newly published in the library.")

    def link(self) -> str:
        return reverse("catalogue:catalogue")  # in the language the feed is asked in

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
