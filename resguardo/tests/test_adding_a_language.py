"""A new interface language is data and a catalogue file, with no change to the code
(docs/translating.md, Adding a language): a row in the language table and a compiled catalogue in a
locale folder make its pages, its prefix and its place in the switcher."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

# Imported before these tests add languages: the URLs (the sitemaps per language among
# them) are made once, as a server makes them from its own settings.
import resguardo.urls  # noqa: F401
from resguardo.catalogue.models import Language
from resguardo.tests.browser import missing
from resguardo.web.languages import settings_languages

SWAHILI = {
    "Catalogue": "Katalogi",
    "Learn": "Jifunze",
    "Trainings": "Mafunzo",
    "Skip to content": "Ruka hadi maudhui",
    "Language": "Lugha",
}
ARABIC = {"Catalogue": "الفهرس", "Learn": "تعلّم", "Language": "اللغة"}


def write_catalogue(locale: Path, code: str, strings: dict[str, str]) -> Path:
    """A translator's catalogue, compiled as docs/translating.md says (msgfmt)."""
    if not shutil.which("msgfmt"):
        missing("GNU gettext's msgfmt is missing (apt-get install -y gettext)")
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": code,
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for msgid, msgstr in strings.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    folder = locale / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po.save(str(folder / "django.po"))
    subprocess.run(["msgfmt", "--check", "-o", str(folder / "django.mo"),
                    str(folder / "django.po")], check=True)
    return folder


@pytest.fixture
def added(tmp_path: Path, settings) -> Path:  # type: ignore[no-untyped-def]
    """Swahili and Arabic catalogues in an installation's own locale folder, and the
    settings as they are when Resguardo starts with that folder there."""
    locale = tmp_path / "locale"
    write_catalogue(locale, "sw", SWAHILI)
    write_catalogue(locale, "ar", ARABIC)
    settings.LOCALE_PATHS = [settings.LOCALE_PATHS[0], locale]
    settings.LANGUAGES = settings_languages(settings.LOCALE_PATHS)
    return locale


def test_the_interface_languages_are_those_with_a_catalogue(added: Path) -> None:
    assert [code for code, _name in settings.LANGUAGES] == ["en", "ar", "es", "fr", "pt", "sw"]
    assert settings_languages([added]) == [
        ("en", "English"), ("ar", "العربيّة"), ("sw", "Kiswahili")]


def test_the_added_language_has_its_pages_and_its_place_in_the_switcher(
        client: Client, seeded: None, added: Path) -> None:
    html = client.get("/sw/learn/").content.decode()
    assert re.search(r'<html lang="sw" dir="ltr">', html)
    assert "Ruka hadi maudhui" in html and ">Katalogi</a>" in html and ">Jifunze</a>" in html
    assert '<nav class="langs" aria-label="Lugha">' in html
    assert '<strong lang="sw" dir="ltr" aria-current="page">Kiswahili</strong>' in html
    # What it has no translation for yet reads in English, never as an empty string.
    assert "Skip to content" not in html and "Contact the editors" in html
    english = client.get("/en/learn/").content.decode()
    assert ('<a href="/language/sw/?next=/sw/learn/" hreflang="sw" lang="sw" dir="ltr" '
            'rel="alternate">Kiswahili</a>') in english
    assert client.get("/learn/", headers={"accept-language": "sw"})["Location"] == "/sw/learn/"
    assert client.get("/", headers={"accept-language": "sw"})["Content-Language"] == "sw"


def test_a_right_to_left_language_turns_the_page_from_the_language_table(
        client: Client, seeded: None, added: Path) -> None:
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html and ">الفهرس</a>" in html
    assert ('<a href="/language/ar/?next=/ar/" hreflang="ar" lang="ar" dir="rtl" '
            'rel="alternate">العربية</a>') in client.get("/en/").content.decode()


def test_the_language_table_names_the_language(client: Client, db: None, added: Path) -> None:
    Language.objects.filter(code="sw").update(native_name="Kiswahili sanifu")
    assert ">Kiswahili sanifu</a>" in client.get("/en/learn/").content.decode()
    Language.objects.filter(code="sw").delete()
    # Without a row, Django's own list names it until an editor adds one.
    assert ">Kiswahili</a>" in client.get("/en/learn/").content.decode()


def test_resguardo_starts_with_a_catalogue_dropped_into_its_data_folder(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "locale", "sw", SWAHILI)
    started = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
         "settings; from django.utils import translation; translation.activate('sw'); "
         "print(dict(settings.LANGUAGES)['sw'], translation.gettext('Learn'))"],
        env={**os.environ, "DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE":
             "resguardo.settings"}, capture_output=True, text=True, check=True, timeout=60)
    assert started.stdout.split() == ["Kiswahili", "Jifunze"]
