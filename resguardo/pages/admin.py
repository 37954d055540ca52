from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from resguardo.pages import indexing
from resguardo.pages.models import Page, PageTranslation
from resguardo.search.admin import MarksChanges


class TranslationsFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        original = self.instance.language_id
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("language") and not data.get("DELETE") \
                    and data["language"].pk == original:
                form.add_error("language", _("The page itself is in this language: edit it "
                                             "above, or change its original language."))


class PageTranslationInline(admin.StackedInline):  # type: ignore[type-arg]
    """The whole page in another language. Readers in a language without one see the
    original, with a notice saying so."""

    model = PageTranslation
    formset = TranslationsFormSet
    extra = 0
    fields = ["language", "title", "summary", "body"]
    verbose_name = _("translation")
    verbose_name_plural = _("translations")

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any
                              ) -> Any:
        if db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Page)
class PageAdmin(MarksChanges):
    list_display = ["title", "language", "translated_into", "position", "is_published",
                    "updated_at"]
    list_editable = ["position", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body", "translations__title"]
    autocomplete_fields = ["resources"]
    inlines = [PageTranslationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Page]:
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("translated into"))
    def translated_into(self, obj: Page) -> str:
        return ", ".join(sorted(t.language_id for t in obj.translations.all())) or "—"

    # The search index is written once the page and its translations are: the inline
    # translations are saved after the page (save_related), on the change form and on the
    # list's editable columns alike.
    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        indexing.rebuild()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        indexing.rebuild()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset)
        indexing.rebuild()
