import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Term(models.Model):
    """A value of one of the taxonomies editors curate (types, themes, audiences, regions)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ResourceType(Term):
    class Meta(Term.Meta):
        verbose_name = _("resource type")
        verbose_name_plural = _("resource types")


class Theme(Term):
    class Meta(Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Audience(Term):
    class Meta(Term.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class Region(Term):
    class Meta(Term.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Language(models.Model):
    """A language of the works (ISO 639-1, or 639-3 where no two-letter code exists)."""

    class Direction(models.TextChoices):
        LTR = "ltr", _("left to right")
        RTL = "rtl", _("right to left")

    code = models.CharField(_("code"), max_length=12, primary_key=True)
    name = models.CharField(_("English name"), max_length=100)
    native_name = models.CharField(_("native name"), max_length=100)
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, default=Direction.LTR
    )
    # A Snowball algorithm name (PyStemmer) and PostgreSQL text search configuration;
    # empty when neither has one, in which case words are matched unstemmed.
    stemmer = models.CharField(_("stemmer"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.native_name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> "ResourceQuerySet":
        return self.filter(status=Resource.Status.PUBLISHED)


class Resource(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    resource_type = models.ForeignKey(
        ResourceType, on_delete=models.PROTECT, related_name="resources",
        verbose_name=_("resource type"),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="resources",
                                    verbose_name=_("themes"))
    audiences = models.ManyToManyField(Audience, blank=True, related_name="resources",
                                       verbose_name=_("audiences"))
    regions = models.ManyToManyField(Region, blank=True, related_name="resources",
                                     verbose_name=_("regions"))
    countries = CountryField(_("countries"), multiple=True, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="resources",
                                       verbose_name=_("languages"))
    publishers = models.ManyToManyField(Organisation, blank=True, related_name="resources",
                                        verbose_name=_("publishers"))
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("curator rating"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 to 5, as the coalition's catalogue rates resources."),
    )
    url = models.URLField(_("external link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to="resources/", blank=True)
    file_format = models.CharField(_("file format"), max_length=20, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size in bytes"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    # Set by ingestion (resguardo/ingest): the stored copy is named by its own checksum;
    # the upload's checksum recognises the same bytes sent again.
    file_sha256 = models.CharField(_("SHA-256 of the stored file"), max_length=64, blank=True,
                                   editable=False, db_index=True)
    source_sha256 = models.CharField(_("SHA-256 of the file as uploaded"), max_length=64,
                                     blank=True, editable=False, db_index=True)
    file_facts = models.JSONField(
        _("facts found in the file"), default=dict, blank=True, editable=False,
        help_text=_("Title, author, date and language the file declares: offered to the "
                    "editor, never trusted."))
    has_text_layer = models.BooleanField(
        _("has a text layer"), default=True, editable=False,
        help_text=_("False for a scanned PDF: its pages are images without text."))
    extracted_at = models.DateTimeField(_("text extracted"), null=True, blank=True,
                                        editable=False)
    duration = models.DurationField(_("duration"), null=True, blank=True)
    full_text = models.TextField(_("full text"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    # Resources sharing this key are the same work in different languages.
    translation_key = models.UUIDField(_("work"), default=uuid.uuid4, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        # Serves "published, newest first" (feed, lists) and every filter on status alone.
        indexes = [models.Index(fields=["status", "-published_at", "-id"],
                                name="resource_published_newest")]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:resource", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def publish(self) -> None:
        self.status = self.Status.PUBLISHED
        self.published_at = self.published_at or timezone.now()

    def withdraw(self) -> None:
        self.status = self.Status.WITHDRAWN

    def join_work_of(self, other: "Resource") -> None:
        """Make this resource, and the versions already linked to it, versions of the same
        work as `other` (a work is the same in every language, so its versions go too)."""
        if other.translation_key == self.translation_key:
            return
        old, self.translation_key = self.translation_key, other.translation_key
        if self.pk is not None:
            Resource.objects.filter(translation_key=old).update(
                translation_key=other.translation_key, updated_at=timezone.now())

    def leave_work(self) -> None:
        """This resource is a work of its own; its former versions stay linked together."""
        self.translation_key = uuid.uuid4()

    def other_versions(self) -> list["Resource"]:
        # Looked up by the work's key alone: a work has few versions, and a status
        # condition would tempt SQLite into scanning every published resource instead.
        versions = (Resource.objects.filter(translation_key=self.translation_key)
                    .exclude(pk=self.pk).prefetch_related("languages"))
        return [v for v in versions if v.is_published]
