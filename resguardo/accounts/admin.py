from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from resguardo.accounts import authenticators

# django-otp's own admin lets an administrator add a device with a key of their choosing
# and read it back; here an authenticator comes only from its owner's enrolment, and an
# administrator sees whether one is set up and may remove it (a lost phone).
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "confirmed", "created_at", "last_used_at",
                    "throttling_failure_count"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at",
              "throttling_failure_count"]
    readonly_fields = ["user", "confirmed", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ["username", "email", "is_staff", "is_superuser", "is_active",
                    "authenticator"]
    actions = ["make_enrolment_links"]

    def get_queryset(self, request: HttpRequest) -> "QuerySet[User]":
        return super().get_queryset(request).annotate(has_authenticator=Exists(
            TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))

    @admin.display(boolean=True, description=_("Authenticator"))
    def authenticator(self, user: User) -> bool:
        return bool(getattr(user, "has_authenticator", False))

    @admin.action(permissions=["change"],
                  description=_("Make enrolment links for an authenticator app"))
    def make_enrolment_links(self, request: HttpRequest, queryset: "QuerySet[User]") -> Any:
        links, skipped = [], []
        for user in queryset.order_by("username"):
            if not (user.is_staff and user.is_active) or authenticators.has_authenticator(user):
                skipped.append(user)
                continue
            token = authenticators.start_enrolment(user)
            links.append((user, request.build_absolute_uri(
                reverse("accounts:enrol", args=[token]))))
        return TemplateResponse(request, "accounts/enrolment_links.html", {
            **self.admin_site.each_context(request), "title": _("Enrolment links"),
            "links": links, "skipped": skipped, "opts": self.model._meta,
            "hours": settings.ENROLMENT_HOURS,
        })
