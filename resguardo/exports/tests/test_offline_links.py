"""Which file of the copy a link of the library opens (no database needed)."""

import pytest

from resguardo.exports.static.links import Internal, Links, Unsupported, relative
from resguardo.exports.static.rewrite import Drop, Keep, Point, Unwrap, rewrite_css, rewrite_html

HOST = "library.example.org"


@pytest.fixture
def links() -> Links:
    return Links(HOST, {HOST})


@pytest.mark.parametrize(("url", "path"), [
    ("/", "index.html"),
    ("/learn/", "learn/index.html"),
    ("/resources/a-guide/text.txt", "resources/a-guide/text.txt"),
    ("/catalogue/", "catalogue/index.html"),
    ("/catalogue/?page=3", "catalogue/page-3.html"),
    ("/catalogue/?theme=land-rights", "catalogue/theme-land-rights.html"),
    ("/catalogue/?theme=land-rights&page=2", "catalogue/theme-land-rights.page-2.html"),
    ("/catalogue/?year=2017", "catalogue/year-2017.html"),
    # A value that is not a plain slug is spelled so no two values share a file.
    ("/catalogue/?publisher=caf%C3%A9+r%C3%A9seau",
     "catalogue/publisher-~636166c3a92072c3a973656175.html"),
    ("/static/css/site.12ab.css", "static/css/site.12ab.css"),
    ("/files/resources/guide%20one.pdf", "files/resources/guide one.pdf"),
])
def test_every_url_is_a_real_file_in_the_copy(links, url, path):
    assert links.path(url, html=True) == path


def test_links_are_made_relative_so_the_copy_opens_from_any_folder():
    resource = "resources/a/index.html"
    assert relative("catalogue/index.html", resource) == "../../catalogue/index.html"
    assert relative("index.html", "index.html") == "index.html"
    assert relative("files/guide one.pdf", resource) == "../../files/guide%20one.pdf"


def test_a_link_adding_a_second_filter_opens_the_page_of_the_value_clicked(links):
    page = "/catalogue/?theme=land"
    assert links.resolve("?theme=land&type=guides", page) == Internal("/catalogue/?type=guides")
    assert links.resolve("?theme=land&theme=water", page) == Internal("/catalogue/?theme=water")
    assert links.resolve("?", page) == Internal("/catalogue/")
    assert links.resolve("?theme=land&page=2", page) == Internal("/catalogue/?theme=land&page=2")
    assert links.resolve("?theme=land&page=1", page) == Internal("/catalogue/?theme=land")


def test_what_only_a_server_can_answer_is_unsupported(links):
    assert links.resolve("/catalogue/?q=radio", "/") == Unsupported()
    assert links.resolve("?theme=land&sort=title", "/catalogue/?theme=land") == Unsupported()
    assert links.resolve("/catalogue/?theme=land&type=guides", "/") == Unsupported()
    assert links.resolve("/learn/?page=2", "/") == Unsupported()


def test_other_sites_fragments_and_the_sites_own_absolute_urls(links):
    assert links.resolve("https://example.org/guide", "/") is None
    assert links.resolve("mailto:someone@example.org", "/") is None
    assert links.resolve("#main", "/") is None
    assert links.resolve(f"https://{HOST}/learn/#top", "/") == Internal("/learn/", "top")
    assert links.resolve("../other/", "/learn/page/") == Internal("/learn/other/")


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
