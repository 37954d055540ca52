"""A resource page names the published trainings that used it."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resguardo.conftest import make_event, make_resource

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_resource_lists_the_trainings_that_used_it_the_latest_first(client):
    guide = make_resource("Community protocols guide")
    make_event("Taller en Cauca", starts_at=datetime(2029, 3, 2, 14, tzinfo=UTC),
               resources=[guide])
    # 03:00 UTC on 10 June is still 9 June in Bogotá: the date is the event's own.
    make_event("Webinar de seguimiento", starts_at=datetime(2029, 6, 10, 3, tzinfo=UTC),
               resources=[guide])
    make_event("Borrador", resources=[guide], published=False)
    body = client.get(guide.get_absolute_url()).content.decode()
    used = body.split(">Used in trainings</h2>", 1)[1].split("</ul>", 1)[0]
    assert [line.split('">', 1)[1].split("</a>")[0] for line in used.split("<li>")[1:]] == [
        "Webinar de seguimiento", "Taller en Cauca"]
    assert '<span class="meta">June 9, 2029</span>' in used
    assert "Borrador" not in body


def test_the_list_costs_one_query_and_nothing_shows_without_trainings(client):
    alone, used = make_resource("Alone"), make_resource("Used")
    make_event("Taller", resources=[used])
    make_event("Otro taller", resources=[used])
    assert "Used in trainings" not in client.get(alone.get_absolute_url()).content.decode()
    assert _queries(client, alone.get_absolute_url()) == _queries(client, used.get_absolute_url())
