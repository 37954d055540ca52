"""Receiving contact messages, telling editors one arrived, and forgetting archived ones."""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from resguardo.contact.models import Message

logger = logging.getLogger(__name__)


def receive(*, body: str, language: str, inbox_url: str, name: str = "",
            reply_to: str = "", subject: str = "") -> Message:
    """Store a message; once it is committed, tell the editors (if the site is set to)."""
    with transaction.atomic():
        message = Message.objects.create(name=name, reply_to=reply_to, subject=subject,
                                         body=body, language=language)
        transaction.on_commit(partial(notify_editors, inbox_url=inbox_url))
    return message


def notify_editors(*, inbox_url: str) -> None:
    """Say that a message arrived, with a link to the inbox, to `NOTIFY_EMAILS`.

    The mail carries nothing the sender wrote: mail servers keep copies we cannot delete.
    A mail that cannot be sent is logged (its kind only) and otherwise ignored: the message
    is already stored, and the sender must not see an error for the editors' mail.
    """
    recipients = list(settings.NOTIFY_EMAILS)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(site)s: a new message in the contact inbox") % {
            "site": settings.SITE_NAME}
        text = _("A new message arrived through the contact form. Read it in the "
                 "editors' inbox:\n\n%(url)s\n") % {"url": inbox_url}
    try:
        send_mail(subject, text, None, recipients)
    except Exception as error:  # any failure of any mail backend: never the sender's
        logger.warning("Could not send the new-message notice (%s)", type(error).__name__)


def forget(*, now: datetime) -> int:
    """Delete the messages archived more than `RETENTION_DAYS` before `now`; returns how
    many were deleted."""
    due = Message.objects.archived_before(now - timedelta(days=settings.RETENTION_DAYS))
    deleted, _by_model = due.delete()
    return deleted
