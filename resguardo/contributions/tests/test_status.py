"""A contributor checks a proposal with the reference code alone."""

import pytest
from django.test import Client

from resguardo.contributions import services
from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import code_in, proposal_data

pytestmark = pytest.mark.django_db


def _propose(client: Client) -> str:
    return code_in(client.post("/en/propose/", proposal_data(client)).content)


def test_a_new_proposal_is_pending(client: Client) -> None:
    code = _propose(client)
    page = client.post("/en/propose/status/", {"code": code}).content.decode()
    assert "A village guide to early warning" in page
    assert "pending" in page and "have not decided yet" in page


def test_the_code_may_be_typed_loosely(client: Client) -> None:
    code = _propose(client)
    loose = " " + code.replace("-", " ").lower() + " "
    assert "pending" in client.post("/en/propose/status/", {"code": loose}).content.decode()


def test_a_published_proposal_links_to_the_resource(client: Client, editor: object) -> None:
    code = _propose(client)
    services.approve(Proposal.objects.get(), by=editor)  # type: ignore[arg-type]
    page = client.post("/en/propose/status/", {"code": code}).content.decode()
    assert "published" in page
    assert Proposal.objects.get().resource.get_absolute_url() in page


def test_a_declined_proposal_shows_the_editors_reason(client: Client, editor: object) -> None:
    code = _propose(client)
    services.decline(Proposal.objects.get(), by=editor,  # type: ignore[arg-type]
                     reason="It names a village that asked not to be named.")
    page = client.post("/en/propose/status/", {"code": code}).content.decode()
    assert "declined" in page
    assert "It names a village that asked not to be named." in page


def test_an_unknown_code_says_so_and_reveals_nothing(client: Client) -> None:
    _propose(client)
    page = client.post("/en/propose/status/", {"code": "AAAA-BBBB-CCCC-DDDD"}).content.decode()
    assert "No proposal has this code" in page
    assert "village guide" not in page


def test_the_code_is_never_in_a_link(client: Client) -> None:
    page = client.get("/en/propose/status/?code=AAAA-BBBB-CCCC-DDDD").content.decode()
    assert "No proposal has this code" not in page  # a code is only read from the form
