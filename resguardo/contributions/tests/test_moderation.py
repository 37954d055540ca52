"""Editors moderate proposals: the queue, the facts and likely duplicates, and the two
decisions, each one action recorded in the audit log."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from resguardo.conftest import make_resource, sign_in
from resguardo.contributions.models import AuditEntry, Proposal
from resguardo.contributions.tests.helpers import proposal_data
from resguardo.ingest.tests import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(client: Client, editor: User) -> Client:
    # The editors' browser: a second client, so the visitor's stays anonymous.
    return sign_in(Client(), editor)


def _propose(client: Client, **fields: object) -> Proposal:
    answer = client.post("/en/propose/", proposal_data(client, **fields))
    assert answer.status_code == 200, answer.content.decode()[:3000]
    return Proposal.objects.order_by("-pk").first()  # type: ignore[return-value]


def test_the_queue_lists_newest_first_and_filters_by_status(client: Client, editors: Client,
                                                            editor: User) -> None:
    older = _propose(client, title="The older proposal")
    Proposal.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2))
    _propose(client, title="The newer proposal", url="https://example.org/new")
    page = editors.get("/editors/contributions/proposal/").content.decode()
    assert page.index("The newer proposal") < page.index("The older proposal")
    from resguardo.contributions import services

    services.decline(older, by=editor, reason="Out of scope.")
    pending = editors.get("/editors/contributions/proposal/?status__exact=pending")
    assert "The newer proposal" in pending.content.decode()
    assert "The older proposal" not in pending.content.decode()


def test_a_proposal_shows_the_risk_answer_facts_and_likely_duplicates(
        client: Client, editors: Client, settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    make_resource("A Village Guide to Early-Warning", url="https://example.org/other")
    make_resource("Same link, other title", url="https://example.org/guide")
    pdf = files.pdf(tmp_path / "guide.pdf", pages=2)
    with pdf.open("rb") as upload:
        proposal = _propose(client, upload=upload, risk="yes",
                            risk_details="Page 2 shows the river crossing.",
                            contact="ana@example.org", publisher="Radio del Pueblo")
    page = editors.get(f"/editors/contributions/proposal/{proposal.pk}/change/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Page 2 shows the river crossing." in text and "<strong>Yes</strong>" in text
    assert "ana@example.org" in text and "Radio del Pueblo" in text
    assert "PDF" in text and "2 pages" in text
    assert files.AUTHOR in text  # what the file declared, shown to the editor only
    assert "A Village Guide to Early-Warning" in text and "similar title" in text
    assert "Same link, other title" in text and "same link" in text
    assert "Edit the resource before publishing" in text


def test_the_same_file_twice_is_a_likely_duplicate(client: Client, editors: Client,
                                                   settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    pdf = files.pdf(tmp_path / "guide.pdf", pages=1)
    with pdf.open("rb") as upload:
        _propose(client, upload=upload, url="", title="First sending")
    with pdf.open("rb") as upload:
        second = _propose(client, upload=upload, url="", title="Something else entirely")
    text = editors.get(f"/editors/contributions/proposal/{second.pk}/change/").content.decode()
    assert "First sending" in text and "same file" in text


def test_an_editor_opens_the_proposed_file_before_deciding_and_no_one_else_can(
        client: Client, editors: Client, settings: object, tmp_path: Path) -> None:
    # The risk answer is about photographs, names and places: the editors must see the file
    # itself, not only its first words, before they publish it.
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    pdf = files.pdf(tmp_path / "guide.pdf", pages=2)
    with pdf.open("rb") as upload:
        proposal = _propose(client, url="", upload=upload)
    page = editors.get(f"/editors/contributions/proposal/{proposal.pk}/change/")
    link = f"/editors/contributions/proposal/{proposal.pk}/file/"
    assert f'href="{link}"' in page.content.decode()
    answer = editors.get(link)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert "attachment" in answer["Content-Disposition"]
    assert "no-store" in answer["Cache-Control"] and "private" in answer["Cache-Control"]
    assert client.get(link).status_code == 302  # to the sign-in page
    assert client.get(f"/en/resources/{proposal.resource.slug}/file").status_code == 404
    link_only = _propose(client, title="A link only", url="https://example.org/other")
    assert editors.get(f"/editors/contributions/proposal/{link_only.pk}/file/"
                       ).status_code == 404


def test_approving_publishes_at_once_and_is_logged(client: Client, editors: Client) -> None:
    proposal = _propose(client, publisher="Radio del Pueblo")
    answer = editors.post(f"/editors/contributions/proposal/{proposal.pk}/approve/",
                          follow=True)
    assert "is in the catalogue" in answer.content.decode()
    resource = Proposal.objects.get().resource
    assert resource.is_published and resource.published_at
    assert [p.name for p in resource.publishers.all()] == ["Radio del Pueblo"]
    assert client.get(resource.get_absolute_url()).status_code == 200
    assert "A village guide" in client.get("/en/catalogue/?q=village").content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.editor_name, entry.action, entry.title) == (
        "editor", "approved", "A village guide to early warning")
    assert {f.name for f in AuditEntry._meta.get_fields()}.isdisjoint(
        {"ip", "ip_address", "user_agent", "address"})


def test_declining_needs_a_reason(client: Client, editors: Client) -> None:
    proposal = _propose(client)
    url = f"/editors/contributions/proposal/{proposal.pk}/decline/"
    refused = editors.post(url, {"reason": ""})
    assert refused.status_code == 400 and "This field is required." in refused.content.decode()
    assert Proposal.objects.get().is_pending and not AuditEntry.objects.exists()
    editors.post(url, {"reason": "We could not confirm the permission."})
    proposal.refresh_from_db()
    assert proposal.status == "declined" and proposal.reason.startswith("We could not")
    assert proposal.resource.status == "withdrawn"
    assert AuditEntry.objects.get().action == "declined"


def test_a_decision_is_taken_once(client: Client, editors: Client) -> None:
    proposal = _propose(client)
    editors.post(f"/editors/contributions/proposal/{proposal.pk}/approve/")
    again = editors.post(f"/editors/contributions/proposal/{proposal.pk}/decline/",
                         {"reason": "Too late."}, follow=True)
    assert "already decided" in again.content.decode()
    assert Proposal.objects.get().status == "published"
    assert AuditEntry.objects.count() == 1


def test_deciding_needs_a_post_and_an_editor(client: Client, editors: Client) -> None:
    proposal = _propose(client)
    assert editors.get(f"/editors/contributions/proposal/{proposal.pk}/approve/"
                       ).status_code == 405
    visitor = client.post(f"/editors/contributions/proposal/{proposal.pk}/approve/")
    assert visitor.status_code == 302 and "/editors/login/" in visitor["Location"]
    reader = User.objects.create_user("reader", password="x" * 20, is_staff=True)
    TOTPDevice.objects.create(user=reader, confirmed=True)  # signed in with a code, no role
    nobody = sign_in(Client(), reader)
    nobody.post(f"/editors/contributions/proposal/{proposal.pk}/approve/")
    assert Proposal.objects.get().is_pending


def test_the_audit_log_is_read_only(editors: Client, client: Client) -> None:
    proposal = _propose(client)
    editors.post(f"/editors/contributions/proposal/{proposal.pk}/approve/")
    page = editors.get("/editors/contributions/auditentry/")
    assert page.status_code == 200 and "A village guide" in page.content.decode()
    entry = AuditEntry.objects.get()
    assert editors.post(f"/editors/contributions/auditentry/{entry.pk}/delete/",
                        {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.exists()


def test_a_proposals_draft_is_published_only_from_the_proposal(client: Client, editors: Client
                                                                ) -> None:
    proposal = _propose(client)
    resource = proposal.resource
    form = editors.get(f"/editors/catalogue/resource/{resource.pk}/change/").content.decode()
    assert 'name="status"' not in form  # shown, not editable
    answer = editors.post("/editors/catalogue/resource/", {
        "action": "publish", "_selected_action": [resource.pk]}, follow=True)
    assert "awaiting a decision" in answer.content.decode()
    resource.refresh_from_db()
    assert resource.status == "draft"


def test_an_import_never_publishes_or_rewrites_a_proposal_awaiting_a_decision(
        client: Client, tmp_path: Path) -> None:
    from resguardo.exports.tests.catalogue_csv import run_import, write

    proposal = _propose(client, title="Radio alerts")
    slug = proposal.resource.slug
    for row in (f"{slug},Radio alerts,Guides & manuals,published",  # by its ID
                ",Radio alerts,Guides & manuals,"):  # by a title that makes the same ID
        run = run_import(write(tmp_path, f"ID,Title,Type,Status\n{row}\n"))
        assert not run.ok
        assert "awaiting a decision" in run.out + run.err
    proposal.refresh_from_db()
    assert proposal.resource.status == "draft" and proposal.status == "pending"
    assert client.get(f"/en/resources/{slug}/").status_code == 404
    assert not AuditEntry.objects.exists()


def test_a_declined_proposal_stays_unpublished(client: Client, editors: Client,
                                               editor: User) -> None:
    from resguardo.contributions import services

    proposal = services.decline(_propose(client), by=editor, reason="Shows faces.")
    answer = editors.post("/editors/catalogue/resource/", {
        "action": "publish", "_selected_action": [proposal.resource.pk]}, follow=True)
    assert "declined proposal: it stays unpublished" in answer.content.decode()
    proposal.refresh_from_db()
    assert proposal.resource.status == "withdrawn" and proposal.status == "declined"
    form = editors.get(f"/editors/catalogue/resource/{proposal.resource.pk}/change/")
    assert 'name="status"' not in form.content.decode()


def test_the_audit_log_counts_its_entries_and_the_risk_filter_has_a_title(
        client: Client, editors: Client, editor: User) -> None:
    from resguardo.contributions import services

    services.decline(_propose(client), by=editor, reason="Out of scope.")
    services.approve(_propose(client, title="Another guide", url="https://example.org/b"),
                     by=editor)
    log = editors.get("/editors/contributions/auditentry/").content.decode()
    assert "2 audit log entries" in log
    queue = editors.get("/editors/contributions/proposal/").content.decode()
    assert "By risk named by the contributor" in queue and "By shows people" not in queue
    spanish = editors.get("/editors/contributions/auditentry/", HTTP_ACCEPT_LANGUAGE="es")
    assert "2 entradas del registro de auditoría" in spanish.content.decode()


def test_the_moderation_page_puts_colons_where_the_editors_language_does(
        client: Client, editors: Client) -> None:
    proposal = _propose(client)
    page = editors.get(f"/editors/contributions/proposal/{proposal.pk}/change/",
                       HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<strong>Statut\u00a0:</strong> en attente · reçue le " in page
