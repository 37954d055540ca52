from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation


class InLanguage(Sitemap):
    """One section per interface language, so each lists its addresses (/es/...) lazily,
    a page at a time (Django's own i18n option reads every item to pair it with each
    language)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def location(self, item: Any) -> str:
        with translation.override(self.language):
            return item.get_absolute_url() if hasattr(item, "get_absolute_url") \
                else reverse(item)
