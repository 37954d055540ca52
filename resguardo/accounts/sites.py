"""The editors' area, `/editors/`: Django's admin for staff who signed in with a password and
a code from their authenticator app, superusers included."""

from django.contrib import admin
from django.http import HttpRequest

from resguardo.accounts.forms import SignInForm


class StaffSite(admin.AdminSite):
    login_form = SignInForm
    login_template = "accounts/sign_in.html"

    def has_permission(self, request: HttpRequest) -> bool:
        # Set by django_otp's OTPMiddleware; without it nobody is verified.
        is_verified = getattr(request.user, "is_verified", None)
        return bool(super().has_permission(request) and is_verified and is_verified())
