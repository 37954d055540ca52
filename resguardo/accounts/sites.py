"""The editors' area, `/editors/`: Django's admin for staff who signed in with a password and
a code from their authenticator app, superusers included."""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from resguardo.accounts.forms import SignInForm


class StaffSite(admin.AdminSite):
    login_form = SignInForm
    login_template = "accounts/sign_in.html"

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        # Django's default heading says "Django administration".
        context = super().each_context(request)
        context["site_header"] = context["site_title"] = _(
            "%(site)s: editorial team") % {"site": settings.SITE_NAME}
        return context

    def has_permission(self, request: HttpRequest) -> bool:
        # Set by django_otp's OTPMiddleware; without it nobody is verified.
        is_verified = getattr(request.user, "is_verified", None)
        return bool(super().has_permission(request) and is_verified and is_verified())

    def get_app_list(self, request: HttpRequest, app_label: str | None = None
                     ) -> list[dict[str, Any]]:
        """Django's apps and models, plus the pages a model's admin lists beside its own in
        the index and the sidebar (`index_pages`: the language coverage of the catalogue)."""
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            pages = [page for entry in app["models"]
                     for page in getattr(self._registry.get(entry["model"]), "index_pages",
                                         lambda request: [])(request)]
            app["models"] = sorted([*app["models"], *pages], key=lambda m: str(m["name"]))
        return app_list
