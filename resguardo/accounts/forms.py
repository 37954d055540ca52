import logging
import threading
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from resguardo.accounts.authenticators import verified_device

log = logging.getLogger(__name__)
CODE_DIGITS = 6


class CodeInput(forms.TextInput):
    """Never shown again once sent: a code works once, and a new one is due anyway."""

    def format_value(self, value: Any) -> None:
        return None


class CodeField(forms.CharField):
    """The 6 digits an authenticator app shows; spaces are allowed and dropped."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Code"))
        kwargs.setdefault("help_text", _("The 6 digits your authenticator app shows now."))
        super().__init__(max_length=12, widget=CodeInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "size": 8,
        }), **kwargs)

    def clean(self, value: Any) -> str:
        code = "".join(str(super().clean(value)).split())
        if not (code.isascii() and code.isdigit() and len(code) == CODE_DIGITS):
            raise ValidationError(_("Enter the 6 digits your authenticator app shows."),
                                  code="code")
        return code


class SignInForm(AdminAuthenticationForm):
    """Username, password and code in one form, with one answer for every way of getting
    them wrong: an unknown account, a wrong password, a wrong, reused or throttled code,
    an account without an authenticator or not staff. Django's ModelBackend hashes the
    password for unknown accounts too, so they cost the same time.

    The code is checked only once the password is right: someone without the password
    cannot make an account's authenticator wait out failed codes."""

    code = CodeField()
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "The username, password and code do not match a staff account. Check all "
            "three and try again with a new code."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        code = self.cleaned_data.get("code")
        if username is None or not password or not code:
            return self.cleaned_data  # a field's own error says what is missing
        user = authenticate(self.request, username=username, password=password)
        device = None
        if user is not None and user.is_active and user.is_staff:
            device = verified_device(user, code)
        if user is None or device is None:
            raise self.get_invalid_login_error()
        # django_otp keeps the device in the session when Django's login() runs.
        user.otp_device = device  # type: ignore[attr-defined]
        self.user_cache = user
        return self.cleaned_data


class PasswordCheckForm(forms.Form):
    """The first step of an enrolment: the account's password, so that the link alone
    never shows the authenticator's key."""

    password = forms.CharField(label=_("Your password"), strip=False,
                               widget=forms.PasswordInput(attrs={
                                   "autocomplete": "current-password"}))

    def __init__(self, user: AbstractBaseUser, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not this account's password."), code="password")
        return str(password)

    def save(self) -> AbstractBaseUser:
        return self.user


class CodeForm(forms.Form):
    code = CodeField(help_text=_("The 6 digits your authenticator app shows for this "
                                 "account after you added it."))


MAIL_THREAD = "password-reset-mail"


class StaffPasswordResetForm(PasswordResetForm):
    """Django's password reset, for staff accounts only, sending the mail from a thread of
    its own: the page answers as fast for an address we know as for one we do not."""

    def get_users(self, email: str) -> Any:
        return (user for user in super().get_users(email) if user.is_staff)

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        language = translation.get_language()

        def send() -> None:
            try:
                with translation.override(language):
                    super(StaffPasswordResetForm, self).send_mail(*args, **kwargs)
            except Exception as error:  # no traceback: it could name the address
                log.error("A password reset mail could not be sent: %s", type(error).__name__)
            finally:
                connections.close_all()

        threading.Thread(target=send, name=MAIL_THREAD).start()
