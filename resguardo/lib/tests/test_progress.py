from io import StringIO

from resguardo.lib.progress import Bar


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_is_redrawn_in_place_and_ends_its_line():
    now = [0.0]
    stream = Terminal()
    with Bar("Copying", 4, stream=stream, width=4, clock=lambda: now[0]) as bar:
        now[0] = 1
        bar.advance()
        bar.advance()  # too soon to redraw
        now[0] = 2
        bar.advance(2)
    assert stream.getvalue() == (
        "\rCopying [#...] 1/4\rCopying [####] 4/4\rCopying [####] 4/4\n")


def test_in_a_log_it_writes_plain_lines_now_and_then_and_one_at_the_end():
    now = [0.0]
    stream = StringIO()
    with Bar("Copying", stream=stream, every=5, clock=lambda: now[0]) as bar:
        bar.advance(total=10)
        now[0] = 6
        bar.advance(total=12)
        bar.advance()
    assert stream.getvalue().splitlines() == [
        "Copying: 0", "Copying: 2/12", "Copying: 3/12"]
    assert "\r" not in stream.getvalue()


def test_without_a_stream_it_says_nothing_but_still_counts():
    bar = Bar("Copying")
    bar.advance(2, total=5)
    bar.close()
    assert (bar.done, bar.total) == (2, 5)
