"""The pieces of a resumable download (lib.downloads) that the page tests in
catalogue/tests/test_downloads.py do not reach: ranges at their edges, If-Range, and the
window a partial answer reads through."""

import io

import pytest
from django.test import RequestFactory

from resguardo.lib.downloads import Span, Unsatisfiable, _if_range_allows, _Window, parse_range

ETAG = '"3e8-5f5e100"'
MODIFIED = 100_000_000  # Sat, 03 Mar 1973 09:46:40 GMT


@pytest.mark.parametrize(("header", "span"), [
    ("bytes=0-0", Span(0, 0)),  # the first byte alone
    ("bytes=999-999", Span(999, 999)),  # the last byte alone
    ("bytes=999-", Span(999, 999)),
    ("bytes=-1", Span(999, 999)),
    (" bytes = 10 - 19 ", Span(10, 19)),  # spaces around the parts are forgiven
    ("bytes=0-999999999999999999", Span(0, 999)),  # 18 digits: a number we read
    ("bytes=0-9999999999999999999", None),  # 19 digits: not a range we serve
    ("bytes=-", None),
    ("bytes=a-b", None),
    ("Bytes=0-9", None),
])
def test_a_range_is_read_to_its_edges(header: str, span: Span | None) -> None:
    assert parse_range(header, 1000) == span


def test_an_empty_file_has_no_range_to_give():
    assert parse_range("bytes=-10", 0) is None
    with pytest.raises(Unsatisfiable):
        parse_range("bytes=0-", 0)


def test_a_span_counts_both_its_ends():
    assert Span(0, 0).length == 1
    assert Span(10, 19).length == 10


def _request(if_range: str | None):  # type: ignore[no-untyped-def]
    headers = {"HTTP_IF_RANGE": if_range} if if_range is not None else {}
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(("if_range", "allowed"), [
    (None, True),
    (ETAG, True),
    ('"3e8-0"', False),  # another version of the file
    ("W/" + ETAG, False),  # a weak tag never matches, even the same
    ("Sat, 03 Mar 1973 09:46:40 GMT", True),
    ("Sat, 03 Mar 1973 09:46:41 GMT", False),
    ("Sat, 03 Mar 1973 09:46:39 GMT", False),  # an exact date only
    ("yesterday", False),
    ("", False),
])
def test_if_range_lets_a_range_through_only_for_the_same_version(if_range, allowed):
    assert _if_range_allows(_request(if_range), ETAG, MODIFIED) is allowed


class _Handle(io.BytesIO):
    closed_by_window = False

    def close(self) -> None:
        self.closed_by_window = True
        super().close()


def test_the_window_reads_only_its_bytes_in_whatever_chunks_are_asked():
    handle = _Handle(bytes(range(100)))
    window = _Window(handle, 10, 25)
    assert window.read(10) == bytes(range(10, 20))
    assert window.read(100) == bytes(range(20, 35))
    assert window.read(10) == b""
    window.close()
    assert handle.closed_by_window


def test_the_window_reads_all_it_has_at_once_and_stops_at_the_files_end():
    assert _Window(_Handle(bytes(range(100))), 90, 5).read() == bytes(range(90, 95))
    short = _Window(_Handle(bytes(range(100))), 95, 50)
    assert short.read() == bytes(range(95, 100))
    assert short.read() == b""  # a file shorter than its window ends the answer
