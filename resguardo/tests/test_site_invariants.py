"""Cheap checks that hold for the whole site (djangoproject.com style)."""

import os
import re
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from resguardo.catalogue.models import Resource

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def public_pages() -> list[str]:
    with_text = Resource.objects.exclude(full_text="").first()
    without_text = Resource.objects.filter(full_text="").first()
    assert with_text and without_text
    return [
        "/en/", "/en/catalogue/", "/en/catalogue/?q=protection",
        "/en/catalogue/?q=nothingmatchesthis",
        "/en/catalogue/?theme=community-protocols&type=case-studies&page=2",
        with_text.get_absolute_url(), without_text.get_absolute_url(),
        f"{with_text.get_absolute_url()}text/",
        "/en/learn/", "/en/learn/what-is-collective-protection/", "/en/learn/case-study-zanzibar/",
        "/en/trainings/", "/en/trainings/past/", "/en/themes/community-protocols/",
    ]


def test_no_migrations_are_missing():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_every_public_page_answers_with_one_h1_and_a_language(client, seeded):
    for url in public_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert body.count("<h1") == 1, url
        assert re.search(r'<html lang="[a-z]{2}[^"]*" dir="(ltr|rtl)">', body), url


def test_a_missing_page_has_one_h1_too(client, seeded):
    response = client.get("/en/resources/no-such-thing/")
    assert response.status_code == 404
    assert response.content.decode().count("<h1") == 1


def test_public_pages_load_nothing_from_other_hosts(client, seeded):
    for url in public_pages():
        body = client.get(url).content.decode()
        loaded = re.findall(r'<(?:link|script|img|iframe|source|video|audio)[^>]+'
                            r'(?:src|href)="([^"]+)"', body)
        # data:, is the empty icon: it spares the browser a request for /favicon.ico.
        assert all(u.startswith("/") or u == "data:," for u in loaded), (url, loaded)
        assert "<script" not in body, url


def test_feeds_sitemap_and_opensearch_are_well_formed_xml(client, seeded):
    feed = ET.fromstring(client.get("/en/feeds/new.atom").content)
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 17
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sections = [e.text for e in ET.fromstring(client.get("/sitemap.xml").content)
                .iter(f"{namespace}loc")]
    assert len(sections) == 4 * 4  # static pages, knowledge pages, themes, resources; per language
    locations = [e.text for section in sections
                 for e in ET.fromstring(client.get(section).content).iter(f"{namespace}loc")]
    assert len(locations) == (17 + 5 + 16 + 4) * 4
    assert "http://testserver/fr/learn/" in locations
    assert "http://testserver/es/themes/community-protocols/" in locations
    assert {loc.split("/")[3] for loc in locations} == {"en", "es", "fr", "pt"}
    opensearch = client.get("/en/opensearch.xml")
    template = ET.fromstring(opensearch.content).find(
        "{http://a9.com/-/spec/opensearch/1.1/}Url").get("template")
    assert template == "http://testserver/en/catalogue/?q={searchTerms}"


def test_robots_txt_points_at_the_sitemap_and_keeps_robots_out_of_the_editors_area(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /editors/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_every_setting_is_documented_in_the_operators_guide():
    source = (ROOT / "resguardo" / "settings.py").read_text()
    source += (ROOT / "resguardo" / "server" / "management" / "commands" / "serve.py"
               ).read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|path)\(\s*"([A-Z_]+)"', source))
    guide = (ROOT / "docs" / "operating.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", guide, re.M))
    assert names and names <= documented, names - documented


def test_the_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^make (\w+)", readme.split("```")[1], re.M)
    assert commands == ["run", "test"]


def test_every_static_file_a_template_names_is_found_by_collectstatic():
    from django.contrib.staticfiles import finders

    templates = (ROOT / "resguardo").glob("**/templates/**/*.html")  # the apps' too
    named = {n for t in templates for n in re.findall(r"{% static '([^']+)' %}", t.read_text())}
    assert all(finders.find(name) for name in named), named


@pytest.mark.django_db
def test_pages_carry_their_stylesheet_inline_so_first_paint_needs_one_request(client):
    from django.contrib.staticfiles import finders

    body = client.get("/en/").content.decode()
    css = Path(str(finders.find("css/site.css"))).read_text().strip()
    assert f"<style>{css}</style>" in body
    assert 'rel="stylesheet"' not in body
    assert "<script" not in body


def test_a_fresh_data_folder_passes_djangos_checks(tmp_path):
    """What `make run` does first on a new machine: the settings must make what they name."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DATA_DIR", "SECRET_KEY")}
    done = subprocess.run([sys.executable, "-m", "resguardo.cli", "check"], cwd=ROOT,
                          env={**env, "DATA_DIR": str(tmp_path / "fresh")},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
