from django.contrib import admin

from resguardo.lib.admin import MarksChanges
from resguardo.pages.models import Page


@admin.register(Page)
class PageAdmin(MarksChanges):
    list_display = ["title", "position", "is_published", "updated_at"]
    list_editable = ["position", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body"]
    autocomplete_fields = ["resources"]
