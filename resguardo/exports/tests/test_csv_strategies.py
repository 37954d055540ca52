"""The coalition's classification in its spreadsheet: a `What works` and a `What is needed`
column of strategies, exported and imported again the same."""

import pytest

from resguardo.catalogue.models import Organisation, Resource, Strategy
from resguardo.conftest import make_resource
from resguardo.exports.tests.catalogue_csv import export, run_import, write

pytestmark = pytest.mark.django_db


def _classified() -> Resource:
    resource = make_resource("Radio alerts in the Cauca", type_slug="audio-visual",
                             themes=["communication-early-warning"], languages=["es"])
    resource.strategies.set(Strategy.objects.filter(slug__in=[
        "emergency-communication-plans", "community-protocols",
        "communication-radio-early-warning"]))
    return resource


def _slugs(resource: Resource) -> set[str]:
    return set(resource.strategies.values_list("slug", flat=True))


def test_each_group_has_its_column_in_the_coalitions_words():
    _classified()
    header, row = export().splitlines()[:2]
    assert "What works,What is needed" in header
    assert (",Community protocols; Emergency communication plans,"
            "\"Communication, radio and early warning\",") in row


def test_strategies_come_back_the_same_through_an_empty_library(tmp_path):
    _classified()
    make_resource("Not classified")
    first = tmp_path / "first.csv"
    export(str(first))
    Resource.objects.all().delete()
    Organisation.objects.all().delete()
    assert run_import(first).ok
    assert _slugs(Resource.objects.get(title="Radio alerts in the Cauca")) == {
        "emergency-communication-plans", "community-protocols",
        "communication-radio-early-warning"}
    second = tmp_path / "second.csv"
    export(str(second))
    assert second.read_bytes() == first.read_bytes()


def test_an_unknown_strategy_is_refused_with_the_closest_one_we_know(tmp_path):
    result = run_import(write(tmp_path, "Title,Type,What is needed\n"
                                        "A guide,Templates,Patrol\n"))
    assert not result.ok
    assert ("Line 2, column What is needed: “Patrol” is not a strategy we know. "
            "Did you mean “Patrols”?") in result.lines
    assert not Resource.objects.exists()


def test_a_strategy_in_the_other_groups_column_is_an_error(tmp_path):
    result = run_import(write(tmp_path, "Title,Type,What works,What is needed\n"
                                        "A guide,Templates,Patrols,Relocation plans\n"))
    assert not result.ok
    assert ("Line 2, column What works: “Patrols” is a strategy of “What is needed”: put it "
            "in the What is needed column.") in result.lines
    assert ("Line 2, column What is needed: “Relocation plans” is a strategy of “What "
            "works”: put it in the What works column.") in result.lines
    assert not Resource.objects.exists()


def test_a_strategy_is_found_by_its_slug_or_its_spanish_name(tmp_path):
    result = run_import(write(tmp_path, "Title,Type,What works,What is needed\n"
                                        "A guide,Templates,joint-committees,Recorridos de "
                                        "vigilancia\n"))
    assert result.ok, result.out
    assert _slugs(Resource.objects.get()) == {"joint-committees", "patrols"}


def test_a_column_left_out_keeps_that_groups_strategies(tmp_path):
    resource = _classified()
    result = run_import(write(tmp_path, f"ID,Title,Type,What is needed\n"
                                        f"{resource.slug},{resource.title},Audio & visual,"
                                        f"Patrols\n"))
    assert result.ok, result.out
    assert "Updated: 1" in result.lines
    assert _slugs(resource) == {"emergency-communication-plans", "community-protocols",
                                "patrols"}
    again = run_import(write(tmp_path, f"ID,Title,Type,What is needed\n"
                                       f"{resource.slug},{resource.title},Audio & visual,"
                                       f"Patrols\n", name="again.csv"))
    assert "Unchanged: 1" in again.lines
