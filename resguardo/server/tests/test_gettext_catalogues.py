"""Editors reading Portuguese get Django's own strings in Brazilian Portuguese, like ours:
"Usuário" and "Senha", not the European "Utilizador" and "Palavra-passe"."""

import gettext
import os
from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import User
from django.test import Client

from resguardo.conftest import sign_in
from resguardo.server import gettext_catalogues


@pytest.fixture
def brazilian(tmp_path: Path, settings: object) -> Path:
    """What `resguardo setup` writes, where the settings look for it."""
    gettext_catalogues.write_variants(tmp_path)
    settings.LOCALE_PATHS = [settings.LOCALE_PATHS[0], tmp_path]  # type: ignore[attr-defined]
    return tmp_path


def text(page: bytes) -> str:
    return page.decode()


@pytest.mark.django_db
def test_the_sign_in_page_in_portuguese_is_brazilian(brazilian: Path, client: Client) -> None:
    page = text(client.get("/editors/login/", HTTP_ACCEPT_LANGUAGE="pt").content)
    assert "Usuário:" in page and "Senha:" in page
    assert "Utilizador" not in page and "Palavra-passe" not in page
    assert "Esqueceu a sua senha?" in page  # ours still win over Django's


def test_without_the_written_catalogue_portuguese_is_european(
        client: Client, db: None, settings: object) -> None:
    # What the catalogue is for (and what an install that skipped `setup` shows).
    settings.LOCALE_PATHS = settings.LOCALE_PATHS[:1]  # type: ignore[attr-defined]
    assert "Utilizador" in text(client.get("/editors/login/",
                                           HTTP_ACCEPT_LANGUAGE="pt").content)


@pytest.mark.django_db
def test_the_editors_area_and_country_names_are_brazilian(brazilian: Path, editor: User
                                                          ) -> None:
    editors = sign_in(Client(), editor)
    home = text(editors.get("/editors/", HTTP_ACCEPT_LANGUAGE="pt").content)
    assert "Encerrar sessão" in home and "Terminar sessão" not in home
    from django.utils.translation import override
    from django_countries import countries

    with override("pt"):
        assert countries.name("KE") == "Quênia"  # European: Quénia


def mo(plural_forms: str, *entries: polib.MOEntry) -> polib.MOFile:
    catalogue = polib.MOFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8",
                          "Plural-Forms": plural_forms}
    catalogue.extend(entries)
    return catalogue


def test_catalogues_merge_with_the_later_winning_and_plural_forms_rearranged(
        tmp_path: Path) -> None:
    three = "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
    merged = gettext_catalogues.merge([
        mo(three, polib.MOEntry(msgid="Yes", msgstr="Sim"),
           polib.MOEntry(msgid="No", msgstr="Não"),
           polib.MOEntry(msgctxt="ctx", msgid="Close", msgstr="Fechado")),
        mo("nplurals=2; plural=(n > 1);", polib.MOEntry(msgid="No", msgstr="Nunca"),
           polib.MOEntry(msgid="%(n)d file", msgid_plural="%(n)d files",
                         msgstr_plural={0: "%(n)d arquivo", 1: "%(n)d arquivos"}),
           polib.MOEntry(msgctxt="ctx", msgid="Open", msgstr="Aberto"),
           polib.MOEntry(msgid="%(n)d try", msgid_plural="%(n)d tries",  # broken: left out
                         msgstr_plural={0: "%(n)d tentativa", 1: "falhas"})),
    ])
    path = tmp_path / "pt" / "LC_MESSAGES" / "django.mo"
    gettext_catalogues.write_mo(path, merged)
    assert os.listdir(path.parent) == ["django.mo"]  # the partial file was renamed
    with path.open("rb") as file:
        read = gettext.GNUTranslations(file)
    assert read.info()["plural-forms"] == three  # the first catalogue's header
    assert (read.gettext("Yes"), read.gettext("No")) == ("Sim", "Nunca")
    assert read.pgettext("ctx", "Open") == "Aberto" and read.gettext("Open") == "Open"
    assert read.pgettext("ctx", "Close") == "Fechado"
    assert [read.ngettext("%(n)d file", "%(n)d files", n) for n in (0, 1, 2, 10**6)] == [
        "%(n)d arquivo", "%(n)d arquivo", "%(n)d arquivos", "%(n)d arquivos"]
    assert read.ngettext("%(n)d try", "%(n)d tries", 2) == "%(n)d tries"  # not found


def test_the_written_catalogue_keeps_the_packages_contexts_and_plurals(tmp_path: Path) -> None:
    [path, _js] = gettext_catalogues.write_variants(tmp_path)
    with path.open("rb") as file:
        read = gettext.GNUTranslations(file)
    assert read.pgettext("abbrev. month", "Feb.") == "Fev."
    assert [read.ngettext("%(counter)s result", "%(counter)s results", n) for n in (1, 2)] == [
        "%(counter)s resultado", "%(counter)s resultados"]  # the admin's
