"""Proposals from people without an account, and the record of what editors decided.

A proposal holds a draft resource (the catalogue's own record, so editors edit it with the
resource form they know) and what only the proposal knows: the contributor's answer about
risk, the permission they give, an optional way to reach them, and the status a reference
code reveals. The code itself is never stored: only its SHA-256, so the database alone
cannot tell anyone which proposal is whose.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue.models import Resource


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def with_code(self, code: str) -> "ProposalQuerySet":
        return self.filter(reference_hash=code_hash(code))


class Proposal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("proposal", "pending")
        PUBLISHED = "published", pgettext_lazy("proposal", "published")
        DECLINED = "declined", pgettext_lazy("proposal", "declined")

    class Risk(models.TextChoices):
        NO = "no", _("No")
        YES = "yes", _("Yes")
        UNSURE = "unsure", _("I am not sure")

    resource = models.OneToOneField(Resource, on_delete=models.PROTECT,
                                    related_name="proposal", verbose_name=_("resource"))
    reference_hash = models.CharField(_("reference code (hashed)"), max_length=64,
                                      unique=True, editable=False)
    risk = models.CharField(
        _("shows people, places or community names that could put anyone at risk"),
        max_length=10, choices=Risk.choices)
    risk_details = models.TextField(_("what could put someone at risk"), blank=True,
                                    max_length=2000)
    permission = models.TextField(_("licence or permission"), max_length=2000)
    publisher = models.CharField(_("publisher as proposed"), max_length=300, blank=True)
    contact = models.TextField(_("how to reach the contributor"), blank=True, max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING, db_index=True)
    reason = models.TextField(_("reason given to the contributor"), blank=True,
                              max_length=2000)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.resource.title

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class AuditEntry(models.Model):
    """One editor's decision: who, what, when. Never an address."""

    class Action(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("editor did", "approved")
        DECLINED = "declined", pgettext_lazy("editor did", "declined")

    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("editor"))
    editor_name = models.CharField(_("editor's account"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    proposal = models.ForeignKey(Proposal, on_delete=models.SET_NULL, null=True,
                                 related_name="audit", verbose_name=_("proposal"))
    title = models.CharField(_("title at the time"), max_length=500)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")

    def __str__(self) -> str:
        return gettext("%(editor)s %(action)s “%(title)s”") % {
            "editor": self.editor_name, "action": self.get_action_display(), "title": self.title}
