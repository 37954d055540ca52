import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resguardo.catalogue.models import (
    Audience,
    Language,
    Organisation,
    Region,
    Resource,
    ResourceType,
    Theme,
)
from resguardo.lib.admin import MarksChanges
from resguardo.search.services import remove_from_index, update_index

# Links typed without a scheme are taken as https (Django 6's default).
URL_FIELDS: "dict[type[models.Field[Any, Any]], dict[str, Any]]" = {
    models.URLField: {"assume_scheme": "https"}
}


class TermAdmin(MarksChanges):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]


for model in (ResourceType, Theme, Audience, Region):
    admin.site.register(model, TermAdmin)


@admin.register(Language)
class LanguageAdmin(MarksChanges):
    list_display = ["code", "name", "native_name", "direction", "stemmer"]
    search_fields = ["code", "name", "native_name"]


@admin.register(Organisation)
class OrganisationAdmin(MarksChanges):
    list_display = ["name", "website", "country"]
    formfield_overrides = URL_FIELDS
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "resource_type", "year", "status", "updated_at"]
    list_filter = ["status", "resource_type", "themes", "languages", "regions"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publishers", "languages"]
    filter_horizontal = ["themes", "audiences", "regions"]
    readonly_fields = ["created_at", "updated_at", "published_at"]
    actions = ["publish", "withdraw", "link_versions"]
    formfield_overrides = URL_FIELDS

    def save_model(self, request: HttpRequest, obj: Resource, form: object, change: bool
                   ) -> None:
        if obj.is_published:
            obj.publish()
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: object, formsets: object,
                     change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[arg-type]
        update_index([form.instance])  # type: ignore[attr-defined]

    def delete_model(self, request: HttpRequest, obj: Resource) -> None:
        remove_from_index([obj.pk])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        remove_from_index(list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)

    def _apply(self, request: HttpRequest, queryset: QuerySet[Resource],
               change: Callable[[Resource], None], message: Callable[[int], str]) -> None:
        resources = list(queryset)
        for resource in resources:
            change(resource)
            resource.save()
        update_index(resources)
        self.message_user(request, message(len(resources)), messages.SUCCESS)

    @admin.action(description=_("Publish the selected resources"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        self._apply(request, queryset, Resource.publish, lambda n: ngettext(
            "%d resource published.", "%d resources published.", n) % n)

    @admin.action(description=_("Withdraw the selected resources"), permissions=["change"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        self._apply(request, queryset, Resource.withdraw, lambda n: ngettext(
            "%d resource withdrawn.", "%d resources withdrawn.", n) % n)

    @admin.action(description=_("Mark the selected resources as one work in several languages"),
                  permissions=["change"])
    def link_versions(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        key = uuid.uuid4()
        count = 0
        for resource in queryset:
            resource.translation_key = key
            resource.save()
            count += 1
        self.message_user(request, ngettext("%d resource linked as one work.",
                                            "%d resources linked as one work.", count)
                          % count, messages.SUCCESS)
