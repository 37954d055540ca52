"""How a cell's words find a known value and, failing that, a suggestion
(exports.csv.vocabulary)."""

import pytest

from resguardo.exports.csv.columns import column_for
from resguardo.exports.csv.vocabulary import Vocabulary, key, languages, places, statuses


@pytest.mark.parametrize(("one", "other"), [
    ("Guides & Manuals", "guides and manuals"),
    ("guides-manuals", "GUIDES MANUALS"),
    ("Español", "espanol"),
    ("Côte d’Ivoire", "cote divoire"),
    ("Straße", "strasse"),
    ("ﬁle", "file"),  # a ligature is its letters
])
def test_names_that_differ_in_case_accents_spaces_or_punctuation_are_one_key(one, other):
    assert key(one) == key(other)


def test_letters_and_digits_of_any_script_are_kept():
    assert key("Кыргыз 2") == "кыргыз2"
    assert key("العربية") == "العربية"
    assert key(" - ; ") == ""
    assert key("A&B") == "aandb"


def _themes() -> Vocabulary[str]:
    vocabulary: Vocabulary[str] = Vocabulary()
    vocabulary.add("guides", ["guides-manuals", "Guides & manuals"], suggest="Guides & manuals")
    vocabulary.add("latam", ["latin-america", "Latin America and the Caribbean"],
                   suggest="Latin America and the Caribbean")
    vocabulary.add("security", ["digital-security", "Digital security"],
                   suggest="Digital security")
    return vocabulary


def test_the_first_value_to_claim_a_word_keeps_it():
    vocabulary = _themes()
    vocabulary.add("other", ["Digital Security", "another name"], suggest="Digital security")
    assert vocabulary.get("digital security") == "security"
    assert vocabulary.get("Another-Name") == "other"
    assert vocabulary.names == {key(n): n for n in [
        "Guides & manuals", "Latin America and the Caribbean", "Digital security"]}


def test_an_unknown_word_finds_nothing_and_an_empty_one_suggests_nothing():
    vocabulary = _themes()
    assert vocabulary.get("guide") is None
    assert vocabulary.closest("") is None
    assert vocabulary.closest(" ; ") is None


@pytest.mark.parametrize(("word", "suggestion"), [
    ("Guide", "Guides & manuals"),  # close to one word of the name
    ("Guides manual", "Guides & manuals"),  # close to the whole name
    ("Latin America", "Latin America and the Caribbean"),  # held in the name
    ("digital securty", "Digital security"),
    ("Caribbean", "Latin America and the Caribbean"),
])
def test_a_near_miss_is_offered_the_name_it_was_meant_to_be(word, suggestion):
    assert _themes().closest(word) == suggestion


@pytest.mark.parametrize("word", ["Nonsense", "gui", "sec", "Atlantis", "xyzq"])
def test_a_word_far_from_every_name_or_too_short_to_be_held_gets_no_suggestion(word):
    assert _themes().closest(word) is None


def test_a_name_holding_the_word_beats_a_name_merely_close_to_it():
    vocabulary: Vocabulary[str] = Vocabulary()
    vocabulary.add("a", ["Radios"], suggest="Radios")
    vocabulary.add("b", ["Community radio networks"], suggest="Community radio networks")
    assert vocabulary.closest("radio net") == "Community radio networks"
    assert vocabulary.closest("radis") == "Radios"


@pytest.mark.django_db
def test_a_language_is_found_by_code_english_name_or_its_own_name():
    vocabulary = languages()
    spanish = vocabulary.get("es")
    assert spanish is not None and spanish.code == "es"
    assert vocabulary.get("Spanish") == vocabulary.get("ESPAÑOL") == spanish
    assert vocabulary.closest("Spanich") == "Spanish"
    assert vocabulary.get("Klingon") is None


@pytest.mark.django_db
def test_a_country_is_found_by_either_code_its_names_and_its_names_in_our_languages():
    vocabulary = places()
    for word in ["PE", "per", "Peru", "Perú", "Pérou"]:
        assert vocabulary.get(word) == "PE", word
    assert vocabulary.get("Russia") == vocabulary.get("Rusia") == vocabulary.get("RUS") == "RU"
    assert vocabulary.get("Swaziland") == "SZ"  # a former name
    assert vocabulary.closest("Colombiaa") == "Colombia"


@pytest.mark.django_db
def test_a_region_slug_wins_over_a_country_of_the_same_spelling():
    vocabulary = places()
    region = vocabulary.get("global")
    assert region is not None and not isinstance(region, str)
    assert region.slug == "global"


@pytest.mark.django_db
def test_statuses_are_found_by_value_or_by_their_label_in_any_interface_language():
    vocabulary = statuses()
    assert vocabulary.get("withdrawn") == "withdrawn"
    assert vocabulary.get("Borrador") == "draft"
    assert vocabulary.get("Publiée") == "published"
    assert sorted(vocabulary.names.values()) == ["draft", "published", "withdrawn"]


@pytest.mark.parametrize(("header", "column"), [
    ("Language(s)", "Language(s)"), ("LANGUAGES", "Language(s)"), (" language ", "Language(s)"),
    ("Area / Themes", "Area/themes"), ("organization", "Organisation"),
    ("Countries/Regions", "Country/Region"), ("Web address", "URL"), ("file-name", "File"),
    ("UUID", "ID"), ("Notes", None), ("", None),
])
def test_a_header_is_read_like_a_value(header, column):
    assert column_for(header) == column
