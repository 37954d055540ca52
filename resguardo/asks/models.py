"""What readers ask the editors for: a copy of a resource the library has none of, a
resource in their language, or a transcript of a recording. Only counts are kept.

A row is a resource, the kind of ask and (for a language ask) the language: nothing about
who asked, and no time. A date, even a day, beside a count of one would say when a reader
on that page tapped; a count says only how many did. Repeated taps from one browser are
counted once a day (the keyed hash of its address, in the cache only: `services.ask`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue.models import Resource


class Ask(models.Model):
    class Kind(models.TextChoices):
        COPY = "copy", _("a copy")
        LANGUAGE = "language", _("in a language")
        TRANSCRIPT = "transcript", _("a transcript")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="asks",
                                 verbose_name=_("resource"))
    kind = models.CharField(_("asked for"), max_length=16, choices=Kind.choices)
    # The code of the interface language the reader asked in; empty for a copy.
    language = models.CharField(_("language"), max_length=12, blank=True)
    count = models.PositiveIntegerField(_("times asked"), default=0)

    class Meta:
        ordering = ["-count", "pk"]
        verbose_name = _("ask")
        verbose_name_plural = _("asks")
        constraints = [models.UniqueConstraint(fields=["resource", "kind", "language"],
                                               name="asks_one_count_each")]

    def __str__(self) -> str:
        return f"{self.resource}: {self.get_kind_display()} {self.language}".strip()
