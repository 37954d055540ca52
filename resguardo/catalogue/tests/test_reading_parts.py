"""The reading view's pieces called directly (catalogue.reading): heading levels and
anchors, cutting blocks, the headings a part carries over, the contents and the plain text.
Whole documents are read in test_reading.py."""

import pytest

from resguardo.catalogue import reading
from resguardo.catalogue.reading import Block, Document, Heading, Part


def _headings(*levels: int) -> list[Block]:
    return [Block("heading", text=f"H{i}", level=level) for i, level in enumerate(levels)]


@pytest.mark.parametrize(("found", "levels"), [
    ((1, 3, 5), [2, 3, 4]),  # the levels used become h2, h3, h4 in their order
    ((2, 4, 2, 4), [2, 3, 2, 3]),
    ((4, 2, 3), [2, 2, 3]),  # a first heading deeper than others still opens at h2
    ((1, 4), [2, 3]),
    ((3, 1, 3, 3), [2, 2, 3, 3]),
])
def test_heading_levels_start_at_h2_and_never_skip_one_going_down(found, levels):
    blocks = _headings(*found)
    reading._normalise_levels(blocks)
    assert [b.level for b in blocks] == levels


def test_each_heading_gets_its_own_anchor_even_when_two_read_alike():
    blocks = [Block("heading", text=t) for t in ["Context", "Context", "Contexto", "¿¡!?",
                                                 "Context", "x" * 80]]
    blocks.insert(2, Block("paragraph", text="Context"))
    reading._name_anchors(blocks)
    assert [b.anchor for b in blocks if b.kind == "heading"] == [
        "context", "context-2", "contexto", "section", "context-3", "x" * 50]
    assert blocks[2].anchor == ""


def test_what_a_document_says_is_escaped_in_its_html():
    assert reading.render(Block("paragraph", text="<b>&</b>")) == (
        "<p>&lt;b&gt;&amp;&lt;/b&gt;</p>\n")
    assert reading.render(Block("heading", text="A < B", level=3, anchor="a-b")) == (
        '<h3 id="a-b">A &lt; B</h3>\n')
    assert reading.render(Block("list", items=["<i>", "b"], ordered=True)) == (
        "<ol><li>&lt;i&gt;</li><li>b</li></ol>\n")
    assert reading.render(Block("table", rows=[["a", "<"], ["", "c"]])) == (
        "<table><tr><td>a</td><td>&lt;</td></tr><tr><td></td><td>c</td></tr></table>\n")


def test_chunks_fill_up_to_the_limit_and_an_item_too_big_stands_alone():
    assert reading._chunks([3, 3, 3, 9, 1, 1], 6, lambda n: n) == [[3, 3], [3], [9], [1, 1]]
    assert reading._chunks([], 6, lambda n: n) == [[]]


def test_a_sentence_longer_than_the_limit_is_cut_between_words_then_between_letters():
    block = Block("paragraph", text="Short one. " + "word " * 10 + "end. " + "z" * 25)
    pieces = [b.text for b in reading._split_long(block, 20)]
    assert pieces == ["Short one.", "word word word word", "word word word word",
                      "word word end.", "z" * 20, "z" * 5]
    assert all(len(p) <= 20 for p in pieces)


def test_sentences_are_gathered_up_to_the_limit_without_losing_any():
    sentences = ["One two.", "Three four!", "Five six?", "Seven."]
    pieces = reading._split_long(Block("paragraph", text=" ".join(sentences)), 22)
    assert [b.text for b in pieces] == ["One two. Three four!", "Five six? Seven."]


def test_lists_and_tables_are_cut_between_items_and_headings_never():
    lists = reading._split_long(Block("list", items=["aaaa", "bbbb", "cc"], ordered=True), 8)
    assert [(b.items, b.ordered) for b in lists] == [(["aaaa", "bbbb"], True), (["cc"], True)]
    table = reading._split_long(Block("table", rows=[["a"], ["b"], ["c"]]), 20)
    assert [b.rows for b in table] == [[["a"], ["b"]], [["c"]]]  # a row costs its text + 9
    heading = Block("heading", text="x" * 100)
    assert reading._split_long(heading, 10) == [heading]


def test_a_part_starting_inside_a_section_names_the_sections_it_is_under():
    above = [Block("heading", text="Chapter", level=2), Block("heading", text="Sub", level=3)]
    inside = reading._make_part(2, [Block("paragraph", text="more")], continued=above)
    assert inside.html == ('<h2 class="continued">Chapter</h2>\n<h3 class="continued">Sub</h3>\n'
                           "<p>more</p>\n")
    assert inside.headings == [] and inside.title == ""
    sibling = reading._make_part(3, [Block("heading", text="Sub 2", level=3, anchor="s2")],
                                 continued=above)
    assert sibling.html.startswith('<h2 class="continued">Chapter</h2>\n<h3 id="s2">')
    assert [h.text for h in sibling.headings] == ["Sub 2"] and sibling.title == "Sub 2"


def test_an_empty_text_has_no_parts_and_a_short_one_is_a_single_part():
    assert reading.split([]) == []
    (part,) = reading.split([Block("paragraph", text="Hello.")])
    assert (part.number, part.html) == (1, "<p>Hello.</p>\n")


def test_the_plain_text_puts_top_headings_in_capitals_and_dashes_list_items():
    blocks = [Block("heading", text="Context", level=2), Block("heading", text="Sub", level=3),
              Block("paragraph", text="Text."), Block("list", items=["a", "b"]),
              Block("table", rows=[["x", "", "y"], ["z"]])]
    assert reading.plain_text(blocks) == "CONTEXT\n\nSub\n\nText.\n\n- a\n- b\n\nx | y\nz\n"


def test_an_outline_keeps_everything_but_the_text():
    heading = Heading("a", "A", 2, 300)
    document = Document([Part(1, "<p>x</p>", 10, [heading]), Part(2, "<p>y</p>", 12, [])],
                        "x y", 5)
    outline = document.outline()
    assert [(p.number, p.html, p.compressed_size, p.headings) for p in outline.parts] == [
        (1, "", 10, [heading]), (2, "", 12, [])]
    assert (outline.plain_text, outline.plain_text_compressed_size) == ("", 5)
    assert document.headings == [(document.parts[0], heading)]


def _document(*parts: list[Heading]) -> Document:
    return Document([Part(n, "", 0, headings) for n, headings in enumerate(parts, 1)], "")


def test_the_contents_list_sections_and_leave_out_labels_and_short_sections():
    document = _document(
        [Heading("isbn", "ISBN", 2, 20), Heading("report", "REPORT", 2, 900)],
        [Heading("context", "The context", 2, 900), Heading("tiny", "A tiny one", 3, 10),
         Heading("method", "Our method", 3, 450)])
    assert [(e.part, e.anchor, e.level) for e in reading.contents(document)] == [
        (2, "context", 2), (2, "method", 3)]


def test_with_fewer_than_two_sections_every_heading_is_listed():
    document = _document([Heading("a", "Only section", 2, 900), Heading("b", "x", 3, 5)])
    assert [e.anchor for e in reading.contents(document)] == ["a", "b"]


def test_a_long_contents_keeps_the_top_level_and_then_one_line_per_part():
    many = [Heading(f"s{i}", f"Section {i}", 2 + i % 2, 500) for i in range(100)]
    entries = reading.contents(_document(many))
    assert len(entries) == 50 and {e.level for e in entries} == {2}
    tops = [[Heading(f"p{p}s{i}", f"Part {p} section {i}", 2, 500) for i in range(7)]
            for p in range(10)]
    entries = reading.contents(_document(*tops))
    assert [(e.part, e.anchor, e.text) for e in entries] == [
        (p + 1, f"p{p}s0", f"Part {p} section 0") for p in range(10)]


def test_parts_without_headings_are_still_listed_by_number():
    entries = reading.contents(_document([], [], []))
    assert [(e.part, e.anchor, e.text) for e in entries] == [(1, "", ""), (2, "", ""),
                                                             (3, "", "")]
    assert reading.contents(_document([])) == []
