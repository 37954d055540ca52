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


class Word(models.Model):
    """A word of the indexed titles, summaries and publishers, as readers type it: the
    vocabulary a search that finds nothing takes a spelling suggestion from
    (search.vocabulary). Words are added as documents are indexed and forgotten only when
    their kind of document is rebuilt, so a suggestion is checked before it is shown."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=60)  # folded: what a typed word is compared with
    spelled = models.CharField(max_length=60)  # lower case, with its accents

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"],
                                               name="search_word_one_per_kind")]
        indexes = [models.Index(fields=["key"], name="search_word_key")]

    def __str__(self) -> str:
        return self.spelled
