"""Rewriting a page's links in place (exports.offline.rewrite), element by element: what a
decision does to the tag, to what it holds, and to the bytes around it."""

from resguardo.exports.offline.rewrite import (
    Decision,
    Drop,
    Keep,
    Point,
    Unwrap,
    rewrite_css,
    rewrite_html,
)


def _by(decisions: dict[str, Decision]):  # type: ignore[no-untyped-def]
    return lambda href: decisions.get(href, Keep())


def test_a_dropped_element_goes_with_everything_it_holds_however_deeply_nested():
    page = ('<p>before<audio src="/a.mp3"><audio src="/b.mp3">inner</audio> tail '
            '<b>bold</b></audio>after</p>')
    assert rewrite_html(page, _by({"/a.mp3": Drop()})) == "<p>beforeafter</p>"


def test_unwrapping_an_element_other_than_a_link_drops_it():
    page = '<p>x<video src="/v.webm"><track src="/t.vtt">words</video>y</p>'
    assert rewrite_html(page, _by({"/v.webm": Unwrap(" <i>note</i>")})) == "<p>xy</p>"


def test_links_inside_a_dropped_element_are_never_decided():
    asked: list[str] = []

    def decide(href: str) -> Decision:
        asked.append(href)
        return Drop() if href == "/outer" else Keep()

    rewrite_html('<object src="/outer"><a href="/inner">i</a><img src="/img"></object>'
                 '<a href="/after">a</a>', decide)
    assert asked == ["/outer", "/after"]


def test_a_void_tag_alone_on_its_line_takes_the_line_and_otherwise_only_itself():
    page = '<img src="/x.png">\ntext <img src="/x.png"> more\n  <img src="/x.png">\n'
    assert rewrite_html(page, _by({"/x.png": Drop()})) == "text  more\n  \n"


def test_self_closing_tags_are_pointed_or_removed():
    page = '<img src="/a.png"/> <img src="/b.png" /> <img src="/c.png"/>'
    decide = _by({"/a.png": Point("a.png"), "/b.png": Drop(), "/c.png": Unwrap()})
    assert rewrite_html(page, decide) == '<img src="a.png"/>  '


def test_the_new_address_replaces_the_attribute_however_it_was_quoted():
    page = ("<a href='/one/'>1</a><a HREF=/two/>2</a><a data-href=\"/x\" href=\"/three/\">3</a>"
            '<a href = "/four/">4</a>')
    decide = _by({"/one/": Point("one.html"), "/two/": Point("two.html"),
                  "/three/": Point("three.html"), "/four/": Point("four.html")})
    assert rewrite_html(page, decide) == (
        '<a href="one.html">1</a><a HREF="two.html">2</a>'
        '<a data-href="/x" href="three.html">3</a><a href = "four.html">4</a>')


def test_the_decision_sees_the_address_unescaped_and_the_new_one_is_escaped():
    seen: list[str] = []

    def decide(href: str) -> Decision:
        seen.append(href)
        return Point('a.html?x=1&y="2"')

    result = rewrite_html('<a href="/a?x=1&amp;y=2">a</a>', decide)
    assert seen == ["/a?x=1&y=2"]
    assert result == '<a href="a.html?x=1&amp;y=&quot;2&quot;">a</a>'


def test_each_unwrapped_link_gets_its_own_note_in_order():
    page = ('<a href="/gone/">one</a> <a href="/kept/">two</a> '
            '<a href="/far/">three <a>stray</a></a>')
    decide = _by({"/gone/": Unwrap(" [1]"), "/far/": Unwrap(" [3]"),
                  "/kept/": Point("kept.html")})
    assert rewrite_html(page, decide) == (
        'one [1] <a href="kept.html">two</a> three <a>stray</a> [3]')


def test_an_end_tag_without_its_start_is_left_alone():
    page = '</a><a href="/x">x</a></a>'
    assert rewrite_html(page, _by({"/x": Unwrap()})) == "</a>x</a>"


def test_only_a_search_form_leaves_a_note_and_a_form_inside_a_form_ends_with_the_outer_one():
    page = ('<form role="search"><input name=q></form>|'
            '<form method=post><form></form><button>Send</button></form>|'
            '<form role=search></form>')
    assert rewrite_html(page, _by({}), search_note="<p>N</p>") == "<p>N</p>||<p>N</p>"


def test_a_pages_styles_are_rewritten_but_not_its_scripts():
    page = ('<style>a{background:url(/a.png)} b{background:url(/gone.png)}</style>'
            '<script>const u = "url(/a.png)";</script>')
    decide = _by({"/a.png": Point("a.png"), "/gone.png": Drop()})
    assert rewrite_html(page, decide) == (
        '<style>a{background:url("a.png")} b{background:none}</style>'
        '<script>const u = "url(/a.png)";</script>')


def test_a_page_without_links_comes_back_byte_for_byte():
    page = ('<!DOCTYPE html>\n<html><!-- a comment with <a href="/x"> -->\n'
            '<p title=\'it\'s\'>&eacute; &#233; <br/>\r\n</p></html>')
    assert rewrite_html(page, lambda href: Point("never")) == page


def test_links_on_later_lines_are_edited_at_their_own_place():
    page = 'one\n<a href="/a">a</a>\n\ntwo <img\n  src="/b.png">\n'
    decide = _by({"/a": Point("A"), "/b.png": Point("B")})
    assert rewrite_html(page, decide) == 'one\n<a href="A">a</a>\n\ntwo <img\n  src="B">\n'


def test_stylesheet_addresses_in_any_quotes_become_one_spelling():
    css = "a{x:url('/a.png')} b{x:url(/b.png)} c{x:url(\"/c.png\")} d{x:url(/d.png)}"
    decide = _by({"/a.png": Point("a"), "/b.png": Point("b"), "/c.png": Unwrap(),
                  "/d.png": Drop()})
    assert rewrite_css(css, decide) == (
        'a{x:url("a")} b{x:url("b")} c{x:none} d{x:none}')


def test_a_stylesheet_url_with_mismatched_quotes_is_not_a_link():
    css = "a{x:url('/a.png\")}"
    assert rewrite_css(css, lambda href: Point("never")) == css
