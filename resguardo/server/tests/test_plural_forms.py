"""How merged catalogues keep their plurals (server.gettext_catalogues), piece by piece: the
header's fields, which plural form answers which, and which entries are broken."""

import polib
from django.apps import apps

from resguardo.server import gettext_catalogues as catalogues

TWO_BR = "nplurals=2; plural=(n > 1);"
THREE = "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"


def test_a_plural_forms_header_is_read_field_by_field():
    assert catalogues._plural_field(THREE, "nplurals") == "3"
    assert catalogues._plural_field("nplurals = 2 ;plural = n>1;", "plural") == "n>1"
    assert catalogues._plural_field("", "plural") == ""
    assert catalogues._plural_field("nplurals=2\nplural=n!=1", "nplurals") == "2"


def test_the_same_rule_keeps_every_form_where_it_was():
    forms = catalogues._form_map(THREE, THREE)
    assert forms({0: "a", 1: "b", 2: "c"}) == {0: "a", 1: "b", 2: "c"}


def test_two_forms_are_spread_over_a_rule_of_three_by_the_numbers_each_takes():
    # Form 0 of the target is 0 or 1 (Brazilian form 0); forms 1 and 2 are the others.
    forms = catalogues._form_map(TWO_BR, THREE)
    assert forms({0: "one", 1: "many"}) == {0: "one", 1: "many", 2: "many"}


def test_a_translation_with_fewer_forms_than_its_rule_gives_its_last_for_the_rest():
    forms = catalogues._form_map(THREE, THREE)
    assert forms({0: "only"}) == {0: "only", 1: "only", 2: "only"}


def test_a_catalogue_without_a_rule_counts_as_english():
    assert catalogues._form_map("", "")({0: "a", 1: "b"}) == {0: "a", 1: "b"}


def _plural(*forms: str) -> polib.MOEntry:
    return polib.MOEntry(msgid="%(n)d file", msgid_plural="%(n)d files in %(place)s",
                         msgstr_plural=dict(enumerate(forms)))


def test_a_plural_entry_is_whole_when_every_plural_form_keeps_the_english_placeholders():
    assert catalogues._whole(_plural("um arquivo", "%(n)d arquivos em %(place)s"))
    assert not catalogues._whole(_plural("%(n)d arquivo", "%(n)d arquivos"))
    assert not catalogues._whole(_plural("a", "%(place)s %(n)d", "sem"))
    assert catalogues._whole(polib.MOEntry(msgid="Yes", msgstr=""))


def test_merging_nothing_gives_an_empty_catalogue_and_empty_msgids_are_left_out():
    assert list(catalogues.merge([])) == []
    header = polib.MOFile()
    header.append(polib.MOEntry(msgid="", msgstr="Content-Type: x"))
    assert list(catalogues.merge([header])) == []


def test_djangos_catalogue_is_the_weakest_and_the_first_installed_app_the_strongest():
    sources = catalogues._sources("pt_BR", "django")
    assert "django/conf/locale/pt_BR" in str(sources[0])
    first_app = next(iter(apps.get_app_configs()))
    assert str(sources[-1]).startswith(first_app.path)
    assert all(path.name == "django.mo" for path in sources)
