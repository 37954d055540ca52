"""Taking a proposal in, finding what it may duplicate, and the editors' two decisions.

A proposal is acknowledged (its reference code shown) only after its file is stored and its
records committed, so whatever the contributor was told was received survives a crash of
the server. The code is derived from the form's own stamp: sending the same form twice
(a 2G connection that dropped the answer) gives the same code and one proposal.
"""

import datetime
import difflib
import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue import services as catalogue
from resguardo.catalogue.models import Organisation, Resource
from resguardo.contributions.models import AuditEntry, Proposal
from resguardo.ingest.services import Ingested, read, workspace
from resguardo.lib.slugs import free_slug

# 32 letters and digits without 0/O and 1/I, which read alike: 16 of them are 80 bits.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 16


def code_for(stamp: str) -> str:
    """The reference code for the form showing `stamp` names (lib/antispam.py)."""
    key = hashlib.sha256(f"proposal-code:{settings.SECRET_KEY}".encode()).digest()
    number = int.from_bytes(hmac.new(key, stamp.encode(), hashlib.sha256).digest()[:10])
    letters = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(CODE_LENGTH))
    return "-".join(letters[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise(code: str) -> str:
    """A code as typed (lower case, spaces, no dashes, O for 0…) in its printed form."""
    letters = re.sub(r"[\s\-–—_.]", "", code.upper())
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def find(code: str) -> Proposal | None:
    return (Proposal.objects.with_code(normalise(code)).select_related("resource")
            .first())


@dataclass
class Received:
    proposal: Proposal
    code: str
    again: bool  # the same form sent a second time


def submit(*, fields: dict[str, Any], stamp: str, upload: IO[bytes] | None = None) -> Received:
    """Take a proposal in: read and store its file (raising ingest's Refused), then commit
    the draft resource (with its transcript, read by the form) and the proposal in one
    transaction."""
    code = normalise(code_for(stamp))
    if existing := find(code):
        return Received(existing, code, again=True)
    ingested = None
    with workspace() as folder:
        if upload is not None:
            ingested = read(upload, Path(folder))  # duplicates taken in: see read_file
            catalogue.store_file(ingested)  # before the records that name it
        try:
            proposal = _record(fields, code, ingested)
        except IntegrityError:  # the same form, sent twice at the same moment
            if again := find(code):
                return Received(again, code, again=True)
            # Or another proposal took the same address (slug) between looking and writing
            # (PostgreSQL; SQLite takes its write lock first): the next free one now.
            proposal = _record(fields, code, ingested)
    return Received(proposal, code, again=False)


LICENCE_LENGTH = 200  # Resource.licence; a longer statement stays on the proposal


def _record(fields: dict[str, Any], code: str, ingested: Ingested | None) -> Proposal:
    with transaction.atomic():
        # A draft: the search index and the catalogue's version are left alone until an
        # editor approves it.
        resource = catalogue.create_resource(ingested=ingested, fields={
            "title": fields["title"], "slug": free_slug(Resource.objects.all(), fields["title"]),
            "summary": fields["summary"], "resource_type": fields["resource_type"],
            "url": fields.get("url") or "", "status": Resource.Status.DRAFT,
            "licence": fields["permission"] if len(fields["permission"]) <= LICENCE_LENGTH
            else "",
            "themes": fields.get("themes") or [], "regions": fields.get("regions") or [],
            "countries": fields.get("countries") or [],
            "strategies": fields.get("strategies") or [],
            "languages": fields.get("languages") or []})
        if fields.get("transcript"):  # after the file, whose text it replaces
            catalogue.set_transcript(resource=resource, transcript=fields["transcript"],
                                     index=False)
        return Proposal.objects.create(
            resource=resource, reference_hash=hashlib.sha256(code.encode()).hexdigest(),
            risk=fields["risk"], risk_details=fields.get("risk_details") or "",
            permission=fields["permission"], publisher=fields.get("publisher") or "",
            contact=fields.get("contact") or "")


# Likely duplicates -------------------------------------------------------------------

SIMILAR_TITLE = 0.8


@dataclass(frozen=True)
class LikelyDuplicate:
    resource: Resource
    why: str


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", letters))


def likely_duplicates(resource: Resource, *, limit: int = 10) -> list[LikelyDuplicate]:
    """Other resources with the same link, the same file (as stored or as uploaded), or a
    title that reads almost the same (ignoring case, accents and punctuation)."""
    found: dict[int, LikelyDuplicate] = {}
    others = Resource.objects.exclude(pk=resource.pk).order_by("-pk")
    if resource.url:
        for other in others.filter(url=resource.url)[:limit]:
            found.setdefault(other.pk, LikelyDuplicate(other, str(_("same link"))))
    sums = {s for s in (resource.file_sha256, resource.source_sha256) if s}
    if sums:
        same_file = others.filter(Q(file_sha256__in=sums) | Q(source_sha256__in=sums))
        for other in same_file[:limit]:
            found.setdefault(other.pk, LikelyDuplicate(other, str(_("same file"))))
    title = _plain(resource.title)
    words = sorted(title.split(), key=len, reverse=True)[:2]
    if words:
        candidates = others.filter(*[Q(title__icontains=w) for w in words[:1]])
        for other in candidates.only("title", "slug", "status")[:500]:
            ratio = difflib.SequenceMatcher(None, title, _plain(other.title)).ratio()
            if ratio >= SIMILAR_TITLE:
                found.setdefault(other.pk, LikelyDuplicate(other, str(_("similar title"))))
    return list(found.values())[:limit]


# Decisions ----------------------------------------------------------------------------

class NotPending(Exception):
    """The proposal was decided already (by another editor, or a second click)."""


def _decide(proposal: Proposal, *, by: User, action: str, reason: str = ""
            ) -> Proposal:
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("resource").get(
            pk=proposal.pk)
        if not proposal.is_pending:
            raise NotPending
        resource = proposal.resource
        if action == AuditEntry.Action.APPROVED:
            # Before it is indexed: the publisher's name is searched with the summary.
            if proposal.publisher and not resource.publishers.exists():
                resource.publishers.add(_organisation(proposal.publisher))
            catalogue.publish(resources=[resource])
            proposal.status = Proposal.Status.PUBLISHED
        else:
            catalogue.withdraw(resources=[resource])
            proposal.status, proposal.reason = Proposal.Status.DECLINED, reason
        proposal.decided_at = timezone.now()
        proposal.save()
        AuditEntry.objects.create(editor=by, editor_name=by.get_username(), action=action,
                                  proposal=proposal, title=resource.title, reason=reason)
    return proposal


def _organisation(name: str) -> Organisation:
    existing = Organisation.objects.filter(name__iexact=name).first()
    return existing or Organisation.objects.create(
        name=name, slug=free_slug(Organisation.objects.all(), name))


def approve(proposal: Proposal, *, by: User) -> Proposal:
    """Publish the proposal's resource: in the catalogue and search at once."""
    return _decide(proposal, by=by, action=AuditEntry.Action.APPROVED)


def decline(proposal: Proposal, *, by: User, reason: str) -> Proposal:
    """Decline with a reason the contributor reads with their code."""
    return _decide(proposal, by=by, action=AuditEntry.Action.DECLINED, reason=reason)


# Retention ----------------------------------------------------------------------------

def forget(*, now: datetime.datetime) -> int:
    """Erase the way to reach contributors `RETENTION_DAYS` after their proposal was
    decided. Returns how many proposals were cleared."""
    due = now - datetime.timedelta(days=int(settings.RETENTION_DAYS))
    return (Proposal.objects.exclude(status=Proposal.Status.PENDING)
            .filter(decided_at__lte=due).exclude(contact="").update(contact=""))
