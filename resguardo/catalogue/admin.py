from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from resguardo.catalogue import indexing, light, services, transcripts, world_languages
from resguardo.catalogue.browse import page_url
from resguardo.catalogue.coverage import coverage
from resguardo.catalogue.models import (
    TAXONOMIES,
    Audience,
    AudienceTranslation,
    Language,
    Organisation,
    Region,
    RegionTranslation,
    Resource,
    ResourceType,
    ResourceTypeTranslation,
    Strategy,
    StrategyTranslation,
    Term,
    TermTranslation,
    Theme,
    ThemeTranslation,
)
from resguardo.ingest.base import Refused
from resguardo.ingest.services import Ingested
from resguardo.search.admin import MarksChanges

# A contributor's proposal is published or declined from the proposal (one action each,
# in the audit log), never by changing its draft's status here.
AWAITING = {"proposal__status": "pending"}
DECLINED = {"proposal__status": "declined"}  # stays unpublished: the contributor was told

# Links typed without a scheme are taken as https (Django 6's default).
URL_FIELDS: "dict[type[models.Field[Any, Any]], dict[str, Any]]" = {
    models.URLField: {"assume_scheme": "https"}
}


class TermTranslationInline(admin.TabularInline):  # type: ignore[type-arg]
    """The term's name in other languages, one row each; a language without a row shows
    the term's own name."""

    extra = 1
    fields = ["language", "name", "description"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class TermAdmin(MarksChanges):
    list_display = ["name", "slug", "position", "languages"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description", "translations__name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("translated into"))
    def languages(self, obj: Term) -> str:
        codes = [t.language_id for t in obj.translations.all()]  # type: ignore[attr-defined]
        return ", ".join(sorted(codes)) or "—"


TRANSLATIONS: dict[type[Term], type[TermTranslation]] = {
    ResourceType: ResourceTypeTranslation, Theme: ThemeTranslation,
    Audience: AudienceTranslation, Region: RegionTranslation}

for term_model, translation_model in TRANSLATIONS.items():
    inline = type(f"{term_model.__name__}TranslationInline", (TermTranslationInline,),
                  {"model": translation_model})
    admin.site.register(term_model, TermAdmin, inlines=[inline])


class StrategyTranslationInline(TermTranslationInline):
    model = StrategyTranslation
    fields = ["language", "name", "description", "examples"]


@admin.register(Strategy)
class StrategyAdmin(TermAdmin):
    """The coalition's strategies: each in a theme, and either what works or what is
    needed (the catalogue's "What works / What is needed" facet)."""

    list_display = ["name", "group", "theme", "position", "languages"]
    list_filter = ["group", "theme"]
    fields = ["name", "slug", "group", "theme", "description", "examples", "position"]
    inlines = [StrategyTranslationInline]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest,
                                 **kwargs: Any) -> Any:
        if db_field.name == "theme":  # named in the editor's language
            kwargs["queryset"] = Theme.objects.localized()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LanguageForm(forms.ModelForm):  # type: ignore[type-arg]
    """A language is added by its code: any living language of ISO 639-3, its names
    filled in from there unless the editor writes them."""

    class Meta:
        model = Language
        fields = ["code", "name", "native_name", "direction", "stemmer"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name", "native_name"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Left empty, the ISO 639-3 name.")

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().lower()
        world = world_languages.get(code)
        adding = self.instance._state.adding
        if adding and world is None:
            raise forms.ValidationError(
                _("“%(code)s” is not the ISO 639 code of a living language.") % {"code": code})
        if adding and world is not None and world.code != code:
            raise forms.ValidationError(_("Give its shortest ISO code: “%(code)s”.")
                                        % {"code": world.code})
        self.world = world
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        world = getattr(self, "world", None)
        for name in ("name", "native_name"):
            if not cleaned.get(name):
                if world is None:
                    self.add_error(name, forms.Field.default_error_messages["required"])
                else:
                    cleaned[name] = world.name
        return cleaned


@admin.register(Language)
class LanguageAdmin(MarksChanges):
    form = LanguageForm
    list_display = ["code", "name", "native_name", "direction", "stemmer"]
    search_fields = ["code", "name", "native_name"]


@admin.register(Organisation)
class OrganisationAdmin(MarksChanges):
    list_display = ["name", "website", "country"]
    formfield_overrides = URL_FIELDS
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


def _url_field(field: "models.Field[Any, Any]", **kwargs: Any) -> Any:
    """Links typed without a scheme are taken as https (see URL_FIELDS)."""
    overrides = URL_FIELDS.get(type(field), {})
    return field.formfield(**overrides, **kwargs)


def work_label(resource: Resource) -> str:
    """A resource as editors pick it among versions: its title and languages."""
    languages = ", ".join(lang.native_name for lang in resource.languages.all())
    return f"{resource.title} ({languages})" if languages else resource.title


class WorkChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return work_label(obj)


class WorkWidget(AutocompleteSelect):
    """The admin's search-as-you-type select, over resources by title, answered by
    ResourceAdmin.works_view: no model field leads from a resource to another, which is what
    Django's own autocomplete needs."""

    def __init__(self) -> None:
        super().__init__(field=None, admin_site=admin.site)

    def get_url(self) -> str:
        return reverse("admin:catalogue_resource_works")

    def build_attrs(self, base_attrs: Any, extra_attrs: Any = None) -> dict[str, Any]:
        attrs: dict[str, Any] = forms.Select.build_attrs(self, base_attrs, extra_attrs)
        attrs.update({
            "data-ajax--cache": "true", "data-ajax--delay": 250, "data-ajax--type": "GET",
            "data-ajax--url": self.get_url(), "data-theme": "admin-autocomplete",
            "data-allow-clear": "true", "data-placeholder": "", "lang": self.i18n_name,  # type: ignore[attr-defined]
            "class": (attrs.get("class", "") + " admin-autocomplete").strip(),
        })
        return attrs

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> Any:
        chosen = [v for v in value if v]
        options = [self.create_option(name, "", "---------", False, 0)]  # as Django's selects
        for index, resource in enumerate(Resource.objects.filter(pk__in=chosen)
                                         .prefetch_related("languages"), start=1):
            options.append(self.create_option(name, str(resource.pk), work_label(resource),
                                              True, index))
        return [(None, options, 0)]


class ResourceForm(forms.ModelForm):  # type: ignore[type-arg]
    """A file reaches a resource only through ingestion: read in the sandbox, cleaned of
    identifying metadata, stored under its checksum. The stored copy is never edited here."""

    upload = forms.FileField(
        label=_("Upload a file"), required=False,
        help_text=_("PDF, Word, OpenDocument, EPUB, HTML, Markdown or plain text, or a "
                    "recording (MP3, AAC/M4A, Ogg, Opus, FLAC, WAV, AMR, 3GP, MP4, WebM, "
                    "MOV). A document's text, pages and language fill the record; "
                    "identifying metadata (authors, editing history, GPS in images and "
                    "recordings) is removed before it is stored."))
    transcript = forms.FileField(
        label=_("Transcript or subtitles"), required=False,
        help_text=_("Plain text, SRT or WebVTT, saved as UTF-8 (5 MB at most). It becomes the "
                    "resource’s text version: read as light text, downloaded as .txt and "
                    "found by search. Subtitles also give the player its captions. Most "
                    "useful for a recording."))
    remove_transcript = forms.BooleanField(
        required=False, label=_("Remove the transcript"),
        help_text=_("Tick to take the text version and the captions away."))
    same_work_as = WorkChoiceField(
        Resource.objects.all(), required=False, widget=WorkWidget(),
        label=_("Same work as"),
        help_text=_("If this resource is a translation of another one (or the other one is "
                    "its translation), choose it here by typing part of its title. Each "
                    "page then lists the other under “In other languages”. Versions already "
                    "linked to this resource come along."))
    # Not required: a form that leaves it out (a script's, an older page's) means the work.
    link_kind = forms.TypedChoiceField(
        choices=Resource.LinkKind.choices, required=False, initial=Resource.LinkKind.WORK,
        empty_value=Resource.LinkKind.WORK,
        label=capfirst(Resource._meta.get_field("link_kind").verbose_name))
    separate_work = forms.BooleanField(
        required=False, label=_("Not the same work as its versions"),
        help_text=_("Tick to unlink this resource from the versions listed above; they stay "
                    "linked to one another."))

    class Meta:
        model = Resource
        formfield_callback = _url_field
        # The work's key is set through "Same work as", never typed.
        exclude = ["file", "translation_key"]  # noqa: DJ006 - the rest is the editor's

    def clean_same_work_as(self) -> Resource | None:
        other: Resource | None = self.cleaned_data.get("same_work_as")
        if other is not None and other.pk == self.instance.pk:
            raise forms.ValidationError(_("Choose another resource: this one is itself."))
        return other

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("same_work_as") and cleaned.get("separate_work"):
            self.add_error("separate_work", _("Either link this resource to another work or "
                                              "unlink it, not both."))
        self.read_transcript = self._read_transcript(cleaned)
        upload = cleaned.get("upload")
        self.ingested: Ingested | None = None
        if upload and self.errors:
            # Read and stored only with a record to keep it: otherwise it would be a file
            # no resource points to, and the form cannot send the file back anyway.
            self.add_error("upload", _("Choose the file again once the other fields are "
                                       "corrected: it is read only with a record to keep."))
        elif upload:
            try:
                self.ingested = services.ingest_file(upload, for_resource=self.instance)
            except Refused as refusal:
                self.add_error("upload", forms.ValidationError(str(refusal.reason),
                                                               code=refusal.code))
        return cleaned

    def _read_transcript(self, cleaned: dict[str, Any]) -> transcripts.Transcript | None:
        given = cleaned.get("transcript")
        if given and cleaned.get("remove_transcript"):
            self.add_error("remove_transcript", _("Either give a transcript or remove it, "
                                                  "not both."))
        elif given and self.errors:  # the browser will not send the file back
            self.add_error("transcript", _("Choose the transcript again once the other "
                                           "fields are corrected."))
        elif given:
            try:
                return transcripts.read(given)
            except Refused as refusal:
                self.add_error("transcript", forms.ValidationError(str(refusal.reason),
                                                                   code=refusal.code))
        return None


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "resource_type", "year", "status", "updated_at"]
    list_filter = ["status", "resource_type", "themes", "strategies", "languages", "regions"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publishers", "languages"]
    filter_horizontal = ["themes", "strategies", "audiences", "regions"]
    readonly_fields = ["created_at", "updated_at", "published_at", "stored_file",
                       "file_facts_shown", "light_versions", "has_text_layer", "extracted_at",
                       "versions"]
    actions = ["publish", "withdraw", "link_versions"]
    formfield_overrides = URL_FIELDS
    form = ResourceForm

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest,
                                 **kwargs: Any) -> Any:
        if db_field.name in TAXONOMIES:  # named in the editor's language
            kwargs["queryset"] = TAXONOMIES[db_field.name].objects.localized()  # type: ignore[attr-defined]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest,
                                 **kwargs: Any) -> Any:
        if db_field.name in TAXONOMIES:
            kwargs["queryset"] = TAXONOMIES[db_field.name].objects.localized()  # type: ignore[attr-defined]
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("in other languages"))
    def versions(self, obj: Resource) -> str:
        others = (Resource.objects.filter(translation_key=obj.translation_key)
                  .exclude(pk=obj.pk).order_by("pk").prefetch_related("languages"))
        if obj.pk is None or not others:
            return "—"
        return format_html_join(", ", '<a href="{}">{}</a>{}', (
            (reverse("admin:catalogue_resource_change", args=[v.pk]), work_label(v),
             "" if v.is_published else f" ({v.get_status_display()})") for v in others))

    def get_fields(self, request: HttpRequest, obj: Resource | None = None) -> Any:
        # The work's fields beside the languages, where an editor thinks of them; the
        # transcript beside the full text it replaces.
        work = ["versions", "same_work_as", "separate_work"]
        transcript = ["transcript", "remove_transcript"]
        fields = [f for f in super().get_fields(request, obj) if f not in work + transcript]
        at = fields.index("languages") + 1 if "languages" in fields else len(fields)
        fields = [*fields[:at], *work, *fields[at:]]
        at = fields.index("full_text") + 1 if "full_text" in fields else len(fields)
        return [*fields[:at], *transcript, *fields[at:]]

    @admin.display(description=_("stored file"))
    def stored_file(self, obj: Resource) -> str:
        if not obj.file:
            return "—"
        return f"{obj.file.name} ({obj.file_format}, {filesizeformat(obj.file_size or 0)})"

    @admin.display(description=_("facts found in the file"))
    def file_facts_shown(self, obj: Resource) -> str:
        facts = obj.file_facts or {}
        labels = {"title": _("title"), "author": _("author"), "date": _("date"),
                  "language": _("language"), "pages": _("pages")}
        shown = [pgettext("label: value", "%(label)s: %(value)s")
                 % {"label": label, "value": facts[key]}
                 for key, label in labels.items() if facts.get(key)]
        return "; ".join(shown) or "—"

    @admin.display(description=_("light versions"))
    def light_versions(self, obj: Resource) -> str:
        """For a recording: its light versions, or the state of the job making them."""
        state = light.state(obj) if obj.pk else light.NONE
        if state == light.NONE:
            return "—"
        made = "; ".join(f"{v.get_kind_display()} ({v.format}, {filesizeformat(v.size)})"
                         for v in light.versions(obj))
        if state == light.FAILED:
            return _("The job failed: %(reason)s") % {"reason": light.failure(obj)}
        return made if state == light.READY else str(_("Being made by the background worker."))

    def save_model(self, request: HttpRequest, obj: Resource, form: object, change: bool
                   ) -> None:
        cleaned = getattr(form, "cleaned_data", {})
        if cleaned.get("same_work_as"):
            obj.join_work_of(cleaned["same_work_as"])
        elif cleaned.get("separate_work"):
            obj.leave_work()
        ingested = getattr(form, "ingested", None)
        # The form's many-to-many fields are saved with the record (not by save_related):
        # the language read from the file comes after them.
        services.update_resource(resource=obj, ingested=ingested, fields={
            name: value for name, value in cleaned.items() if name in services.MANY_TO_MANY})
        if ingested is not None:
            self._report(request, ingested)
        self._save_transcript(request, obj, form)

    def _save_transcript(self, request: HttpRequest, obj: Resource, form: object) -> None:
        # After the file: a transcript given with a new file is the text version, not the
        # text read from the file.
        transcript: transcripts.Transcript | None = getattr(form, "read_transcript", None)
        if transcript is not None:
            services.set_transcript(resource=obj, transcript=transcript)
            self.message_user(request, _(
                "The transcript was read and is now the text version; its timings are the "
                "player’s captions.") if transcript.captions else _(
                "The transcript was read and is now the text version."), messages.INFO)
        elif getattr(form, "cleaned_data", {}).get("remove_transcript"):
            services.remove_transcript(resource=obj)
            self.message_user(request, _("The transcript and captions were removed."),
                              messages.INFO)

    def _report(self, request: HttpRequest, ingested: Ingested) -> None:
        words = len(ingested.text.split())
        counts = [ngettext("%(count)s word", "%(count)s words", words) % {"count": words}]
        if ingested.media is not None:  # a recording: its length, not its (empty) text
            seconds = round(float(ingested.media.get("duration") or 0))  # type: ignore[arg-type]
            counts = [ngettext("a recording of %(count)s second",
                               "a recording of %(count)s seconds", seconds) % {"count": seconds}]
        if ingested.pages:
            counts.insert(0, ngettext("%(count)s page", "%(count)s pages", ingested.pages)
                          % {"count": ingested.pages})
        self.message_user(request, _(
            "The file was read: %(counts)s, language “%(language)s”. "
            "The file itself says: title “%(title)s”, author “%(author)s”, date “%(date)s” "
            "(not copied into the record).") % {
                "counts": ", ".join(counts), "language": ingested.language or "?",
                "title": ingested.title or "—", "author": ingested.author or "—",
                "date": ingested.date or "—"},
            messages.INFO)
        if ingested.removed:
            self.message_user(request, _("Removed from the stored copy: %(what)s.")
                              % {"what": "; ".join(ingested.removed)}, messages.INFO)
        if not ingested.has_text_layer:
            self.message_user(request, _(
                "This PDF has no text layer: its pages are images (a scan). Readers cannot "
                "search it or read it as light text until a text version is added."),
                messages.WARNING)

    def save_related(self, request: HttpRequest, form: object, formsets: Any,
                     change: bool) -> None:
        # The form's own many-to-many fields went with the record (save_model).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("works/", wrap(self.works_view), name="catalogue_resource_works"),
            path("coverage/", wrap(self.coverage_view), name="catalogue_resource_coverage"),
            *super().get_urls(),
        ]

    def index_pages(self, request: HttpRequest) -> list[dict[str, Any]]:
        """Listed beside the resources in the admin's index and sidebar (StaffSite)."""
        if not self.has_view_permission(request):
            return []
        return [{"model": Resource, "name": _("Language coverage"), "object_name": "Coverage",
                 "perms": {"view": True}, "view_only": True, "add_url": None,
                 "admin_url": reverse("admin:catalogue_resource_coverage")}]

    def works_view(self, request: HttpRequest) -> JsonResponse:
        """What "Same work as" offers as an editor types: resources whose title has the
        words, 20 at a time, as Django's autocomplete reads them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        found = Resource.objects.order_by("title", "pk").prefetch_related("languages")
        for word in str(request.GET.get("term", "")).split()[:8]:
            found = found.filter(title__icontains=word)
        asked = request.GET.get("page", "")
        page = max(1, int(asked)) if asked.isdecimal() and len(asked) < 5 else 1
        shown = list(found[(page - 1) * 20:page * 20 + 1])
        return JsonResponse({
            "results": [{"id": str(r.pk), "text": work_label(r)} for r in shown[:20]],
            "pagination": {"more": len(shown) > 20},
        })

    def coverage_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        code = request.GET.get("missing", "")
        missing = Language.objects.filter(code=code).first() if code else None
        result = coverage(missing=missing, page=request.GET.get("page"))
        page = result.page
        return TemplateResponse(request, "admin/catalogue/coverage.html", {
            **self.admin_site.each_context(request), "opts": self.opts,
            "title": _("Language coverage"), "coverage": result,
            "languages": [c.language for c in result.columns if c.language],
            "previous_url": page_url(request.GET, page.previous_page_number()
                                     if page.has_previous() else None),
            "next_url": page_url(request.GET, page.next_page_number()
                                 if page.has_next() else None),
        })

    def delete_model(self, request: HttpRequest, obj: Resource) -> None:
        indexing.forget([obj.pk])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        indexing.forget(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)

    def get_readonly_fields(self, request: HttpRequest, obj: Resource | None = None
                            ) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and Resource.objects.filter(
                pk=obj.pk, proposal__status__in=["pending", "declined"]).exists():
            fields.append("status")  # decided from the proposal, with the audit log
        return fields

    def _apply(self, request: HttpRequest, queryset: QuerySet[Resource],
               change: Callable[..., list[Resource]], message: Callable[[int], str]) -> None:
        waiting = queryset.filter(**AWAITING).count()
        if waiting:
            self.message_user(request, ngettext(
                "%d resource is a proposal awaiting a decision: approve or decline it under "
                "Proposals.",
                "%d resources are proposals awaiting a decision: approve or decline them "
                "under Proposals.", waiting) % waiting, messages.WARNING)
        declined = queryset.filter(**DECLINED).count()
        if declined:
            self.message_user(request, ngettext(
                "%d resource is a declined proposal: it stays unpublished.",
                "%d resources are declined proposals: they stay unpublished.",
                declined) % declined, messages.WARNING)
        changed = change(resources=queryset.exclude(**AWAITING).exclude(**DECLINED))
        self.message_user(request, message(len(changed)), messages.SUCCESS)

    @admin.action(description=_("Publish the selected resources"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        self._apply(request, queryset, services.publish, lambda n: ngettext(
            "%d resource published.", "%d resources published.", n) % n)

    @admin.action(description=_("Withdraw the selected resources"), permissions=["change"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        self._apply(request, queryset, services.withdraw, lambda n: ngettext(
            "%d resource withdrawn.", "%d resources withdrawn.", n) % n)

    @admin.action(description=_("Mark the selected resources as one work in several languages"),
                  permissions=["change"])
    def link_versions(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        # As "Same work as" does: the versions already linked to a selected one come along.
        resources = list(queryset.order_by("pk"))
        services.link_versions(resources=resources)
        count = len(resources)
        self.message_user(request, ngettext("%d resource linked as one work.",
                                            "%d resources linked as one work.", count)
                          % count, messages.SUCCESS)
