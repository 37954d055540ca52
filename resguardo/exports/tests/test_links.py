"""Edge cases of where a link points in the offline copy (exports.offline.links), beside the
main cases in test_offline_links.py."""

import pytest
from django.urls import reverse
from django.utils import translation

from resguardo.exports.offline.links import Internal, Links, Unsupported, language_of, relative

HOST = "library.example.org"


@pytest.fixture
def links() -> Links:
    return Links(HOST, {HOST, "www.example.org"})


def _catalogue(language: str) -> str:
    with translation.override(language):
        return reverse("catalogue:catalogue")


@pytest.mark.parametrize("page", ["0", "-2", "1", "", "two", "1.5"])
def test_a_page_number_that_is_not_past_the_first_opens_the_first_page(links, page):
    catalogue = _catalogue("en")
    assert links.resolve(f"{catalogue}?page={page}", "/en/") == Internal(catalogue)


def test_the_same_filter_twice_is_one_filter(links):
    catalogue = _catalogue("en")
    assert links.resolve(f"{catalogue}?theme=land&theme=land&page=3", "/en/") == Internal(
        f"{catalogue}?theme=land&page=3")


def test_filters_are_put_in_the_facets_order_whatever_order_the_link_wrote(links):
    catalogue = _catalogue("en")
    page = f"{catalogue}?type=guides"
    # The link combines the page's filter with a new one: the new one's page opens.
    assert links.resolve(f"{catalogue}?theme=land&type=guides", page) == Internal(
        f"{catalogue}?theme=land")
    assert links.resolve(f"{catalogue}?type=guides&theme=land", page) == Internal(
        f"{catalogue}?theme=land")


def test_parameters_that_are_not_filters_are_forgotten(links):
    catalogue = _catalogue("en")
    assert links.resolve(f"{catalogue}?utm_source=x&theme=land", "/en/") == Internal(
        f"{catalogue}?theme=land")


def test_a_blank_search_is_no_search(links):
    catalogue = _catalogue("en")
    assert links.resolve(f"{catalogue}?q=++&theme=land", "/en/") == Internal(
        f"{catalogue}?theme=land")


def test_a_filter_combined_outside_the_catalogue_cannot_be_split(links):
    catalogue = _catalogue("es")
    assert links.resolve(f"{catalogue}?theme=land&type=guides", "/es/learn/") == Unsupported()


def test_files_and_static_addresses_lose_their_query_and_keep_no_language(links):
    assert links.resolve("/static/css/site.css?v=3", "/es/") == Internal("/static/css/site.css")
    assert links.resolve("/files/a.pdf?download=1#page=2", "/es/") == Internal(
        "/files/a.pdf", "page=2")


@pytest.mark.parametrize("href", [
    "", "   ", "#top", "javascript:alert(1)", "data:text/plain,x", "ftp://library.example.org/a",
    "https://elsewhere.example.net/en/", "tel:+123",
])
def test_what_is_not_a_page_of_this_site_is_kept(links, href):
    assert links.resolve(href, "/en/") is None


def test_every_name_and_scheme_of_the_site_is_the_site(links):
    learn = "/en/learn/"
    for href in [f"http://{HOST}{learn}", f"https://www.example.org{learn}",
                 f"//{HOST}{learn}", f"HTTPS://LIBRARY.EXAMPLE.ORG{learn}"]:
        assert links.resolve(href, "/en/") == Internal(learn), href


def test_a_relative_address_is_read_from_the_page_it_is_on(links):
    assert links.resolve("a-guide/", "/fr/resources/") == Internal("/fr/resources/a-guide/")
    assert links.resolve("../../learn/", "/fr/resources/a-guide/") == Internal("/fr/learn/")
    assert links.resolve("  /fr/learn/  ", "/en/") == Internal("/fr/learn/")


def test_a_copy_of_some_languages_sends_others_to_its_first_language():
    links = Links(HOST, {HOST}, ["fr", "es"])
    assert links.default == "fr"  # the site's own (en) is not in the copy
    assert links.catalogue("es") == _catalogue("es")
    assert links.catalogue("de") == _catalogue("fr")
    assert links.resolve("/learn/", "/robots.txt") == Internal("/fr/learn/")
    assert Links(HOST, {HOST}, ["es", "en"]).default == "en"


@pytest.mark.parametrize(("url", "html", "path"), [
    ("/en/resources/a-guide/text", True, "en/resources/a-guide/text.html"),
    ("/en/resources/a-guide/text", False, "en/resources/a-guide/text"),
    ("/en/resources/a-guide/text.txt", True, "en/resources/a-guide/text.txt"),
    ("/robots.txt", True, "robots.txt"),
    ("/", True, "index.html"),
    ("/en/resources/caf%C3%A9/", True, "en/resources/café/index.html"),
])
def test_a_page_gets_html_only_where_its_name_has_no_extension(links, url, html, path):
    assert links.path(url, html=html) == path


@pytest.mark.parametrize(("query", "name"), [
    ("page=1", "index"),
    ("page=2", "page-2"),
    ("year=1999&page=1", "year-1999"),
    ("publisher=A%2FB&page=4", "publisher-~412f42.page-4"),
    ("theme=~x", "theme-~7e78"),  # "~" starts a spelled value: a real one is spelled too
])
def test_each_catalogue_page_has_a_file_name_no_other_page_shares(links, query, name):
    assert links.path(f"{_catalogue('en')}?{query}", html=True) == f"en/catalogue/{name}.html"


def test_the_language_of_an_address_is_its_first_folder_only():
    assert language_of("/es/learn/") == "es"
    assert language_of("/pt/catalogue/?theme=land") == "pt"
    assert language_of("/learn/es/") is None
    assert language_of("/static/es/x.css") is None
    assert language_of("/xx/") is None


@pytest.mark.parametrize(("target", "page", "href"), [
    ("en/learn/index.html", "en/index.html", "learn/index.html"),
    ("en/index.html", "en/learn/index.html", "../index.html"),
    ("static/css/site.css", "index.html", "static/css/site.css"),
    ("en/catalogue/index.html", "en/catalogue/theme-land.html", "index.html"),
    ("files/a#b?.pdf", "en/x/index.html", "../../files/a%23b%3F.pdf"),
    ("es/recursos/guía/index.html", "es/index.html", "recursos/gu%C3%ADa/index.html"),
])
def test_a_relative_href_climbs_only_as_far_as_it_must_and_escapes_what_a_url_reads(
        target, page, href):
    assert relative(target, page) == href
