"""The honeypot and the signed time stamp that public forms carry (lib/antispam.py)."""

import time
from unittest import mock

import pytest
from django import forms

from resguardo.lib import antispam


class NoteForm(antispam.HumanCheckForm):
    note = forms.CharField()


def sent(**fields: str) -> NoteForm:
    form = NoteForm()
    data = {"note": "hello", "shown": form.fields["shown"].initial, "website": ""}
    data.update(fields)
    return NoteForm(data)


def test_a_person_who_leaves_the_hidden_field_empty_gets_through() -> None:
    assert sent().is_valid()


def test_a_filled_honeypot_is_refused() -> None:
    form = sent(website="http://spam.example")
    assert not form.is_valid()
    assert "leave the last field empty" in form.non_field_errors()[0]


@pytest.mark.parametrize("stamp", ["", "12345", "not:a:stamp"])
def test_a_missing_or_forged_stamp_is_refused(stamp: str) -> None:
    form = sent(shown=stamp)
    assert not form.is_valid()
    assert "out of date" in form.non_field_errors()[0]


def test_a_stamp_older_than_a_day_is_refused() -> None:
    with mock.patch("time.time", return_value=time.time() - antispam.MAX_AGE - 60):
        old = antispam.stamp()
    form = sent(shown=old)
    assert not form.is_valid()


def test_a_form_sent_faster_than_a_person_types_is_refused(settings: object) -> None:
    settings.HUMAN_MIN_SECONDS = 3  # type: ignore[attr-defined]
    form = sent()
    assert not form.is_valid()
    assert "too quickly" in form.non_field_errors()[0]
    with mock.patch("time.time", return_value=time.time() + 4):
        assert sent(shown=form.data["shown"]).is_valid()


def test_with_no_minimum_a_form_sent_in_the_same_instant_gets_through(settings: object) -> None:
    settings.HUMAN_MIN_SECONDS = 0  # type: ignore[attr-defined]
    with mock.patch("time.time", return_value=1_800_000_000.06):
        assert sent().is_valid()


def test_a_form_shown_again_gets_a_fresh_stamp() -> None:
    form = sent(shown="")
    form.renew_stamp()
    assert antispam.seconds_since(form.data["shown"]) is not None
