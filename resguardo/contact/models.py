"""A message sent through the contact form: what the sender chose to write, and nothing
else about them (no address, no browser, no account)."""

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Long enough for a detailed account of a situation, short enough that nobody stores a
# document in the inbox (documents go through a proposal).
BODY_MAX = 10_000


class MessageQuerySet(models.QuerySet["Message"]):
    def move_to(self, status: str, *, now: datetime) -> int:
        """Give these messages `status`, noting when; those already there keep their time
        (archiving twice does not put off the day an archived message is deleted)."""
        return self.exclude(status=status).update(status=status, status_changed_at=now)

    def archived_before(self, moment: datetime) -> "MessageQuerySet":
        return self.filter(status=Message.Status.ARCHIVED, status_changed_at__lt=moment)


class Message(models.Model):
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("message", "new")
        ANSWERED = "answered", pgettext_lazy("message", "answered")
        ARCHIVED = "archived", pgettext_lazy("message", "archived")

    name = models.CharField(_("name"), max_length=200, blank=True)
    reply_to = models.CharField(_("how to reply"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"), max_length=BODY_MAX)
    language = models.CharField(_("language of the form"), max_length=15)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NEW)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        # The inbox lists newest first within a status; retention looks up archived ones
        # by the time they were archived.
        indexes = [models.Index(fields=["status", "-created_at"]),
                   models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        # Never what the sender wrote: the admin copies this into its log of changes,
        # which the retention of messages does not reach.
        return _("Message %(number)s") % {"number": self.pk}
