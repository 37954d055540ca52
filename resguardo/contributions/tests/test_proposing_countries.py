"""A contributor names the countries a resource is about, typed by name (in English or
their own language) or by code; they end up on the draft resource."""

from pathlib import Path

import pytest
from django.test import Client

from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import code_in, proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def test_the_form_asks_for_countries_in_a_labelled_text_field(client: Client) -> None:
    for language, label, example in (("en", "Countries", "for example Guatemala or GT"),
                                     ("pt", "Países", "por exemplo Guatemala ou GT")):
        page = client.get(f"/{language}/propose/").content.decode()
        assert f'<label for="id_countries">{label}:</label>' in page
        assert 'type="text" name="countries"' in page
        assert example in page


def test_countries_named_in_the_contributors_language_or_by_code_reach_the_draft(
        client: Client) -> None:
    answer = client.post("/es/propose/", proposal_data(
        client, countries="Guatemala, méxico; KE, Guatemala"))
    assert answer.status_code == 200
    code_in(answer.content)
    resource = Proposal.objects.get().resource
    assert [c.code for c in resource.countries] == ["GT", "KE", "MX"]


def test_an_unknown_country_is_refused_in_the_readers_language_and_nothing_is_kept(
        client: Client) -> None:
    answer = client.post("/fr/propose/", proposal_data(client, countries="Allemagne, Atlantis"))
    assert "Nous ne connaissons aucun pays appelé « Atlantis »" in answer.content.decode()
    english = client.post("/en/propose/", proposal_data(client, countries="Atlantis"))
    assert "We do not know a country called “Atlantis”" in english.content.decode()
    assert not Proposal.objects.exists()


def test_a_name_that_fits_several_countries_lists_them_to_choose_from(client: Client
                                                                      ) -> None:
    answer = client.post("/en/propose/", proposal_data(client, countries="Guin"))
    page = answer.content.decode()
    assert "“Guin” could be Equatorial Guinea (GQ), Guinea (GN), Guinea-Bissau (GW), Papua New" \
           " Guinea (PG): write the one you mean, or its code." in page
    assert not Proposal.objects.exists()
