import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexState(models.Model):
    """One row counting changes to the search index. Everything derived from the
    published catalogue (facet bitmaps, remembered results) is valid for one generation,
    so a worker checks one small row instead of scanning the catalogue."""

    generation = models.BigIntegerField(_("generation"), default=0)
    # Random, new at every change: results cached under it can never be taken for those
    # of another state, even after a restore rolls the generation back.
    token = models.UUIDField(_("token"), default=uuid.uuid4)

    class Meta:
        verbose_name = _("search index state")

    def __str__(self) -> str:
        return f"generation {self.generation}"
