"""A contributor says what a resource shows works, or which need it supports: the
coalition's two groups of strategies, offered in the contributor's language."""

import pytest
from django.test import Client

from resguardo.catalogue.models import Strategy
from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import proposal_data

pytestmark = pytest.mark.django_db


def test_the_form_offers_both_groups_in_the_readers_language(client: Client) -> None:
    english = client.get("/en/propose/").content.decode()
    assert "What works: strategies it shows" in english
    assert "What is needed: strategies it supports" in english
    assert "Communication, radio and early warning" in english
    spanish = client.get("/es/propose/").content.decode()
    assert "Lo que hace falta: estrategias que apoya" in spanish
    assert "Comunicación, radio y alerta temprana" in spanish


def test_the_strategies_picked_go_with_the_draft(client: Client) -> None:
    works = Strategy.objects.get(slug="emergency-communication-plans")
    needed = Strategy.objects.get(slug="communication-radio-early-warning")
    answer = client.post("/en/propose/", proposal_data(client, works=[works.pk],
                                                    needed=[needed.pk]))
    assert answer.status_code == 200
    assert set(Proposal.objects.get().resource.strategies.all()) == {works, needed}


def test_a_strategy_of_the_other_group_is_not_a_choice(client: Client) -> None:
    needed = Strategy.objects.get(slug="patrols")
    answer = client.post("/en/propose/", proposal_data(client, works=[needed.pk]))
    assert "Select a valid choice." in answer.content.decode()
    assert not Proposal.objects.exists()
