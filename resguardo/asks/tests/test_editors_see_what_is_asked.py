"""Editors see the resources and languages readers ask for most, and the language coverage
page shows those asks beside the works missing in each language."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from resguardo.asks import services
from resguardo.asks.models import Ask
from resguardo.catalogue import coverage
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db
MOST = reverse("admin:asks_ask_most")


def _asks(resource, kind: str, language: str = "", times: int = 1) -> None:  # type: ignore[no-untyped-def]
    for n in range(times):  # each from another reader
        services.ask(resource=resource, kind=kind, language=language, who=f"reader {n}")


@pytest.fixture
def asked(db) -> dict[str, object]:
    radio = make_resource("Community radio", languages=["en"])
    patrols = make_resource("Territory patrols", languages=["en"])
    make_resource("Nobody asks", languages=["en"])
    _asks(radio, "language", "es", times=3)
    _asks(radio, "copy")
    _asks(patrols, "language", "fr", times=2)
    _asks(patrols, "language", "es")
    return {"radio": radio, "patrols": patrols}


def test_asks_are_counted_once_per_client_and_kind_and_language(asked):
    radio = asked["radio"]
    assert not services.ask(resource=radio, kind="language", language="es", who="reader 0")
    assert services.ask(resource=radio, kind="copy", language="es", who="reader 9")
    assert set(Ask.objects.filter(resource=radio).values_list("kind", "language", "count")) \
        == {("language", "es", 3), ("copy", "", 2)}


def test_the_most_asked_resources_and_languages_come_first(asked):
    most = services.most_asked()
    assert [(a.resource.title, a.copy, a.languages, a.total) for a in most] == [
        ("Community radio", 1, {"es": 3}, 4), ("Territory patrols", 0, {"fr": 2, "es": 1}, 3)]
    assert [(row.code, row.language and row.language.native_name, row.count, row.resources)
            for row in services.languages_asked()] == [("es", "Español", 4, 2),
                                                       ("fr", "Français", 2, 1)]


def test_an_editor_reads_the_most_asked_page_in_their_language(editor_client, asked):
    client = editor_client
    body = client.get(MOST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    resources = body.split('id="asked-resources"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<th scope="row"><a [^>]+>([^<]+)</a>', resources) == [
        "Community radio", "Territory patrols"]
    assert "Languages most asked for" in body
    spanish = client.get(MOST, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Recursos más pedidos" in spanish and "Idiomas más pedidos" in spanish


def test_the_most_asked_page_is_for_editors_only(client: Client, asked):
    assert client.get(MOST).status_code == 302  # to the sign-in page
    assert "Community radio" not in client.get(MOST, follow=True).content.decode()


def test_the_coverage_page_shows_the_asks_beside_the_gaps(editor_client, asked):
    body = editor_client.get(reverse("admin:catalogue_resource_coverage"),
                             HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = body.split('<table id="coverage">', 1)[1].split("</table>", 1)[0]
    heads = re.findall(r'<th scope="col">(.*?)</th>', table, re.S)
    spanish = next(h for h in heads if 'lang="es"' in h)
    assert "asked for 4 times" in spanish
    radio = next(r for r in table.split("<tr>") if "Community radio" in r)
    assert "asked for 3 times" in radio
    nobody = next(r for r in table.split("<tr>") if "Nobody asks" in r)
    assert "asked for" not in nobody


def test_coverage_counts_asks_per_work_and_language(asked):
    found = coverage.coverage()
    columns = {c.language.code: c.asked for c in found.columns if c.language}
    assert (columns["es"], columns["fr"], columns["en"]) == (4, 2, 0)
    cells = {(row.title, cell.language.code): cell.asked
             for row in found.rows for cell in row.cells if cell.language}
    assert cells[("Community radio", "es")] == 3
    assert cells[("Territory patrols", "fr")] == 2
    assert cells[("Nobody asks", "es")] == 0
