"""The offline copy holds every interface language, each in its folder, opens on the choice
of language, and its switcher goes to the same page in another language without a server."""

import re
from io import StringIO
from pathlib import Path
from zipfile import ZipFile

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext as _

from resguardo.catalogue.models import Language
from resguardo.conftest import make_resource
from resguardo.exports.offline.build import export_static
from resguardo.exports.tests import linkcheck
from resguardo.pages.models import Page
from resguardo.tests.browser import INSTALL_CHECKERS, VNU, require_file, require_java
from resguardo.tests.test_html_validity import _vnu_errors

pytestmark = pytest.mark.django_db
EVERY = [code for code, _name in settings.LANGUAGES]
_SWITCHER = re.compile(r'<nav class="langs".*?</nav>', re.DOTALL)
_CHOICE = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)"')


def _small_library() -> None:
    make_resource("A field guide", themes=["risk-context-analysis"], year=2020,
                  full_text="Walk together.")
    make_resource("A report", type_slug="reports-research", themes=["digital-security"])


def _switcher(page: str) -> dict[str, str]:
    """The switcher's links of a page: language -> href."""
    nav = _SWITCHER.search(page)
    assert nav, "the page has no language switcher"
    return {language: href for href, language in _CHOICE.findall(nav.group(0))}


def _html_lang(page: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', page)
    assert found
    return found.group(1)


@pytest.fixture
def copy(tmp_path: Path) -> ZipFile:
    _small_library()
    export_static(tmp_path / "copy.zip")
    return ZipFile(tmp_path / "copy.zip")


def test_the_copy_holds_every_language_in_its_own_words_and_switches_to_the_same_page(copy):
    assert len(EVERY) >= 4
    names = set(copy.namelist())
    assert linkcheck.broken(copy) == []
    for code in EVERY:
        with translation.override(code):
            skip, catalogue = _("Skip to content"), _("Browse the whole catalogue")
            cannot = _("This offline copy cannot search.")
        if code != "en":
            assert skip != "Skip to content", f"no {code} catalogue to compare with"
        for name in ("index.html", "catalogue/index.html", "learn/index.html",
                     "trainings/index.html", "catalogue/theme-digital-security.html"):
            page = copy.read(f"{code}/{name}").decode()
            assert _html_lang(page) == code, name
            assert skip in page, (code, name)
        home = copy.read(f"{code}/index.html").decode()
        assert catalogue in home and cannot in home
    # The pages are each language's; a resource's plain text is the same in all: held once.
    assert {name.split("/")[0] for name in names if "/" in name} == set(EVERY)
    assert len([name for name in names if name.endswith("text.txt")]) == 1

    pages = [name for name in names if name.endswith(".html") and "/" in name]
    assert len(pages) > 40
    for name in pages:
        language, rest = name.split("/", 1)
        links = _switcher(copy.read(name).decode())
        assert set(links) == set(EVERY) - {language}, name
        for other, href in links.items():
            assert linkcheck.target(name, href) == f"{other}/{rest}", (name, href)


def test_the_copy_opens_on_a_choice_of_language_each_named_in_itself(copy, tmp_path):
    index = copy.read("index.html").decode()
    names = dict(Language.objects.filter(code__in=EVERY).values_list("code", "native_name"))
    for code in EVERY:
        with translation.override(code):
            description = _("An open, light library of resources on collective protection "
                            "for human rights defenders and their communities.")
        assert (f'<li class="item" lang="{code}" dir="ltr"><a class="brand" '
                f'href="{code}/index.html" hreflang="{code}">{names.get(code, code)}</a>'
                f"\n<p>{description}</p></li>") in index
    assert "<style>" in index and "<h1>" in index

    java, vnu = require_java(), require_file(VNU, INSTALL_CHECKERS)
    (tmp_path / "index.html").write_bytes(copy.read("index.html"))
    assert _vnu_errors(java, vnu, [tmp_path / "index.html"]) == []


def test_chosen_languages_are_the_only_ones_copied_and_switched_to(tmp_path):
    _small_library()
    out = StringIO()
    call_command("export", "static", str(tmp_path / "copy.zip"), "--language", "pt",
                 "--language", "es", stdout=out, stderr=StringIO())
    assert "In 2 languages: es, pt" in out.getvalue()

    copy = ZipFile(tmp_path / "copy.zip")
    assert {name.split("/")[0] for name in copy.namelist() if "/" in name} == {"es", "pt"}
    assert linkcheck.broken(copy) == []
    assert 'href="es/index.html"' in copy.read("index.html").decode()
    assert 'href="en/index.html"' not in copy.read("index.html").decode()
    page = copy.read("es/catalogue/index.html").decode()
    assert _switcher(page) == {"pt": "../../pt/catalogue/index.html"}


def test_a_copy_in_one_language_opens_on_its_home_page(tmp_path):
    _small_library()
    export_static(tmp_path / "copy.zip", languages=["fr"])

    copy = ZipFile(tmp_path / "copy.zip")
    assert linkcheck.broken(copy) == []
    index = copy.read("index.html").decode()
    assert _html_lang(index) == "fr"
    assert 'href="fr/catalogue/index.html"' in index  # links made relative to the top
    assert 'class="langs"' not in index  # no other language to go to: no switcher
    assert not [name for name in copy.namelist() if name.startswith(("en/", "es/", "pt/"))]


def test_an_address_without_a_language_in_a_page_opens_that_languages_page(tmp_path):
    _small_library()
    Page.objects.create(title="Where to start", slug="start", is_published=True,
                        body="[Digital security](/catalogue/?theme=digital-security), "
                             "[learn more](/learn/).")
    export_static(tmp_path / "copy.zip", languages=["en", "es"])

    copy = ZipFile(tmp_path / "copy.zip")
    assert linkcheck.broken(copy) == []
    for code in ("en", "es"):
        page = copy.read(f"{code}/learn/start/index.html").decode()
        assert '<a href="../../catalogue/theme-digital-security.html">' in page
        assert '<a href="../index.html">learn more</a>' in page
