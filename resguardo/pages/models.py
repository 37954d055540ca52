from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resguardo.catalogue.models import Language, Resource, reading_languages


class PageQuerySet(models.QuerySet["Page"]):
    def published(self) -> "PageQuerySet":
        return self.filter(is_published=True)

    def for_reader(self, *, body: bool = False) -> "PageQuerySet":
        """Each page with its translation into the active language at hand, for
        `Page.shown()`: one more query for the whole list. Bodies are read only if `body`."""
        rows = (PageTranslation.objects.filter(language_id__in=reading_languages())
                .select_related("language"))
        pages = self.select_related("language")
        if not body:
            rows, pages = rows.defer("body"), pages.defer("body")
        return pages.prefetch_related(Prefetch("translations", queryset=rows,
                                               to_attr="reader_translations"))


class Page(models.Model):
    """A knowledge page: what collective protection is, its elements, case studies. Its own
    title, summary and body are in `language`; other languages are PageTranslation rows."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, default="en", related_name="+",
        verbose_name=_("original language"),
        help_text=_("The language the title, summary and body below are written in."))
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

    def shown(self) -> "Shown":
        """What a reader in the active language is shown: the page in their language (its
        original or a translation), else the original, said so. Title, summary and body
        always come from one row, so a reader never gets a silent mix of languages."""
        codes = reading_languages()
        if self.language_id in codes:
            return Shown(self, self.language, in_reader_language=True)
        rows = getattr(self, "reader_translations", None)
        if rows is None:  # loaded without for_reader(): a query for this page alone
            rows = list(self.translations.filter(language_id__in=codes)
                        .select_related("language"))
        rows = sorted(rows, key=lambda row: codes.index(row.language_id))
        if rows:
            return Shown(rows[0], rows[0].language, in_reader_language=True)
        return Shown(self, self.language, in_reader_language=False)


@dataclass(frozen=True)
class Shown:
    """One row's text (the page itself or a translation) and its language."""

    row: "Page | PageTranslation"
    language: Language
    in_reader_language: bool

    @property
    def title(self) -> str:
        return self.row.title

    @property
    def summary(self) -> str:
        return self.row.summary

    @property
    def body(self) -> str:
        return self.row.body


class PageTranslation(models.Model):
    """A knowledge page in another language: a whole version (title, summary and body), so
    that readers get one language at a time."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translations",
                             verbose_name=_("knowledge page"))
    language = models.ForeignKey(Language, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("language"))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown. Raw HTML is shown as text."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["language_id"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(fields=["page", "language"],
                                               name="pages_translation_one_per_language")]

    def __str__(self) -> str:
        return self.title
