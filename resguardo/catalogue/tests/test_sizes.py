"""What a download costs a reader on a 2G link, in words."""

import pytest
from django.utils import translation

from resguardo.catalogue.sizes import transfer_seconds, transfer_time


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
