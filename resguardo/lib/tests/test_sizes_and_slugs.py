"""What a download costs on 2G, in words, and slugs that never collide."""

import pytest
from django.utils import translation

from resguardo.catalogue.models import Organisation
from resguardo.lib.sizes import transfer_seconds, transfer_time
from resguardo.lib.slugs import free_slug, numbered


@pytest.mark.parametrize("size, words", [
    (5_000, "under a second"),
    (6_250, "about 1 second"),  # 50,000 bits
    (500_000, "about 80 seconds"),
    (600_000, "about 2 minutes"),  # 96 seconds
    (3_600_000, "about 10 minutes"),
    (29_000_000, "about 77 minutes"),  # a 30-minute radio training as a 128 kbit/s MP3
    (100_000_000, "about 4 hours"),
])
def test_the_time_at_2g_is_said_in_the_unit_a_reader_expects(size: int, words: str) -> None:
    with translation.override("en"):
        assert transfer_time(size) == words


def test_the_time_at_2g_speaks_the_reader_s_language() -> None:
    with translation.override("es"):
        assert transfer_time(600_000) == "unos 2 minutos"


def test_a_slow_link_is_fifty_kilobits_a_second() -> None:
    assert transfer_seconds(50_000 // 8) == 1


def test_a_taken_slug_gets_the_first_free_number() -> None:
    assert numbered("guide", set()) == "guide"
    assert numbered("guide", {"guide", "guide-2"}) == "guide-3"


@pytest.mark.django_db
def test_a_free_slug_skips_those_in_use_and_falls_back_for_a_name_without_letters() -> None:
    Organisation.objects.create(name="Protection International", slug="protection-international")
    assert free_slug(Organisation.objects.all(), "Protection International") == \
        "protection-international-2"
    assert free_slug(Organisation.objects.all(), "¿¡!?", fallback="organisation") == \
        "organisation"
