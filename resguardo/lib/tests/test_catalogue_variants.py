"""Editors reading Portuguese get Django's own strings in Brazilian Portuguese, like ours:
"Usuário" and "Senha", not the European "Utilizador" and "Palavra-passe"."""

import gettext
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from resguardo.conftest import sign_in
from resguardo.lib import catalogues


@pytest.fixture
def brazilian(tmp_path: Path, settings: object) -> Path:
    """What `resguardo setup` writes, where the settings look for it."""
    catalogues.write_variants(tmp_path)
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


def test_catalogues_merge_with_the_later_winning_and_plural_forms_rearranged(
        tmp_path: Path) -> None:
    three = b"Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && " \
            b"n % 1000000 == 0 ? 1 : 2;\n"
    two = b"Plural-Forms: nplurals=2; plural=(n > 1);\n"
    merged = catalogues.merge([
        {b"": three, b"Yes": b"Sim", b"No": b"N\xc3\xa3o"},
        {b"": two, b"No": b"Nunca", b"%(n)d file\0%(n)d files": b"%(n)d arquivo\0%(n)d arquivos",
         b"ctx\x04Open": b"Aberto",
         b"%(n)d try\0%(n)d tries": b"%(n)d tentativa\0falhas"},  # broken: left out
    ])
    path = tmp_path / "pt" / "LC_MESSAGES" / "django.mo"
    catalogues.write_mo(path, merged)
    assert catalogues.read_mo(path) == merged
    with path.open("rb") as mo:
        read = gettext.GNUTranslations(mo)
    assert (read.gettext("Yes"), read.gettext("No")) == ("Sim", "Nunca")
    assert read.pgettext("ctx", "Open") == "Aberto"
    assert [read.ngettext("%(n)d file", "%(n)d files", n) for n in (0, 1, 2, 10**6)] == [
        "%(n)d arquivo", "%(n)d arquivo", "%(n)d arquivos", "%(n)d arquivos"]
    assert read.ngettext("%(n)d try", "%(n)d tries", 2) == "%(n)d tries"  # not found
