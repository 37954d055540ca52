"""Words a PDF extraction split at a line break, joined again before the reading view reads
the text: "is a⏎ lways relational", "often a⏎ bbreviated", "did not e⏎ stablish".

A text alone cannot say that "always" is one word and "a lot" two, and no list of words is
consulted (it would know one language; the library holds many). A join is made only where
the extraction and the document themselves give evidence, all of:

- **At a line break, never inside a line.** Inside a line the spaces are the document's
  own: joining there too (where the joined form is a word of the document) would have made
  a false join in the seeds ("break down" → "breakdown", 003) and found no split word.
- **The fragment is no word.** The line below starts with lower-case letters that the
  document uses nowhere else ("lways", "bbreviated", "stablish", "uman"). This keeps
  "a⏎ lot", "I⏎ am" and "in⏎ to" apart, "lot", "am" and "to" being words.
- **The layout sets it apart.** That line alone is indented, between lines that are not:
  the mark the extraction left where a word's first letter was a run of glyphs of its own.
  An indent that is the paragraph's style says nothing: the seeds re-wrapped with every
  continuation line indented (widths 20, 33, 47, 61) give no join at all.
- **The letter is there.** Either the line above ends in that lone letter ("is a⏎
  lways"), or the line below is the letter alone ("one⏎ efender due to her/his⏎ d") and
  the joined form is a word the document uses elsewhere (a letter alone on a line is
  weaker evidence: a list's label, an infographic's letter).

Dropped after measuring: joining wherever the two pieces make a word the document uses and
neither piece is one ("protec⏎ tion") joined "break⏎ down" in a re-wrapped 003, and found
nothing in the seeds as they are. A PDF the library reads itself has such words joined by
its extractor, which knows where the glyphs sit (`ingest/extractors/pdf.py`).

Measured on the five seed texts (`split_joins`): five joins, all in 001 ("always",
"abbreviated", "establish", "defender", "human"), no false join, no split word missed that
a reader reported. What it would get wrong: a word used only once, on a line alone indented
after a line ending in a lone letter ("a⏎ blanket"). A missed join costs a reader less
than a false one.
"""

import re
from collections import Counter
from dataclasses import dataclass

_FIRST = re.compile(r"^([ \t]*)([^\W\d_]+)")
_LAST = re.compile(r"(?<![^\W\d_])([^\W\d_]+)$")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Join:
    head: str
    tail: str
    letter_below: bool  # the letter was alone on the line below, not at the end above

    @property
    def word(self) -> str:
        return self.head + self.tail


def _vocabulary(lines: list[str]) -> Counter[str]:
    """How often the document uses each word (lower case)."""
    return Counter(w.lower() for line in lines for w in _LETTERS.findall(line))


def _is_word(piece: str, words: Counter[str]) -> bool:
    """Used somewhere else than here: a piece must not vouch for itself."""
    return words[piece.lower()] > 1


def _indented(line: str) -> bool:
    return line[:1] in (" ", "\t")


def _fragment(line: str, words: Counter[str]) -> str | None:
    """The lower-case letters the line starts with, when they are no word."""
    found = _FIRST.match(line)
    if not found or not found.group(2)[0].islower() or _is_word(found.group(2), words):
        return None
    return found.group(2)


def _set_apart(lines: list[str], i: int) -> bool:
    """Line `i` alone is indented, between lines that are not: not the paragraph's style."""
    below = lines[i + 1] if i + 1 < len(lines) else ""
    return (_indented(lines[i]) and i > 0 and not _indented(lines[i - 1])
            and bool(below.strip()) and not _indented(below))


def _join_at(lines: list[str], i: int, words: Counter[str]) -> Join | None:
    """The join the break before line `i` (or the lone letter after it) calls for."""
    if not _set_apart(lines, i) or (tail := _fragment(lines[i], words)) is None:
        return None
    previous = lines[i - 1].rstrip()
    if (above := _LAST.search(previous)) and len(above.group(1)) == 1 and (
            len(previous) == 1 or previous[-2].isspace()):
        return Join(above.group(1), tail, letter_below=False)
    letter = lines[i + 1].strip()
    if len(letter) == 1 and letter.isalpha() and (letter + tail).lower() in words:
        return Join(letter, tail, letter_below=True)
    return None


def split_joins(text: str) -> list[Join]:
    """Every join `mend` makes in `text`, for tests and for measuring."""
    return _mend(text)[1]


def mend(text: str) -> str:
    """`text` with its split words joined (lines otherwise as they were)."""
    return _mend(text)[0]


def _mend(text: str) -> tuple[str, list[Join]]:
    lines = text.split("\n")
    words = _vocabulary(lines)
    out: list[str] = []
    joins: list[Join] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        join = _join_at(lines, i, words)
        if join is None:
            out.append(line)
        elif join.letter_below:
            out.append(join.head + line.lstrip())
            skip = True
        else:
            out[-1] = out[-1].rstrip() + line.lstrip()
        if join is not None:
            joins.append(join)
    return "\n".join(out), joins
