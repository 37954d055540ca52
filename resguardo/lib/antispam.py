"""Keeping robots out of public forms without JavaScript and without knowing anyone.

Two checks every public form carries (`HumanCheckForm`):

- a honeypot: a field people never see (hidden by the stylesheet, skipped by keyboard and
  screen readers) that form-filling robots fill in;
- a signed time stamp put in the form when it is shown: a form sent back sooner than
  `HUMAN_MIN_SECONDS` after it was shown, or with a stamp that is missing, altered or older
  than a day, is refused. It needs no script, no cookie and nothing about the sender.

Rate limits per client are in `lib/ratelimit.py`.
"""

import secrets
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "resguardo.antispam.shown"
MAX_AGE = 24 * 60 * 60
HONEYPOT = "website"
STAMP = "shown"


def stamp() -> str:
    """A signed note of when the form was shown, unique to this showing (a form that
    acts only once per showing, like a proposal, can tell a retry from a new one)."""
    return signing.dumps([int(time.time() * 10) / 10, secrets.token_hex(8)], salt=SALT,
                         compress=False)


def seconds_since(value: str) -> float | None:
    """Seconds since the stamp was made, or None if it is missing, altered or too old."""
    try:
        shown = float(signing.loads(value, salt=SALT, max_age=MAX_AGE)[0])
    except (signing.BadSignature, TypeError, ValueError, IndexError, KeyError):
        return None
    return time.time() - shown


class HumanCheckForm(forms.Form):
    """Mix into a public form (before forms.Form / forms.ModelForm); render its two
    fields with `{% include "_human_check.html" %}`."""

    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[STAMP].initial = stamp()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(
                _("This could not be sent. Please leave the last field empty."),
                code="honeypot")
        age = seconds_since(str(cleaned.get(STAMP) or ""))
        if age is None:
            raise forms.ValidationError(
                _("This form is out of date. Please check what you wrote and send it "
                  "again."), code="stamp")
        if age < float(settings.HUMAN_MIN_SECONDS):
            raise forms.ValidationError(
                _("This was sent too quickly after the form was shown. Please check what "
                  "you wrote and send it again."), code="too-quick")
        return cleaned

    def renew_stamp(self) -> None:
        """Give a form shown again (after an error) a fresh stamp."""
        if self.is_bound:
            data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict
            data[self.add_prefix(STAMP)] = stamp()
            self.data = data
