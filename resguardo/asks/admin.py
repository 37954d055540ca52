from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from resguardo.asks import services
from resguardo.asks.models import Ask


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    """Counts readers made: editors read them, and may delete one once answered."""

    list_display = ["resource", "kind", "language", "count"]
    list_filter = ["kind", "language"]
    search_fields = ["resource__title"]
    list_select_related = ["resource"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [path("most/", wrap(self.most_asked_view), name="asks_ask_most"),
                *super().get_urls()]

    def index_pages(self, request: HttpRequest) -> list[dict[str, Any]]:
        """Listed beside the asks in the admin's index and sidebar (StaffSite)."""
        if not self.has_view_permission(request):
            return []
        return [{"model": Ask, "name": _("Most asked for"), "object_name": "MostAsked",
                 "perms": {"view": True}, "view_only": True, "add_url": None,
                 "admin_url": reverse("admin:asks_ask_most")}]

    def most_asked_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(request, "admin/asks/most_asked.html", {
            **self.admin_site.each_context(request), "opts": self.opts,
            "title": _("Most asked for"), "resources": services.most_asked(),
            "languages": services.languages_asked(),
        })
