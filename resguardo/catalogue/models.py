import uuid
from functools import lru_cache
from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, OuterRef, Prefetch, Subquery, When
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


def reading_languages(language: str | None = None) -> list[str]:
    """The codes of the Language rows that hold text in `language` (the active one unless
    given), best first: "pt-br" is served by "pt-br", then by "pt"."""
    code = (language or get_language() or settings.LANGUAGE_CODE).lower()
    base = code.split("-")[0]
    return [code] if base == code else [code, base]


def preferred(codes: list[str]) -> Case:
    """An ordering that puts the rows of `codes[0]` first (see reading_languages)."""
    return Case(*[When(language_id=c, then=i) for i, c in enumerate(codes)],
                default=len(codes))


@lru_cache(maxsize=32)
def _resource_prefix(language: str, script_prefix: str, urlconf: object) -> str:
    """A resource page's address before its slug in the active language ("/es/resources/"),
    under the active script prefix and URLconf (what reverse() reads besides them)."""
    marker = "slug-marker"
    return reverse("catalogue:resource", args=[marker]).removesuffix(marker + "/")


class TermQuerySet(models.QuerySet[Any]):
    def localized(self, language: str | None = None) -> Self:
        """Each term with its name in `language` (the active one unless given) at hand, in
        the same query: a subquery on the translations' unique (term, language) index, so
        a listing costs one query per taxonomy whatever the number of terms."""
        codes = reading_languages(language)
        model = self.model._meta.get_field("translations").related_model
        rows = model._default_manager.filter(term=OuterRef("pk"), language_id__in=codes)
        if len(codes) > 1:
            rows = rows.order_by(preferred(codes))
        return self.annotate(translated_name=Subquery(rows.values("name")[:1]))


class Term(models.Model):
    """A value of one of the taxonomies editors curate (types, themes, audiences, regions).

    `name` and `description` are the term's own, in English; they are also the words of the
    CSV import and export. Other languages are TermTranslation rows, added as data."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = TermQuerySet.as_manager()
    # Set by TermQuerySet.localized(): None where the language has no row.
    translated_name: str | None

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        # Never a query: admin lists and logs call it once per row.
        return getattr(self, "translated_name", None) or self.name

    def _row(self) -> tuple[str, str] | None:
        """The name and description of the active language's row, if it has one."""
        codes = reading_languages()
        return (self.translations.filter(language_id__in=codes)  # type: ignore[attr-defined, no-any-return]
                .order_by(preferred(codes)).values_list("name", "description").first())

    @property
    def label(self) -> str:
        """The name readers see: in the active language, else the term's own. Load lists
        with TermQuerySet.localized(): otherwise this is a query per term."""
        if hasattr(self, "translated_name"):
            return self.translated_name or self.name
        row = self._row()
        return row[0] if row else self.name

    @property
    def label_description(self) -> str:
        """The description that goes with `label` (from the same row): a query."""
        row = self._row()
        return row[1] if row else self.description


class ResourceType(Term):
    class Meta(Term.Meta):
        verbose_name = _("resource type")
        verbose_name_plural = _("resource types")


class Theme(Term):
    class Meta(Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class StrategyQuerySet(TermQuerySet):
    def localized(self, language: str | None = None) -> Self:
        """As TermQuerySet.localized, with the description and examples of the same row."""
        codes = reading_languages(language)
        rows = StrategyTranslation.objects.filter(term=OuterRef("pk"), language_id__in=codes)
        if len(codes) > 1:
            rows = rows.order_by(preferred(codes))
        return super().localized(language).annotate(
            translated_description=Subquery(rows.values("description")[:1]),
            translated_examples=Subquery(rows.values("examples")[:1]))


class Strategy(Term):
    """What a community does to protect itself, as the coalition classified its interviews:
    a strategy that worked, or one communities seek support with. It belongs to a theme."""

    class Group(models.TextChoices):
        WORKS = "works", _("What works")
        NEEDED = "needed", _("What is needed")

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="strategies",
                              verbose_name=_("theme"))
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    examples = models.TextField(_("examples"), blank=True,
                                help_text=_("Where communities did it, or what they ask for."))

    objects = StrategyQuerySet.as_manager()  # type: ignore[misc]  # Term.objects, widened

    class Meta(Term.Meta):
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    @property
    def label_description(self) -> str:
        """The description from the row `label` comes from: without a query when loaded
        with StrategyQuerySet.localized()."""
        if not hasattr(self, "translated_name"):
            return super().label_description
        return (getattr(self, "translated_description", "") or "" if self.translated_name
                else self.description)

    @property
    def label_examples(self) -> str:
        """The examples from the same row (load with StrategyQuerySet.localized())."""
        if getattr(self, "translated_name", None):
            return getattr(self, "translated_examples", "") or ""
        return self.examples


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


class TermTranslation(models.Model):
    """A term's name and description in one language. Each taxonomy has its own table
    (the `term` foreign key differs); adding a language is adding rows, never columns."""

    language = models.ForeignKey(Language, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("language"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True
        ordering = ["language_id"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(
            fields=["term", "language"], name="%(app_label)s_%(class)s_one_per_language")]

    def __str__(self) -> str:
        return self.name


class ResourceTypeTranslation(TermTranslation):
    term = models.ForeignKey(ResourceType, on_delete=models.CASCADE,
                             related_name="translations", verbose_name=_("resource type"))


class ThemeTranslation(TermTranslation):
    term = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="translations",
                             verbose_name=_("theme"))


class StrategyTranslation(TermTranslation):
    term = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="translations",
                             verbose_name=_("strategy"))
    examples = models.TextField(_("examples"), blank=True)


class AudienceTranslation(TermTranslation):
    term = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="translations",
                             verbose_name=_("audience"))


class RegionTranslation(TermTranslation):
    term = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="translations",
                             verbose_name=_("region"))


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


# Resource's taxonomy fields and the model of their terms.
TAXONOMIES: dict[str, type[Term]] = {"resource_type": ResourceType, "themes": Theme,
                                     "audiences": Audience, "regions": Region,
                                     "strategies": Strategy}


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> "ResourceQuerySet":
        return self.filter(status=Resource.Status.PUBLISHED)

    def with_terms(self, *fields: str) -> "ResourceQuerySet":
        """Prefetch the taxonomy `fields` (all of them unless named) with their names in the
        active language: one query per field for the whole list (instead of a join for the
        type, which cannot carry the translation)."""
        return self.prefetch_related(*term_prefetches(*fields))


def term_prefetches(*fields: str) -> list[Prefetch]:  # type: ignore[type-arg]
    """Prefetches of a resource's taxonomy `fields` (all unless named), localized."""
    return [Prefetch(name, queryset=TAXONOMIES[name].objects.localized())  # type: ignore[attr-defined]
            for name in fields or TAXONOMIES]


class Resource(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("resource", "draft")
        PUBLISHED = "published", pgettext_lazy("resource", "published")
        WITHDRAWN = "withdrawn", pgettext_lazy("resource", "withdrawn")

    class LinkKind(models.TextChoices):
        WORK = "work", _("the work itself")
        PAGE = "page", _("its page on the publisher’s site")

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
    strategies = models.ManyToManyField(Strategy, blank=True, related_name="resources",
                                        verbose_name=_("strategies"))
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
    # A page about the work is no copy of it: the resource page says which it is, and
    # still offers readers to ask the editors for a copy.
    link_kind = models.CharField(
        _("the external link leads to"), max_length=4, choices=LinkKind.choices,
        default=LinkKind.WORK)
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
    # A recording's text version is its transcript: given by an editor or a contributor, it
    # is the full text (read, searched, downloaded as .txt like a document's).
    full_text = models.TextField(_("full text"), blank=True)
    # The transcript's timings, when it came as subtitles (SRT or WebVTT): the player's
    # captions, always as WebVTT.
    captions = models.TextField(_("captions (WebVTT)"), blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    # Resources sharing this key are the same work in different languages.
    translation_key = models.UUIDField(_("work"), default=uuid.uuid4, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    published_at = models.DateTimeField(pgettext_lazy("date", "published"), null=True,
                                        blank=True, db_index=True)

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
        # A listing names twenty resources: a prefix per language instead of a reverse()
        # each (about 50 µs).
        return _resource_prefix(get_language() or "", get_script_prefix(),
                                get_urlconf() or settings.ROOT_URLCONF) + self.slug + "/"

    @property
    def stars(self) -> str:
        """The rating as the coalition's catalogue shows it, out of 5 ("★★★★☆")."""
        return "★" * self.rating + "☆" * (5 - self.rating) if self.rating else ""

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def recording(self) -> dict[str, Any]:
        """What ingestion found of a recording's stream ({"kind": "audio" or "video",
        "duration" in seconds, "channels", "bit_rate", "width", "height"}, and "kbits",
        the bit rate in kbit/s); empty for a document or no file."""
        found = (self.file_facts or {}).get("media")
        if not isinstance(found, dict):
            return {}
        return {**found, "kbits": round((found.get("bit_rate") or 0) / 1000)}

    def get_captions_url(self) -> str:
        """Where the player's `<track kind="captions">` reads the captions (WebVTT); only
        a published resource with captions answers there (views._published annotates
        `has_captions` without loading them)."""
        return reverse("catalogue:captions", args=[self.slug])

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

    def strategies_by_group(self) -> list[tuple[str, list[Strategy]]]:
        """(group's label, strategies) for each group it has strategies in, what works
        first. Prefetch "strategies" for a list: otherwise a query."""
        return [(str(label), found) for value, label in Strategy.Group.choices
                if (found := [s for s in self.strategies.all() if s.group == value])]

    def other_versions(self) -> list["Resource"]:
        # Looked up by the work's key alone: a work has few versions, and a status
        # condition would tempt SQLite into scanning every published resource instead.
        versions = (Resource.objects.filter(translation_key=self.translation_key)
                    .exclude(pk=self.pk).prefetch_related("languages"))
        return [v for v in versions if v.is_published]


class LightVersion(models.Model):
    """A lighter copy of a resource's recording, made by the background worker from the
    stored (cleaned) file: a speech-grade Opus for audio, a small video and its sound alone
    for a video. It belongs to the file it was made from (`made_from`, that file's
    checksum): a new file makes it stale, and new ones are made."""

    class Kind(models.TextChoices):
        AUDIO = "audio", _("light audio")
        VIDEO = "video", _("small video")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE,
                                 related_name="light_versions", verbose_name=_("resource"))
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="light/")
    format = models.CharField(_("format"), max_length=20)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    made_from = models.CharField(_("SHA-256 of the file it was made from"), max_length=64)
    bit_rate = models.PositiveIntegerField(_("bit rate (bit/s)"), null=True, blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    made_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        ordering = ["size"]  # lightest first
        verbose_name = _("light version")
        verbose_name_plural = _("light versions")
        constraints = [models.UniqueConstraint(fields=["resource", "kind"],
                                               name="catalogue_one_light_version_per_kind")]

    def __str__(self) -> str:
        return f"{self.resource}: {self.get_kind_display()}"
