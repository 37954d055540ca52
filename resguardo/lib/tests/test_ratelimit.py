"""The counts behind the 429s hold: requests at the same moment are all counted, nothing a
visitor can make many of pushes a count out, and a client cannot step around its count by
changing to another address of its own."""

import threading

import pytest
from django.test import Client

from resguardo.conftest import make_resource
from resguardo.contributions.views import LOOKING_UP
from resguardo.lib.ratelimit import Limit, allow

pytestmark = pytest.mark.django_db
STATUS = "/en/propose/status/"


def test_requests_at_the_same_moment_are_all_counted() -> None:
    limit = Limit("same-moment", 40, 600)
    answers: list[bool] = []

    def send() -> None:
        answers.extend(allow(limit, "one client") for _ in range(20))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count(True) == limit.allowed


def test_many_searches_do_not_push_a_count_out_of_the_cache(client: Client, settings: object
                                                            ) -> None:
    # Search results are kept in the default cache, which forgets a third of its entries at
    # random once full: each reader can fill it, with GETs no limit counts.
    caches = settings.CACHES  # type: ignore[attr-defined]
    settings.CACHES = {**caches, "default": {  # type: ignore[attr-defined]
        **caches["default"], "OPTIONS": {"MAX_ENTRIES": 30}}}
    make_resource("Radio guide", full_text="community radio")
    for _ in range(LOOKING_UP.allowed):
        client.post(STATUS, {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert client.post(STATUS, {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 429
    for n in range(120):
        client.get("/en/catalogue/", {"q": f"radio {n}"})
    assert client.post(STATUS, {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 429


def test_the_addresses_of_one_ipv6_network_are_one_client(client: Client) -> None:
    # One home or phone gets a whole /64 and may use any address in it.
    for n in range(LOOKING_UP.allowed):
        client.post(STATUS, {"code": "AAAA-BBBB-CCCC-DDDD"}, REMOTE_ADDR=f"2001:db8:1:2::{n:x}")
    refused = client.post(STATUS, {"code": "x"}, REMOTE_ADDR="2001:db8:1:2:ffff::1")
    assert refused.status_code == 429
    assert client.post(STATUS, {"code": "x"}, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200
    assert client.post(STATUS, {"code": "x"}, REMOTE_ADDR="192.0.2.1").status_code == 200


PROXY = {"REMOTE_ADDR": "127.0.0.1"}  # every request, as a proxy in front hands it on


def test_behind_a_proxy_each_client_is_counted_by_the_address_the_proxy_saw(
        client: Client, settings: object) -> None:
    settings.CLIENT_ADDRESS_HEADER = "X-Forwarded-For"  # type: ignore[attr-defined]
    for n in range(LOOKING_UP.allowed):
        # Whatever a client writes in the header itself comes first; the proxy adds last.
        client.post(STATUS, {"code": "x"}, **PROXY,
                    HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7")
    refused = client.post(STATUS, {"code": "x"}, **PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert refused.status_code == 429
    other = client.post(STATUS, {"code": "x"}, **PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 200


def test_without_a_proxy_the_header_is_not_believed(client: Client) -> None:
    for n in range(LOOKING_UP.allowed):
        client.post(STATUS, {"code": "x"}, REMOTE_ADDR="203.0.113.7",
                    HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    refused = client.post(STATUS, {"code": "x"}, REMOTE_ADDR="203.0.113.7",
                          HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert refused.status_code == 429
