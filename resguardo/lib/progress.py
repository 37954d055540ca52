"""A progress bar for long commands, on stderr so their output stays clean.

On a terminal it redraws one line in place; anywhere else (a log file, a pipe, cron) a
carriage return would only garble the log, so it writes a plain line now and then and one
at the end. The total may grow while the work runs (a crawl finds more as it goes)."""

import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from django.utils.translation import pgettext


class Bar:
    def __init__(self, label: str, total: int = 0, *, stream: TextIO | None = None,
                 width: int = 24, every: float = 5.0,
                 clock: Callable[[], float] = time.monotonic):
        self.label, self.total, self.done = label, total, 0
        self.stream, self.width, self.every, self.clock = stream, width, every, clock
        isatty = getattr(stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self.last = clock()
        if stream is not None and not self.tty:
            self._line()

    def advance(self, n: int = 1, *, total: int | None = None) -> None:
        self.done += n
        self.total = max(total if total is not None else self.total, self.done)
        if self.stream is None:
            return
        # A terminal is redrawn about ten times a second, a log every `every` seconds.
        if self.clock() - self.last < (0.1 if self.tty else self.every):
            return
        self.last = self.clock()
        if self.tty:
            self._draw()
        else:
            self._line()

    def close(self) -> None:
        if self.stream is None:
            return
        if self.tty:
            self._draw()
            self.stream.write("\n")
        else:
            self._line()
        self.stream.flush()

    def __enter__(self) -> "Bar":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _counts(self) -> str:
        return f"{self.done}/{self.total}" if self.total else str(self.done)

    def _draw(self) -> None:
        filled = self.width * self.done // self.total if self.total else 0
        bar = "#" * filled + "." * (self.width - filled)
        assert self.stream is not None
        self.stream.write(f"\r{self.label} [{bar}] {self._counts()}")
        self.stream.flush()

    def _line(self) -> None:
        assert self.stream is not None
        self.stream.write(pgettext("label: value", "%(label)s: %(value)s")
                          % {"label": self.label, "value": self._counts()} + "\n")
        self.stream.flush()
