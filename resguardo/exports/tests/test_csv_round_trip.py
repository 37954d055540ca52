"""`resguardo export csv` then `resguardo import`: the catalogue comes back the same."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resguardo.catalogue.models import Audience, Organisation, Region, Resource
from resguardo.conftest import make_resource
from resguardo.exports.tests.catalogue_csv import export, run_import

pytestmark = pytest.mark.django_db


def _varied_library() -> None:
    first = make_resource(
        'Protocolo "comunitario", parte 1\nsegunda línea', type_slug="case-studies",
        summary="Cómo una comunidad, en el Cauca, se protege.\nSegunda línea: «citas».",
        themes=["community-protocols", "risk-context-analysis"], languages=["es", "qu"],
        publishers=["Urgent Action Fund, Front Line Defenders", "Pensamiento y Acción Social"],
        year=2019, rating=5, url="https://example.org/protocolo.pdf", countries=["CO", "PE"])
    first.regions.set(Region.objects.filter(slug="latin-america-caribbean"))
    first.audiences.set(Audience.objects.filter(slug__in=["communities-defenders", "donors"]))
    make_resource("الحماية الجماعية", type_slug="videos-webinars", languages=["ar", "fr"],
                  summary="Résumé — ça « marche », 100 %", themes=["digital-security"],
                  year=2021, rating=1, published=False, publishers=["Front Line Defenders"])
    third = make_resource("-Dash first; and a semicolon", type_slug="templates",
                          summary="=SUM(1,2) would be a formula", languages=["en"])
    third.withdraw()
    third.save()
    fourth = make_resource("Défenseurs en Afrique de l'Ouest", type_slug="reports-research",
                           themes=["legal-protection", "well-being-collective-care",
                                   "funding-donor-practice"], languages=["fr", "sw"],
                           publishers=["Iniciativa Mesoamericana de Defensoras (IM-Defensoras)",
                                       "Front Line Defenders"], year=1995, rating=3,
                           countries=["CI", "BQ", "BS"])
    fourth.regions.set(Region.objects.filter(slug__in=["africa", "global"]))
    make_resource("Radio training", type_slug="audio-visual", languages=["pt"], year=2024,
                  rating=2, url="http://example.net/radio?a=1&b=2")


def test_exporting_importing_into_an_empty_library_and_exporting_again_gives_the_same_bytes(
        tmp_path):
    _varied_library()
    first = tmp_path / "first.csv"
    export(str(first))
    assert export() == first.read_bytes().decode("utf-8-sig")  # stdout: the same, no BOM

    Resource.objects.all().delete()
    Organisation.objects.all().delete()
    result = run_import(first)
    assert result.ok, result.out
    assert "Created: 5" in result.lines
    assert Organisation.objects.count() == 4

    second = tmp_path / "second.csv"
    export(str(second))
    assert second.read_bytes() == first.read_bytes()


def test_the_export_holds_what_the_spreadsheet_shows(tmp_path):
    _varied_library()
    text = export()
    header = text.split("\r\n", 1)[0]
    assert header == ("ID,Title,Summary,Type,Area/themes,What works,What is needed,Audience,"
                      "Language(s),Country/Region,Organisation,Year,Rating,URL,File,Status,"
                      "Description,Licence,Pages,Duration,Same work as,URL leads to")
    assert ('Colombia; Latin America and the Caribbean; Peru,"Pensamiento y Acción Social; '
            'Urgent Action Fund, Front Line Defenders",2019,5,') in text
    assert "Quechua; Spanish" in text
    assert """'-Dash first; and a semicolon,"'=SUM(1,2) would be a formula",Templates""" in text
    assert ",draft,,,,,,\r\n" in text and ",withdrawn,,,,,,\r\n" in text
    assert "Bahamas (The); Bonaire, Sint Eustatius and Saba; Côte d'Ivoire; Global" in text
    ids = [line.split(",", 1)[0] for line in text.splitlines()[1:] if line[:1] == "r"]
    assert ids == sorted(ids)


def test_an_existing_file_is_kept_unless_forced(tmp_path):
    out = tmp_path / "catalogue.csv"
    out.write_text("mine")
    with pytest.raises(Exception, match="exists already"):
        export(str(out))
    assert out.read_text() == "mine"
    export(str(out), "--force")
    assert out.read_text(encoding="utf-8-sig").startswith("ID,Title")


def test_only_the_csv_goes_to_stdout_when_no_file_is_given():
    with pytest.raises(CommandError, match="Give the file to write"):
        call_command("export", "static", stdout=StringIO(), stderr=StringIO())
    err = StringIO()
    call_command("export", "csv", stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "Exporting: 0", "Exporting: 0", "0 resources written to standard output"]


def test_terms_keep_their_own_names_whatever_the_interface_language(tmp_path):
    from django.utils.translation import override

    _varied_library()
    english = export()
    with override("es"):
        assert export() == english  # a file reads the same everywhere and imports again
    assert "Case studies" in english and "Estudios de caso" not in english
