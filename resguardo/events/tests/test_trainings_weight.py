"""The trainings pages fit in one TCP flight (14,336 bytes) with every field at its longest
and every list at its longest."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from resguardo.conftest import make_event, make_resource
from resguardo.events import services
from resguardo.events.models import Event
from resguardo.tests.test_page_weight import ONE_FLIGHT, prose


@pytest.fixture
def crowded(db: None) -> list[str]:
    rng = random.Random(11)
    now = timezone.now()
    materials = [make_resource(f"{n} " + prose(rng, 495)) for n in range(12)]
    zones = ["America/Argentina/ComodRivadavia", "Asia/Kolkata", "Africa/Nairobi"]
    longest = {
        "description": prose(rng, 4000), "join_url": "https://example.org/" + "j" * 980,
        "join_details": prose(rng, 1000), "format": Event.Format.IN_PERSON,
    }
    coming = [make_event(f"{n} " + prose(rng, 195), starts_at=now + timedelta(days=n + 1),
                         hours=30, time_zone=zones[n % 3], resources=materials, **longest)
              for n in range(services.UPCOMING_SHOWN + 1)]
    past = [make_event(f"{n} " + prose(rng, 195), starts_at=now - timedelta(days=n + 2),
                       hours=30, time_zone=zones[n % 3], resources=materials, **longest)
            for n in range(services.PAST_PAGE_SIZE + 1)]
    return ["/en/trainings/", "/en/trainings/past/", "/en/trainings/past/2/",
            coming[0].get_absolute_url(), past[0].get_absolute_url(),
            materials[0].get_absolute_url()]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_every_trainings_page_fits_in_one_flight_when_every_field_is_full(
        client, crowded: list[str], encoding: str) -> None:  # type: ignore[no-untyped-def]
    weights = {}
    for path in crowded:
        response = client.get(path, HTTP_ACCEPT_ENCODING=encoding)
        assert response.status_code == 200, path
        assert response["Content-Encoding"] == encoding, path
        weights[path] = len(response.content) + sum(
            len(f"{k}: {v}\r\n") for k, v in response.items())
    over = {path: size for path, size in weights.items() if size > ONE_FLIGHT}
    assert not over, over
