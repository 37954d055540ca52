from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resguardo.catalogue.models import Resource


class PageQuerySet(models.QuerySet["Page"]):
    def published(self) -> "PageQuerySet":
        return self.filter(is_published=True)


class Page(models.Model):
    """A knowledge page: what collective protection is, its elements, case studies."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown. Raw HTML is shown as text."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_published = models.BooleanField(pgettext_lazy("knowledge page", "published"), default=True)
    resources = models.ManyToManyField(Resource, blank=True, related_name="pages",
                                       verbose_name=_("related resources"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("knowledge page")
        verbose_name_plural = _("knowledge pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pages:page", args=[self.slug])
