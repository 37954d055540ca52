"""Any living language of the world (catalogue/world_languages.py): found by its code or
by its name as a contributor writes it, in English or in their own language; added to the
library's table on first use, searched word for word when no stemmer knows it; offered to
contributors once the catalogue has a resource in it; added by an editor by its code."""

import pytest
from django.test import Client
from django.utils import translation

from resguardo.catalogue import world_languages
from resguardo.catalogue.models import Language, Resource
from resguardo.conftest import make_resource, sign_in
from resguardo.contributions.models import Proposal
from resguardo.contributions.tests.helpers import code_in, proposal_data
from resguardo.search.query import parse
from resguardo.search.services import backend

pytestmark = pytest.mark.django_db


def codes(text: str, language: str = "en") -> list[str]:
    return [found.code for found in world_languages.find(text, language)]


def test_a_language_is_found_by_either_iso_code_and_named_by_the_shortest():
    assert codes("quc") == ["quc"]
    assert codes("swa") == codes("SW") == ["sw"]
    assert codes("xx") == codes("") == codes("   ") == []


def test_a_name_is_found_however_its_apostrophes_accents_and_case_are_written():
    assert codes("K'iche'") == codes("K’iche’") == codes("kiche") == ["quc"]
    assert codes("guarani") == codes("Guaraní") == ["gn"]


def test_the_librarys_own_names_find_a_language_the_iso_tables_name_otherwise():
    assert world_languages.get("kek").name == "Kekchí"  # the ISO reference name
    assert codes("Q'eqchi'") == ["kek"]  # as the table names it (migration 0007)


def test_a_name_in_the_readers_language_finds_it_and_names_it_in_that_language():
    assert codes("Indonesio", "es") == ["id"] and codes("Indonesio", "en") == []
    assert world_languages.get("id").name_in("es") == "Indonesio"
    assert world_languages.get("id").name_in("fr") == "Indonésien"
    assert world_languages.get("sw").name_in("en") == "Swahili"  # not "(macrolanguage)"


def test_part_of_a_name_suggests_the_languages_with_a_word_starting_so():
    found = world_languages.find("zapot", "en")
    assert 1 < len(found) <= world_languages.SUGGESTIONS
    assert all(any(word.startswith("zapot") for word in world_languages.fold(
        f.name).replace("-", " ").split()) for f in found)


def test_only_living_languages_are_known():
    assert world_languages.get("lat") is None  # Latin: historical, ISO type H
    assert all(language.code for language in world_languages.everything())


def test_a_language_without_a_stemmer_is_added_once_and_searched_word_for_word():
    mopan = world_languages.language_row(world_languages.get("mop"))
    assert (mopan.code, mopan.native_name, mopan.stemmer) == ("mop", "Mopán Maya", "")
    assert world_languages.language_row(world_languages.get("mop")) == mopan
    assert Language.objects.filter(code="mop").count() == 1
    indonesian = world_languages.language_row(world_languages.get("id"))
    assert indonesian.stemmer == "indonesian"
    resource = make_resource("Tzuultaq'a", full_text="Ajcuink xchʼool rikʼin li ruchichʼochʼ",
                             languages=["mop"])
    assert set(backend().match(parse("ruchichʼochʼ"), [""])) == {resource.pk}


def test_the_form_offers_the_interface_languages_and_those_of_published_resources(
        client: Client):
    make_resource("Radio K'iche'", languages=["quc"])
    make_resource("Borrador", languages=["kek"], published=False)
    page = client.get("/en/propose/").content.decode()
    assert "K&#x27;iche&#x27;" in page and "Q&#x27;eqchi&#x27;" not in page
    assert "Another language" in page


def test_a_contributor_names_another_language_and_the_proposal_is_in_it(client: Client):
    answer = client.post("/es/propose/", proposal_data(client, other_languages="Indonesio, cak"))
    code_in(answer.content)
    resource = Proposal.objects.get().resource
    assert sorted(resource.languages.values_list("code", flat=True)) == ["cak", "id"]


@pytest.mark.parametrize(("typed", "said"), [
    ("Klingonese", "No conocemos ninguna lengua llamada «Klingonese»"),
    ("zapot", "«zapot» podría ser"),
])
def test_a_language_we_cannot_tell_is_asked_again_and_nothing_is_kept(
        client: Client, typed: str, said: str):
    languages = Language.objects.count()
    answer = client.post("/es/propose/", proposal_data(client, other_languages=typed))
    assert said in answer.content.decode()
    assert not Proposal.objects.exists() and Language.objects.count() == languages
    assert not Resource.objects.exists()


def test_an_editor_adds_a_language_by_its_code_and_its_name_comes_with_it(
        client: Client, editor):  # type: ignore[no-untyped-def]
    sign_in(client, editor)
    add = "/editors/catalogue/language/add/"
    data = {"code": "tzj", "name": "", "native_name": "", "direction": "ltr", "stemmer": ""}
    client.post(add, data)
    assert Language.objects.get(code="tzj").native_name == "Tz'utujil"
    with translation.override("en"):
        refused = client.post(add, {**data, "code": "spa"}).content.decode()
        assert "Give its shortest ISO code: “es”." in refused
        refused = client.post(add, {**data, "code": "zzz"}).content.decode()
        assert "is not the ISO 639 code of a living language" in refused
