"""The editors' inbox. What the sender wrote is shown, never edited, and isolated so that
markup or right-to-left override characters in it cannot disguise the page around it."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resguardo.contact.models import Message

EMPTY = "—"


def _isolated(text: str) -> SafeString:
    return format_html("<bdi>{}</bdi>", text) if text else SafeString(EMPTY)


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "status", "subject_shown", "name_shown", "language_shown",
                    "status_changed_at"]
    list_display_links = ["created_at", "subject_shown"]
    list_filter = ["status", "language"]
    search_fields = ["name", "reply_to", "subject", "body"]
    ordering = ["-created_at", "-id"]
    actions = ["mark_answered", "archive"]
    fields = ["status", "status_changed_at", "created_at", "language_shown", "name_shown",
              "reply_to_shown", "subject_shown", "body_shown"]
    readonly_fields = ["status_changed_at", "created_at", "language_shown", "name_shown",
                       "reply_to_shown", "subject_shown", "body_shown"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # messages come from the contact form only

    @admin.display(description=_("name"))
    def name_shown(self, obj: Message) -> SafeString:
        return _isolated(obj.name)

    @admin.display(description=_("how to reply"))
    def reply_to_shown(self, obj: Message) -> SafeString:
        return _isolated(obj.reply_to)

    @admin.display(description=_("subject"))
    def subject_shown(self, obj: Message) -> SafeString:
        return _isolated(obj.subject or Truncator(obj.body).chars(80))

    @admin.display(description=_("message"))
    def body_shown(self, obj: Message) -> SafeString:
        return format_html('<div dir="auto">{}</div>', linebreaksbr(obj.body, autoescape=True))

    @admin.display(description=_("language of the form"), ordering="language")
    def language_shown(self, obj: Message) -> str:
        try:
            return str(translation.get_language_info(obj.language)["name_local"])
        except KeyError:
            return obj.language

    def save_model(self, request: HttpRequest, obj: Message, form: Any, change: bool) -> None:
        if "status" in form.changed_data:
            obj.status_changed_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark the selected messages as answered"),
                  permissions=["change"])
    def mark_answered(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        n = queryset.move_to(Message.Status.ANSWERED, now=timezone.now())  # type: ignore[attr-defined]
        self.message_user(request, ngettext("%d message marked as answered.",
                                            "%d messages marked as answered.", n) % n,
                          messages.SUCCESS)

    @admin.action(description=_("Archive the selected messages"), permissions=["change"])
    def archive(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        n = queryset.move_to(Message.Status.ARCHIVED, now=timezone.now())  # type: ignore[attr-defined]
        self.message_user(request, ngettext("%d message archived.", "%d messages archived.",
                                            n) % n, messages.SUCCESS)
