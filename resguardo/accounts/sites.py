"""The editors' area, `/editors/`: Django's admin for staff who signed in with a password and
a code from their authenticator app, superusers included."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from resguardo.accounts.forms import SignInForm


class StaffSite(admin.AdminSite):
    login_form = SignInForm
    login_template = "accounts/sign_in.html"

    @property  # type: ignore[override]
    def site_header(self) -> str:  # Django's default says "Django administration"
        return _("%(site)s: editorial team") % {"site": settings.SITE_NAME}

    @property  # type: ignore[override]
    def site_title(self) -> str:
        return self.site_header

    def has_permission(self, request: HttpRequest) -> bool:
        # Set by django_otp's OTPMiddleware; without it nobody is verified.
        is_verified = getattr(request.user, "is_verified", None)
        return bool(super().has_permission(request) and is_verified and is_verified())
