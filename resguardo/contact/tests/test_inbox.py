"""Editors work through the inbox: newest first, by status, each change of status timed;
what the sender wrote cannot be changed."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from resguardo.accounts.roles import editors_group
from resguardo.contact.models import Message
from resguardo.contact.tests.conftest import INBOX, change_page, signed_in

pytestmark = pytest.mark.django_db


def a_message(subject: str, *, days_ago: int = 0, **fields: object) -> Message:
    when = timezone.now() - timedelta(days=days_ago)
    return Message.objects.create(subject=subject, body=f"About {subject}", language="en",
                                  created_at=when, status_changed_at=when, **fields)


def subjects_listed(page: str, *subjects: str) -> list[str]:
    return sorted((s for s in subjects if s in page), key=page.index)


def test_the_inbox_lists_the_newest_first(inbox: Client) -> None:
    for subject, days in [("Old", 9), ("Newest", 0), ("Middle", 3)]:
        a_message(subject, days_ago=days)
    page = inbox.get(INBOX).content.decode()
    assert subjects_listed(page, "Old", "Newest", "Middle") == ["Newest", "Middle", "Old"]


def test_the_inbox_filters_by_status(inbox: Client) -> None:
    a_message("Waiting")
    a_message("Done", status=Message.Status.ANSWERED)
    a_message("Put away", status=Message.Status.ARCHIVED)
    page = inbox.get(INBOX, {"status__exact": "new"}).content.decode()
    assert subjects_listed(page, "Waiting", "Done", "Put away") == ["Waiting"]
    page = inbox.get(INBOX, {"status__exact": "archived"}).content.decode()
    assert subjects_listed(page, "Waiting", "Done", "Put away") == ["Put away"]


def test_marking_answered_and_archiving_each_note_when(inbox: Client) -> None:
    first, second = a_message("First", days_ago=5), a_message("Second", days_ago=5)
    before = timezone.now()
    response = inbox.post(INBOX, {"action": "mark_answered",
                                  "_selected_action": [first.pk, second.pk]}, follow=True)
    assert "2 messages marked as answered." in response.content.decode()
    for message in (first, second):
        message.refresh_from_db()
        assert message.status == "answered" and message.status_changed_at >= before

    response = inbox.post(INBOX, {"action": "archive", "_selected_action": [first.pk]},
                          follow=True)
    assert "1 message archived." in response.content.decode()
    first.refresh_from_db()
    assert first.status == "archived"


def test_archiving_again_does_not_put_off_the_day_a_message_is_forgotten(
        inbox: Client) -> None:
    message = a_message("Old news", days_ago=30, status=Message.Status.ARCHIVED)
    archived_at = message.status_changed_at
    response = inbox.post(INBOX, {"action": "archive", "_selected_action": [message.pk]},
                          follow=True)
    assert "0 messages archived." in response.content.decode()
    message.refresh_from_db()
    assert message.status_changed_at == archived_at


def test_an_editor_changes_the_status_but_not_what_the_sender_wrote(inbox: Client) -> None:
    message = a_message("Original subject", name="Ana", reply_to="ana@example.org")
    response = inbox.post(change_page(message), {
        "status": "answered", "subject": "Edited", "body": "Edited", "name": "Edited",
        "reply_to": "edited@example.org", "language": "fr"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.subject, message.body, message.name, message.reply_to,
            message.language) == ("answered", "Original subject", "About Original subject",
                                  "Ana", "ana@example.org", "en")
    assert message.status_changed_at > message.created_at


def test_the_change_page_shows_the_message_but_has_no_field_to_edit_it(inbox: Client) -> None:
    message = a_message("Need a guide", name="Ana")
    page = inbox.get(change_page(message)).content.decode()
    assert "About Need a guide" in page
    assert 'name="status"' in page
    for field in ("subject", "body", "name", "reply_to", "language"):
        assert f'name="{field}"' not in page, field


def test_messages_come_from_the_form_only(inbox: Client) -> None:
    assert inbox.get(f"{INBOX}add/").status_code == 403


def test_the_admin_log_keeps_nothing_the_sender_wrote(inbox: Client) -> None:
    message = a_message("Secret place", name="Ana")
    inbox.post(change_page(message), {"status": "answered"})
    inbox.post(f"{INBOX}{message.pk}/delete/", {"post": "yes"})
    assert not Message.objects.exists()
    logged = list(LogEntry.objects.values_list("object_repr", "change_message"))
    assert len(logged) == 2
    assert not [entry for entry in logged if "Secret" in str(entry) or "Ana" in str(entry)]


def test_editors_may_read_and_answer_messages() -> None:
    codenames = set(editors_group().permissions.values_list("codename", flat=True))
    assert {"view_message", "change_message", "delete_message"} <= codenames


def test_someone_outside_the_editors_cannot_open_the_inbox(django_user_model) -> None:  # type: ignore[no-untyped-def]
    staff = django_user_model.objects.create_user("staff", password="x" * 20, is_staff=True)
    TOTPDevice.objects.create(user=staff, confirmed=True)  # signed in with a code, no role
    assert signed_in(staff).get(INBOX).status_code == 403
