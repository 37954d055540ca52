"""Every field an editor sets travels through the CSV: a library with all of them set,
exported, imported into an empty library and exported again, gives the same bytes."""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import load_command_class
from django.utils.translation import override
from django_countries import countries

from resguardo.catalogue import services, world_languages
from resguardo.catalogue.models import (
    Audience,
    Language,
    Organisation,
    Region,
    Resource,
    Strategy,
)
from resguardo.conftest import make_resource
from resguardo.exports.csv.columns import COLUMNS
from resguardo.exports.tests.catalogue_csv import export, run_import, write
from resguardo.ingest.tests import files as made

pytestmark = pytest.mark.django_db

DESCRIPTION = ('Línea uno, con "comillas" y una coma.\n\nSegunda: «citas», 100 %;\n'
               "=HYPERLINK(\"http://x\") no es una fórmula")


def _library(tmp_path: Path) -> None:
    """Every field an editor sets, with values a spreadsheet finds hard: several in a
    cell, quotes, commas, line breaks, non-Latin scripts, text that looks like a formula,
    a language added from ISO 639-3, every country, a stored file and works of three, two
    and one versions."""
    yucatec = world_languages.language_row(world_languages.named("yua"))
    guide = make_resource(
        'Protocolo "comunitario"\nde protección', type_slug="guides-manuals",
        summary="Resumen; con punto y coma.\nY otra línea.", description=DESCRIPTION,
        themes=["community-protocols", "risk-context-analysis"], languages=["es", "qu"],
        publishers=["Urgent Action Fund, Front Line Defenders", "Pensamiento y Acción Social"],
        year=2019, rating=5, url="https://example.org/protocolo.pdf?a=1&b=2",
        countries=["CO", "GT"], licence="CC BY-SA 4.0", page_count=48,
        duration=timedelta(hours=26, minutes=5, seconds=7), slug="protocolo")
    guide.regions.set(Region.objects.filter(slug__in=["latin-america-caribbean", "global"]))
    guide.audiences.set(Audience.objects.filter(slug__in=["communities-defenders", "donors"]))
    guide.strategies.set([*Strategy.objects.filter(group=Strategy.Group.WORKS)[:2],
                          *Strategy.objects.filter(group=Strategy.Group.NEEDED)[:1]])
    guide.link_kind = Resource.LinkKind.PAGE
    guide.save()
    english = make_resource("Community protocol", slug="protocol-en", languages=["en"],
                            licence="=Public domain", description="@mention first",
                            duration=timedelta(minutes=45, microseconds=250000))
    mayan = make_resource("Protocolo comunitario (maaya t'aan)", slug="protocolo-yua",
                          published=False, licence="+ permission by mail", page_count=3)
    mayan.languages.set([yucatec])
    services.link_versions(resources=[guide, english, mayan])
    arabic = make_resource("الحماية الجماعية", slug="himaya", type_slug="videos-webinars",
                           languages=["ar"], description="نص طويل\nسطر ثان",
                           countries=[code for code, _name in countries])
    swahili = make_resource("Ulinzi wa pamoja", slug="ulinzi", languages=["sw"])
    services.link_versions(resources=[swahili, arabic])
    alone = make_resource("-Dash first", slug="alone", type_slug="templates")
    alone.withdraw()
    alone.save()
    with made.markdown(tmp_path / "radio.md").open("rb") as upload:
        services.attach_file(resource=alone, ingested=services.ingest_file(upload))


def _exported_and_emptied(folder: Path) -> Path:
    """The library made, exported into `folder`, then emptied as if just installed (its
    stored files stay on disk, where an editor would gather them)."""
    _library(folder)
    exported = folder / "first.csv"
    export(str(exported))
    Resource.objects.all().delete()
    Organisation.objects.all().delete()
    Language.objects.filter(code="yua").delete()  # added for the library, not installed
    return exported


def test_every_field_comes_back_byte_for_byte_through_an_empty_library(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    first = _exported_and_emptied(tmp_path)
    folder = tmp_path / "files"  # the stored files, as an editor would gather them
    folder.mkdir()
    for stored in Path(settings.MEDIA_ROOT).rglob("*.*"):
        shutil.copy(stored, folder)

    settings.MEDIA_ROOT = tmp_path / "another-library"
    result = run_import(first, "--files", str(folder))
    assert result.ok, result.out
    assert "Created: 6" in result.lines and "Files attached: 1" in result.lines

    second = tmp_path / "second.csv"
    export(str(second))
    assert second.read_bytes().decode("utf-8-sig") == first.read_bytes().decode("utf-8-sig")
    assert second.read_bytes() == first.read_bytes()


def test_what_the_round_trip_carries_is_really_there(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert run_import(_exported_and_emptied(tmp_path)).ok

    guide = Resource.objects.get(slug="protocolo")
    assert guide.description == DESCRIPTION
    assert guide.link_kind == Resource.LinkKind.PAGE
    assert guide.strategies.filter(group=Strategy.Group.WORKS).count() == 2
    assert guide.strategies.filter(group=Strategy.Group.NEEDED).count() == 1
    assert (guide.licence, guide.page_count) == ("CC BY-SA 4.0", 48)
    assert guide.duration == timedelta(hours=26, minutes=5, seconds=7)
    assert [c.code for c in guide.countries] == ["CO", "GT"]
    english = Resource.objects.get(slug="protocol-en")
    assert (english.licence, english.description) == ("=Public domain", "@mention first")
    assert english.duration == timedelta(minutes=45, microseconds=250000)
    assert Resource.objects.get(slug="protocolo-yua").languages.get().code == "yua"
    assert len(Resource.objects.get(slug="himaya").countries) == len(countries)

    def work(slug: str) -> set[str]:
        key = Resource.objects.get(slug=slug).translation_key
        return set(Resource.objects.filter(translation_key=key).values_list("slug", flat=True))
    assert work("protocolo") == {"protocolo", "protocol-en", "protocolo-yua"}
    assert work("ulinzi") == {"ulinzi", "himaya"}
    assert work("alone") == {"alone"}


def test_the_new_columns_read_as_an_editor_wrote_them(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    _library(tmp_path)
    text = export()
    assert text.splitlines()[0].endswith(",Status,Description,Licence,Pages,Duration,"
                                         "Same work as,URL leads to")
    assert (',published,"' + DESCRIPTION.replace('"', '""')
            + '",CC BY-SA 4.0,48,26:05:07,protocol-en; protocolo-yua,page\r\n') in text
    assert (",'@mention first,'=Public domain,,0:45:00.250000,protocolo; protocolo-yua,\r\n"
            in text)
    assert ",draft,,'+ permission by mail,3,,protocol-en; protocolo,\r\n" in text
    assert text.count("himaya") == 2  # its own line, and its version's Same work as


def test_the_export_does_not_depend_on_the_order_things_were_made_in(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_resource("Zeta", slug="zeta")
    make_resource("Alpha", slug="alpha")
    make_resource("Mu", slug="mu")
    services.link_versions(resources=list(Resource.objects.filter(slug__in=["mu", "zeta"])
                                          .order_by("-slug")) + [
        Resource.objects.get(slug="alpha")])
    text = export()
    assert [line.split(",")[0] for line in text.splitlines()[1:]] == ["alpha", "mu", "zeta"]
    assert text.splitlines()[1].endswith(",mu; zeta,")
    assert export() == text


def test_a_dry_run_into_an_empty_library_writes_nothing(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    result = run_import(_exported_and_emptied(tmp_path), "--dry-run")
    assert result.ok, result.out
    assert "Would be created: 6" in result.lines
    assert not Resource.objects.exists() and not Organisation.objects.exists()
    assert not Language.objects.filter(code="yua").exists()



def test_wrong_cells_in_the_new_columns_are_reported_by_line_and_column(tmp_path):
    result = run_import(write(tmp_path, (
        "ID,Title,Type,License,Page count,Duration,Same work as,Link kind\n"
        f"a,A,Templates,{'x' * 201},,,,\n"
        "b,B,Templates,CC0,twelve,,,Page\n"
        "c,C,Templates,,,an hour,,\n"
        "d,D,Templates,,,,a; b; elsewhere,work\n"
        "e,E,Templates,,,,,a copy\n")))
    assert not result.ok
    assert [line for line in result.lines if line.startswith("Line ")] == [
        "Line 2, column License: the licence is 201 characters long; at most 200 fit. Give "
        "its name and link to the full text from the Description.",
        "Line 3, column Page count: “twelve” is not a number of pages: write a whole number "
        "from 1, like 24.",
        "Line 4, column Duration: “an hour” is not a duration: write hours, minutes and "
        "seconds, like 1:05:00 for an hour and five minutes, or minutes and seconds, like "
        "45:00.",
        "Line 5, column Same work as: “elsewhere” is the ID of no line of this file and of no "
        "resource in the library.",
        "Line 6, column Link kind: “a copy” is not what a link leads to: write “page” for a "
        "page about the work on the publisher's site, or leave it empty for the work "
        "itself."]
    assert not Resource.objects.exists()


@pytest.mark.parametrize(("language", "words"), [
    ("en", "the coalition's columns: "), ("es", "las columnas de la coalición: ")])
def test_the_import_commands_help_names_every_column(language, words):
    with override(language):
        command = load_command_class("resguardo.exports", "import")
        shown = " ".join(command.create_parser("resguardo", "import").format_help().split())
    assert words + ", ".join(COLUMNS) + ";" in shown
    assert "Same work as" in shown
