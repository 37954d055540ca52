from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from resguardo.events import indexing
from resguardo.events.models import Event
from resguardo.events.zones import choices, time_zones, wall_clock
from resguardo.search.admin import MarksChanges

WHEN = ("starts_at", "ends_at")


class WallClockField(forms.SplitDateTimeField):
    """A date and a time as clocks show them where the event happens: left naive here, and
    placed in the event's time zone by the form (not in the server's, as Django would)."""

    widget = forms.SplitDateTimeWidget(date_format="%Y-%m-%d", time_format="%H:%M",
                                       date_attrs={"type": "date"},
                                       time_attrs={"type": "time"})

    def compress(self, data_list: tuple[date, time] | None) -> datetime | None:
        if not data_list:
            return None
        day, clock = data_list
        if day in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if clock in self.empty_values:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        return datetime.combine(day, clock)


def _formfield(field: "models.Field[Any, Any]", **kwargs: Any) -> Any:
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")  # a link typed without one (Django 6's)
    return field.formfield(**kwargs)


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    starts_at = WallClockField(label=_("Starts"), help_text=_("Date and time in the event’s "
                                                             "time zone."))
    ends_at = WallClockField(label=_("Ends"), help_text=_("Date and time in the event’s "
                                                         "time zone."))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=choices,
                                  help_text=Event._meta.get_field("time_zone").help_text)

    class Meta:
        model = Event
        formfield_callback = _formfield
        fields = "__all__"  # noqa: DJ007 - every field is the editor's to edit

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # shown as the event's own clocks show them
            zone = self.instance.zone
            for name in WHEN:
                self.initial[name] = getattr(self.instance, name).astimezone(zone).replace(
                    tzinfo=None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name = cleaned.get("time_zone")
        if name not in time_zones():
            return cleaned  # the time zone field says what is wrong
        zone = ZoneInfo(name)
        for field in WHEN:
            if (naive := cleaned.get(field)) is not None:
                try:
                    cleaned[field] = wall_clock(naive, zone)
                except ValueError:
                    self.add_error(field, _(
                        "There is no %(time)s on that day in %(zone)s: the clocks go forward "
                        "then. Choose a time an hour later.") % {
                        "time": naive.strftime("%H:%M"), "zone": name})
        return cleaned


@admin.register(Event)
class EventAdmin(MarksChanges):
    form = EventForm
    list_display = ["title", "when", "format", "language", "status"]
    list_filter = ["status", "format", "language"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["resources"]
    date_hierarchy = "starts_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "description", "language", "format"]}),
        (_("When"), {"fields": ["time_zone", "starts_at", "ends_at"]}),
        (_("How to join"), {"fields": ["join_url", "join_details"]}),
        (_("Afterwards"), {"fields": ["resources"]}),
    ]

    # The search index follows each save: a published event is found, a draft no more.
    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        assert isinstance(obj, Event)
        indexing.index([obj])

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        indexing.forget([obj.pk])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        indexing.forget(list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)

    @admin.display(description=_("starts"), ordering="starts_at")
    def when(self, event: Event) -> str:
        local = event.starts_at.astimezone(event.zone)
        return f"{local:%Y-%m-%d %H:%M} ({event.zone_name})"
