"""Two contributors proposing resources with the same title at the same moment both get
their proposal: on PostgreSQL the second one's free address was taken between looking and
writing, which was a server error and a lost proposal."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from resguardo.catalogue.models import Resource, ResourceType
from resguardo.contributions import services
from resguardo.contributions.models import Proposal

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


# SQLite takes its write lock before looking (IMMEDIATE transactions): no such moment there.
@pytest.mark.skipif(ON_SQLITE, reason="only PostgreSQL lets two writers look at once")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_title_taken_at_the_same_moment_gets_the_next_free_address() -> None:
    kind = ResourceType.objects.get(slug="guides-manuals")
    fields = {"title": "Same title", "summary": "…", "resource_type": kind,
              "permission": "CC BY 4.0", "risk": "no", "url": "https://example.org/b"}
    outcome: list[object] = []

    def second_contributor() -> None:
        try:
            outcome.append(services.submit(fields=fields, stamp="the second form"))
        except Exception as error:  # noqa: BLE001 - what the contributor would have met
            outcome.append(error)
        finally:
            connection.close()

    with transaction.atomic():  # the first contributor's proposal, being written
        Resource.objects.create(title="Same title", slug="same-title", resource_type=kind,
                                summary="…")
        sender = threading.Thread(target=second_contributor)
        sender.start()
        time.sleep(1.5)  # the second has looked for a free address and is writing
    sender.join(timeout=30)
    assert isinstance(outcome[0], services.Received), outcome
    assert Proposal.objects.get().resource.slug == "same-title-2"
