import uuid
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resguardo.catalogue.models import Language, Resource
from resguardo.events.zones import offset_label, validate_time_zone

# Addresses under /trainings/ that are not events.
RESERVED_SLUGS = frozenset({"past", "calendar"})


def validate_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is taken by a page of the site; choose another."),
                              code="reserved", params={"slug": slug})


def default_time_zone() -> str:
    return settings.TIME_ZONE


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> "EventQuerySet":
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self, now: datetime) -> "EventQuerySet":
        """Not over yet (those on now included), the soonest first."""
        return self.filter(ends_at__gt=now).order_by("starts_at", "pk")

    def past(self, now: datetime) -> "EventQuerySet":
        """Over, the latest first."""
        return self.filter(ends_at__lte=now).order_by("-starts_at", "-pk")


class Event(models.Model):
    """A webinar or training: announced with how to join, then linked to its recording and
    materials (resources of the catalogue)."""

    class Format(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in-person", _("in person")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("event", "draft")
        PUBLISHED = "published", pgettext_lazy("event", "published")

    # The iCalendar UID: calendars that imported the event recognise it after any edit.
    uid = models.UUIDField(_("calendar ID"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, validators=[validate_slug])
    description = models.TextField(_("description"), max_length=4000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Where the organisers are, or most participants: its clocks give the "
                    "start and end."))
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="events",
                                 verbose_name=_("language"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices,
                              default=Format.ONLINE)
    join_url = models.URLField(
        _("link to join or register"), max_length=1000, blank=True,
        help_text=_("Shown until the event ends, then taken off the page."))
    join_details = models.TextField(
        _("place or how to join"), max_length=1000, blank=True,
        help_text=_("The address of an in-person event, or a phone number, a code, who to "
                    "write to. Shown until the event ends."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT)
    resources = models.ManyToManyField(
        Resource, blank=True, related_name="events", verbose_name=_("recording and materials"),
        help_text=_("Resources of the catalogue: the recording, slides, guides used."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("webinar or training")
        verbose_name_plural = _("webinars and trainings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.slug])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})
        if self.format == self.Format.IN_PERSON and not self.join_details.strip():
            raise ValidationError({"join_details": _(
                "Say where an in-person event takes place.")})

    def get_ics_url(self) -> str:
        return reverse("events:event-ics", args=[self.slug])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def zone_name(self) -> str:
        return self.time_zone.replace("_", " ")

    @property
    def utc_offset(self) -> str:
        """The zone's offset when the event starts."""
        return offset_label(self.starts_at.astimezone(self.zone).utcoffset())

    @property
    def join_host(self) -> str:
        return urlsplit(self.join_url).hostname or ""

    @property
    def on_one_day(self) -> bool:
        zone = self.zone
        return self.starts_at.astimezone(zone).date() == self.ends_at.astimezone(zone).date()

    def is_over(self, now: datetime) -> bool:
        return self.ends_at <= now

    def is_on(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at
