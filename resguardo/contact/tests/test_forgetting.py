"""`forget()` deletes contact messages RETENTION_DAYS after they were archived, and
nothing else: the clock is moved by passing `now`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from resguardo.contact.models import Message
from resguardo.contact.services import forget

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def a_message(subject: str, status: str, *, changed: timedelta) -> Message:
    when = timezone.now() - changed
    return Message.objects.create(subject=subject, body="…", language="en", status=status,
                                  created_at=when - 30 * DAY, status_changed_at=when)


def test_messages_archived_longer_ago_than_the_retention_are_deleted_and_no_others(
        settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.RETENTION_DAYS == 90
    second = timedelta(seconds=1)
    a_message("archived 91 days ago", "archived", changed=91 * DAY)
    a_message("archived 90 days and a second ago", "archived", changed=90 * DAY + second)
    a_message("archived 89 days ago", "archived", changed=89 * DAY)
    a_message("new for a year", "new", changed=365 * DAY)
    a_message("answered a year ago", "answered", changed=365 * DAY)
    assert forget(now=timezone.now()) == 2
    assert sorted(Message.objects.values_list("subject", flat=True)) == [
        "answered a year ago", "archived 89 days ago", "new for a year"]


def test_with_the_clock_moved_on_the_rest_of_the_archive_goes_too(settings) -> None:  # type: ignore[no-untyped-def]
    archived = a_message("archived today", "archived", changed=timedelta(0))
    kept = a_message("still new", "new", changed=timedelta(0))
    now = timezone.now()
    assert forget(now=now + 89 * DAY) == 0
    assert forget(now=now + 91 * DAY) == 1
    assert list(Message.objects.all()) == [kept]
    assert not Message.objects.filter(pk=archived.pk).exists()


def test_the_retention_follows_the_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.RETENTION_DAYS = 7
    a_message("archived 8 days ago", "archived", changed=8 * DAY)
    a_message("archived 6 days ago", "archived", changed=6 * DAY)
    assert forget(now=timezone.now()) == 1
    assert Message.objects.get().subject == "archived 6 days ago"
