"""Contributors' contact details are erased RETENTION_DAYS after the decision."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from resguardo.contributions import services
from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import proposal_data

pytestmark = pytest.mark.django_db


def _proposal(client: Client, title: str) -> Proposal:
    client.post("/en/propose/", proposal_data(client, title=title, contact="ana@example.org",
                                           url=f"https://example.org/{title}"))
    return Proposal.objects.get(resource__title=title)


def test_contact_details_go_90_days_after_the_decision(client: Client, editor: User) -> None:
    decided = _proposal(client, "decided")
    services.approve(decided, by=editor)
    pending = _proposal(client, "pending")
    now = timezone.now()
    assert services.forget(now=now + datetime.timedelta(days=89)) == 0
    assert services.forget(now=now + datetime.timedelta(days=90, minutes=1)) == 1
    decided.refresh_from_db()
    pending.refresh_from_db()
    assert decided.contact == "" and decided.resource.title == "decided"
    assert pending.contact == "ana@example.org"  # undecided: the editors may still ask


def test_the_days_are_a_setting(client: Client, editor: User, settings: object) -> None:
    settings.RETENTION_DAYS = 7  # type: ignore[attr-defined]
    services.decline(_proposal(client, "declined"), by=editor, reason="No.")
    assert services.forget(now=timezone.now() + datetime.timedelta(days=8)) == 1


def test_the_command_erases_what_is_due(client: Client, editor: User, capsys: object
                                        ) -> None:
    proposal = _proposal(client, "old")
    services.approve(proposal, by=editor)
    Proposal.objects.filter(pk=proposal.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=91))
    from resguardo.contact.models import Message

    old = Message.objects.create(body="Please call me back.", reply_to="+57 300 000 0000",
                                 status=Message.Status.ARCHIVED,
                                 status_changed_at=timezone.now() - datetime.timedelta(days=91))
    recent = Message.objects.create(body="Still being answered.",
                                    status=Message.Status.ARCHIVED)
    call_command("forget")
    assert Proposal.objects.get().contact == ""
    assert list(Message.objects.all()) == [recent] and old.pk != recent.pk
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "from 1 proposal decided over 90 days ago" in out
    assert "1 message archived over 90 days ago deleted" in out
