"""Which file of the copy a link of the library opens (no database needed)."""

import pytest
from django.urls import reverse
from django.utils import translation

from resguardo.exports.offline.links import Internal, Links, Unsupported, relative
from resguardo.exports.offline.rewrite import Drop, Keep, Point, Unwrap, rewrite_css, rewrite_html

HOST = "library.example.org"


@pytest.fixture
def links() -> Links:
    return Links(HOST, {HOST})


@pytest.mark.parametrize(("url", "path"), [
    ("/en/", "en/index.html"),
    ("/es/learn/", "es/learn/index.html"),
    ("/fr/resources/a-guide/text.txt", "fr/resources/a-guide/text.txt"),
    ("/en/catalogue/", "en/catalogue/index.html"),
    ("/es/catalogue/?page=3", "es/catalogue/page-3.html"),
    ("/pt/catalogue/?theme=land-rights", "pt/catalogue/theme-land-rights.html"),
    ("/en/catalogue/?theme=land-rights&page=2", "en/catalogue/theme-land-rights.page-2.html"),
    ("/en/catalogue/?year=2017", "en/catalogue/year-2017.html"),
    # A value that is not a plain slug is spelled so no two values share a file.
    ("/en/catalogue/?publisher=caf%C3%A9+r%C3%A9seau",
     "en/catalogue/publisher-~636166c3a92072c3a973656175.html"),
    ("/static/css/site.12ab.css", "static/css/site.12ab.css"),
    ("/files/resources/guide%20one.pdf", "files/resources/guide one.pdf"),
])
def test_every_url_is_a_real_file_in_the_copy(links, url, path):
    assert links.path(url, html=True) == path


def _in(language: str, name: str, *args: str) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_links_are_made_relative_so_the_copy_opens_from_any_folder():
    resource = "resources/a/index.html"
    assert relative("catalogue/index.html", resource) == "../../catalogue/index.html"
    assert relative("index.html", "index.html") == "index.html"
    assert relative("files/guide one.pdf", resource) == "../../files/guide%20one.pdf"


def test_a_link_adding_a_second_filter_opens_the_page_of_the_value_clicked(links):
    catalogue = _in("es", "catalogue:catalogue")
    page = f"{catalogue}?theme=land"
    assert links.resolve("?theme=land&type=guides", page) == Internal(f"{catalogue}?type=guides")
    assert links.resolve("?theme=land&theme=water", page) == Internal(f"{catalogue}?theme=water")
    assert links.resolve("?", page) == Internal(catalogue)
    assert links.resolve("?theme=land&page=2", page) == Internal(f"{catalogue}?theme=land&page=2")
    assert links.resolve("?theme=land&page=1", page) == Internal(f"{catalogue}?theme=land")
    # A page number a hand wrote in a knowledge page: "²" is a digit but no number.
    assert links.resolve("?theme=land&page=²", page) == Internal(f"{catalogue}?theme=land")


def test_the_switcher_links_the_same_page_in_another_language(links):
    page = _in("es", "catalogue:catalogue") + "?theme=land&page=2"
    other = _in("fr", "catalogue:catalogue") + "?theme=land&page=2"
    assert links.resolve(other, page) == Internal(other)
    assert links.path(other, html=True) == "fr/catalogue/theme-land.page-2.html"
    resource = _in("pt", "catalogue:resource", "a-guide")
    assert links.resolve(resource, _in("en", "catalogue:resource", "a-guide")) == Internal(
        resource)


def test_an_address_without_a_language_means_the_language_of_its_page(links):
    learn = _in("es", "pages:index")
    assert links.resolve("/learn/", learn) == Internal(learn)
    assert links.resolve("/catalogue/?theme=land", learn) == Internal(
        _in("es", "catalogue:catalogue") + "?theme=land")
    assert links.resolve("/", _in("fr", "pages:index")) == Internal(_in("fr", "home"))
    # Addresses that have no language stay as they are.
    assert links.resolve("/robots.txt", learn) == Internal("/robots.txt")
    assert links.resolve("/static/css/site.css", learn) == Internal("/static/css/site.css")


def test_what_only_a_server_can_answer_is_unsupported(links):
    catalogue = _in("en", "catalogue:catalogue")
    assert links.resolve(f"{catalogue}?q=radio", "/en/") == Unsupported()
    assert links.resolve("?theme=land&sort=title", f"{catalogue}?theme=land") == Unsupported()
    assert links.resolve(f"{catalogue}?theme=land&type=guides", "/en/") == Unsupported()
    assert links.resolve(_in("en", "pages:index") + "?page=2", "/en/") == Unsupported()


def test_other_sites_fragments_and_the_sites_own_absolute_urls(links):
    learn = _in("en", "pages:index")
    assert links.resolve("https://example.org/guide", learn) is None
    assert links.resolve("mailto:someone@example.org", learn) is None
    assert links.resolve("#main", learn) is None
    assert links.resolve(f"https://{HOST}{learn}#top", "/en/") == Internal(learn, "top")
    assert links.resolve("../other/", f"{learn}page/") == Internal(f"{learn}other/")


def test_the_rewriter_changes_only_the_links():
    page = ('<!DOCTYPE html>\n<html lang="en"><head>\n<link rel=stylesheet href=/s.css>\n'
            '<link rel="alternate" href="/feed.atom">\n<style>b{background:url(/i.png)}</style>'
            '</head>\n<body class=x>\n<a  href="/a/" class=\'k\'>A &amp; B</a> '
            '<a href="/gone/">gone <b>text</b></a> <a href="/data.csv">CSV</a> · '
            '<form role="search"><input name=q><button>Go</button></form>'
            '<form class=sort><select><option>x</option></select></form>\n'
            '<img src="/i.png" alt="">\n</body></html>\n')
    decisions = {"/s.css": Point("s.css"), "/feed.atom": Drop(), "/a/": Point("a/index.html"),
                 "/gone/": Unwrap(" <i>(not here)</i>"), "/data.csv": Drop(),
                 "/i.png": Point("i.png")}
    result = rewrite_html(page, lambda href: decisions.get(href, Keep()),
                          search_note="<p>No search.</p>")
    assert result == (
        '<!DOCTYPE html>\n<html lang="en"><head>\n<link rel=stylesheet href="s.css">\n'
        '<style>b{background:url("i.png")}</style>'
        '</head>\n<body class=x>\n<a  href="a/index.html" class=\'k\'>A &amp; B</a> '
        'gone <b>text</b> <i>(not here)</i>  · <p>No search.</p>\n'
        '<img src="i.png" alt="">\n</body></html>\n')


def test_a_stylesheet_keeps_what_it_does_not_link():
    css = 'a{color:red}b{background:url( "/x.png" )}i{background:url(data:,)}'
    assert rewrite_css(css, lambda href: Point("x.png") if href == "/x.png" else Keep()) == (
        'a{color:red}b{background:url("x.png")}i{background:url(data:,)}')
