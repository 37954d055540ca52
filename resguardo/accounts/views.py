from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from resguardo.accounts import authenticators, qr
from resguardo.accounts.forms import CodeForm, PasswordCheckForm, StaffPasswordResetForm
from resguardo.accounts.throttle import SIGN_IN_PER_CLIENT, account_refused
from resguardo.lib.ratelimit import Limit, allow, limit_posts, too_many

# The session remembers whose password an enrolment has checked (a device's id), so the
# key is shown only to the one who typed it.
PASSWORD_CHECKED = "accounts.enrolment.checked"
BACKEND = "django.contrib.auth.backends.ModelBackend"
RESET_PER_CLIENT = Limit("password-reset-client", 10, 60 * 60)
# Any address, known or not, so that the limit tells nothing either.
RESET_PER_ADDRESS = Limit("password-reset-address", 3, 60 * 60)


def _page(request: HttpRequest, template: str, title: str, status: int = 200,
          **context: Any) -> HttpResponse:
    """A page in the admin's look."""
    return render(request, template, {**admin.site.each_context(request), "title": title,
                                      **context}, status=status)


@limit_posts(SIGN_IN_PER_CLIENT)
def enrol(request: HttpRequest, token: str) -> HttpResponseBase:
    """An enrolment link: the account's password (or a first one), then the key and its
    QR code, then a first code to confirm the authenticator; that signs the editor in."""
    device = authenticators.pending(token)
    if device is None:
        return _page(request, "accounts/enrol_invalid.html", _("Enrolment link"), status=404)
    if request.method == "POST" and (
            refused := account_refused(request, device.user.get_username())):
        return refused  # the same counts as the sign-in form's: a password is tried here too
    if request.session.get(PASSWORD_CHECKED) != device.persistent_id:
        return _check_password(request, device)
    return _confirm_code(request, device)


def _check_password(request: HttpRequest, device: TOTPDevice) -> HttpResponseBase:
    user = device.user
    form_class = PasswordCheckForm if user.has_usable_password() else SetPasswordForm
    form = form_class(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session[PASSWORD_CHECKED] = device.persistent_id
        return redirect(request.path)
    return _page(request, "accounts/enrol.html", _("Set up your authenticator app"),
                 form=form, account=user.get_username(), step="password")


def _confirm_code(request: HttpRequest, device: TOTPDevice) -> HttpResponseBase:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if authenticators.confirm(device, form.cleaned_data["code"]):
            del request.session[PASSWORD_CHECKED]
            login(request, device.user, backend=BACKEND)  # a new session key
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up. From now on, sign "
                                        "in with your password and the code it shows."))
            return redirect("admin:index")
        form.add_error("code", _("That code does not match. Check that the app shows this "
                                 "account, and type the code it shows now."))
    return _page(request, "accounts/enrol.html", _("Set up your authenticator app"),
                 form=form, account=device.user.get_username(), step="code",
                 key=authenticators.grouped_key(device),
                 qr=qr.svg(device.config_url, label=_("QR code of the key")))


class PasswordResetView(auth_views.PasswordResetView):
    """The same page, and as fast, whether the address is a staff account's or not."""

    form_class = StaffPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form: Any) -> HttpResponse:
        if not allow(RESET_PER_ADDRESS, form.cleaned_data["email"].strip().casefold()):
            return too_many(self.request, RESET_PER_ADDRESS)
        self.extra_email_context = {"site_name": settings.SITE_NAME,
                                    "sign_in": reverse("editors-login")}
        return super().form_valid(form)


password_reset = limit_posts(RESET_PER_CLIENT)(PasswordResetView.as_view())
