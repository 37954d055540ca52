from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from resguardo.search.services import mark_changed


class MarksChanges(admin.ModelAdmin):  # type: ignore[type-arg]
    """For models the public listings show (taxonomy, publishers, pages): a change moves the
    catalogue's version, so facets are rebuilt and kept pages forgotten at once."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        mark_changed()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        mark_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset)
        mark_changed()
