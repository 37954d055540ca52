"""Editors see which works exist in which languages, and which are missing in one."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from resguardo.catalogue import coverage
from resguardo.catalogue.models import Resource
from resguardo.conftest import make_resource, make_staff

pytestmark = pytest.mark.django_db


def same_work(*resources: Resource) -> None:
    for resource in resources[1:]:
        resource.join_work_of(resources[0])
        resource.save()


@pytest.fixture
def works(db) -> dict[str, Resource]:
    found = {
        "radio": make_resource("Community radio", languages=["en"]),
        "radio-es": make_resource("Radio comunitaria", languages=["es"]),
        "patrols": make_resource("Territory patrols", languages=["en"]),
        "care": make_resource("Soin collectif", languages=["fr"], published=False),
        "gone": make_resource("Withdrawn guide", languages=["en"]),
    }
    same_work(found["radio"], found["radio-es"])
    found["gone"].withdraw()
    found["gone"].save()
    return found


def table(body: str) -> str:
    return body.split('<table id="coverage">', 1)[1].split("</table>", 1)[0]


def headers(body: str) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", h).split()[0]
            for h in re.findall(r'<th scope="col">(.*?)</th>', table(body), re.S)]


def rows(body: str) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+)</th>', table(body))


def test_the_table_shows_each_work_in_each_language(editor_client, works):
    response = editor_client.get(reverse("admin:catalogue_resource_coverage"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "3 works in the catalogue." in body  # the withdrawn one is left out
    assert headers(body) == ["Work", "English", "Español", "Français", "Português"]
    assert rows(body) == ["Community radio", "Territory patrols", "Soin collectif"]
    radio_es = reverse("admin:catalogue_resource_change", args=[works["radio-es"].pk])
    assert f'<a href="{radio_es}" lang="es">Radio comunitaria</a>' in body
    assert "Soin collectif</a> (draft)" in body
    assert "Withdrawn guide" not in body
    assert "<caption>Works and the languages they are in</caption>" in body


def test_the_counts_per_language_head_the_columns(editor_client, works):
    body = editor_client.get(reverse("admin:catalogue_resource_coverage")).content.decode()
    columns = re.findall(r'<th scope="col">(.*?)</th>', table(body), re.S)[1:]
    assert ["2 works", "1 work", "1 work", "0 works"] == [
        re.search(r"\d+ works?", c).group(0) for c in columns]
    assert '<a href="?missing=es">2 missing</a>' in columns[1]


def test_missing_in_a_language_shows_only_the_works_without_it(editor_client, works):
    response = editor_client.get(reverse("admin:catalogue_resource_coverage"),
                                 {"missing": "es"})
    body = response.content.decode()
    assert rows(body) == ["Territory patrols", "Soin collectif"]
    assert "2 works missing in Español" in body
    assert '<option value="es" selected>' in body
    english = editor_client.get(reverse("admin:catalogue_resource_coverage"),
                                {"missing": "en"}).content.decode()
    assert rows(english) == ["Soin collectif"]


def test_the_works_come_in_pages(editor_client, works, monkeypatch):
    monkeypatch.setattr(coverage, "PAGE_SIZE", 2)
    url = reverse("admin:catalogue_resource_coverage")
    first = editor_client.get(url, {"missing": "pt"}).content.decode()
    assert rows(first) == ["Community radio", "Territory patrols"]
    assert 'href="?missing=pt&amp;page=2" rel="next"' in first
    assert rows(editor_client.get(url, {"missing": "pt", "page": "2"}).content.decode()) == [
        "Soin collectif"]


def test_the_admin_index_and_sidebar_link_to_it(editor_client, works):
    url = reverse("admin:catalogue_resource_coverage")
    assert f'<a href="{url}">Language coverage</a>' in editor_client.get(
        reverse("admin:index")).content.decode()
    sidebar = editor_client.get(reverse("admin:catalogue_resource_changelist"))
    assert f'<a href="{url}">Language coverage</a>' in sidebar.content.decode()


def test_only_staff_signed_in_with_a_code_open_it(client, works):
    url = reverse("admin:catalogue_resource_coverage")
    assert client.get(url).status_code == 302  # to the sign-in page
    reader = User.objects.create_user("reader", password="a long enough passphrase 42")
    client.force_login(reader)
    assert client.get(url).status_code == 302
    client.force_login(make_staff("no-code"))  # a password alone, no code yet
    response = client.get(url)
    assert response.status_code == 302 and "Community radio" not in response.content.decode()


def test_it_counts_a_large_catalogue_in_a_few_queries(editor_client, works,
                                                      django_assert_max_num_queries):
    for n in range(30):
        make_resource(f"Guide {n}", languages=["en", "pt"][: 1 + n % 2])
    url = reverse("admin:catalogue_resource_coverage")
    editor_client.get(url)
    with django_assert_max_num_queries(14):
        editor_client.get(url, {"missing": "fr"})


def test_the_page_and_the_resource_form_are_valid_html(editor_client, works, tmp_path):
    from resguardo.tests.browser import INSTALL_CHECKERS, VNU, require_file, require_java
    from resguardo.tests.test_html_validity import _vnu_errors

    java, vnu = require_java(), require_file(VNU, INSTALL_CHECKERS)
    make_resource("No language yet").languages.clear()  # a column of its own
    pages = [reverse("admin:catalogue_resource_coverage"),
             reverse("admin:catalogue_resource_change", args=[works["radio"].pk])]
    files = []
    for n, url in enumerate(pages):
        files.append(tmp_path / f"{n}.html")
        files[-1].write_bytes(editor_client.get(url).content)
    assert "No language given" in files[0].read_text()
    assert not [(e["url"], e["message"]) for e in _vnu_errors(java, vnu, files)]
