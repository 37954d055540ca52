"""Read a catalogue CSV and check every row before anything is written.

Problems name the line and the column as the person's spreadsheet shows them: line 1 is
the header, and a cell with line breaks inside still counts as one line, as in the
spreadsheet. Empty lines are passed over.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resguardo.catalogue.models import Resource
from resguardo.exports.csv.cells import Context, clean, shown, slug_for, unescape
from resguardo.exports.csv.columns import (
    COLUMNS,
    ID,
    REQUIRED,
    SAME_WORK,
    SEPARATOR,
    TITLE,
    column_for,
)

CHUNK = 500  # IDs looked up per query


@dataclass(frozen=True)
class Problem:
    line: int
    column: str  # as the file's header writes it; empty when it is about the whole line
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Line %(line)d, column %(column)s: %(message)s") % {
                "line": self.line, "column": self.column, "message": self.message}
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Row:
    """A valid row: its line, the resource it is (by slug), whether the slug is the row's
    own ID, and the cleaned value of each column the file has (only those)."""

    line: int
    slug: str
    values: dict[str, Any]
    by_id: bool = False

    @property
    def title(self) -> str:
        return str(self.values[TITLE])


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)  # the valid rows, in file order
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth saying, but not errors
    # The file as a whole cannot be read (encoding, header): no row can be imported.
    unreadable: bool = False
    headers: dict[str, str] = field(default_factory=dict)  # column -> header as written

    @property
    def invalid_lines(self) -> set[int]:
        return {p.line for p in self.problems}


def validate(data: bytes, *, files: Path | None = None) -> Checked:
    """Check every row of a catalogue CSV; `files` is the folder File names are in (None:
    names are only checked for shape)."""
    checked = Checked()
    text = _decode(data, checked)
    if text is None:
        return checked
    records = _records(text, checked)
    header = next(records, (1, []))
    columns = _header(header[1], checked)
    if checked.unreadable:
        return checked
    context, first_line = Context(files), dict[str, int]()
    ids: set[str] = set()  # every line's, one with problems too: naming it is no problem
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            checked.problems.append(Problem(line, "", ngettext(
                "this line has %(found)d cell but the header has %(expected)d. A comma or "
                "a quote may be out of place.",
                "this line has %(found)d cells but the header has %(expected)d. A comma or "
                "a quote may be out of place.", len(cells)) % {"found": len(cells),
                                                               "expected": len(columns)}))
            continue
        named = dict(zip(columns, cells, strict=True))
        ids.add(unescape(named.get(ID, "")).strip()
                or slug_for(unescape(named.get(TITLE, "")).strip()))
        row = _row(line, named, context, checked)
        if row and row.slug in first_line:
            _duplicate(row, first_line[row.slug], checked)
        elif row:
            first_line[row.slug] = line
            checked.rows.append(row)
    if SAME_WORK in checked.headers:
        _check_same_work(checked, ids)
    checked.problems.sort(key=lambda p: p.line)
    return checked


def _check_same_work(checked: Checked, lines: set[str]) -> None:
    """Each ID in a Same work as cell must be a line's or a library resource's; a line that
    names one that is neither has a problem, and is left out."""
    named = sorted({name for row in checked.rows for name in row.values[SAME_WORK]} - lines)
    unknown = set(named)
    for start in range(0, len(named), CHUNK):
        unknown.difference_update(Resource.objects.filter(
            slug__in=named[start:start + CHUNK]).values_list("slug", flat=True))
    wrong: set[int] = set()
    for row in checked.rows:
        for name in row.values[SAME_WORK]:
            if name in unknown:
                wrong.add(row.line)
                checked.problems.append(Problem(row.line, checked.headers[SAME_WORK], _(
                    "“%(value)s” is the ID of no line of this file and of no resource in "
                    "the library.") % {"value": shown(name)}))
    checked.rows = [row for row in checked.rows if row.line not in wrong]


def _decode(data: bytes, checked: Checked) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        checked.unreadable = True
        checked.problems.append(Problem(data[:error.start].count(b"\n") + 1, "", _(
            "the file is not in UTF-8, so its accents and other letters would be garbled. "
            "In your spreadsheet, save it as “CSV UTF-8”.")))
        return None


def _records(text: str, checked: Checked) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each row. A row the csv module cannot read is a problem at its
    line, and reading goes on at the next."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    while True:
        line += 1
        try:
            yield line, next(reader)
        except StopIteration:
            return
        except csv.Error:
            checked.problems.append(Problem(line, "", _(
                "this line is broken: a quote (\") is not closed, or text follows a closing "
                "quote.")))


def _header(cells: list[str], checked: Checked) -> list[str | None]:
    """The column of each cell of the header (None: a column we do not read)."""
    if len(cells) == 1 and SEPARATOR in cells[0]:
        return _unreadable(checked, _(
            "the columns are separated by “;”. Save the file as “CSV UTF-8”, which "
            "separates them by commas."))
    columns: list[str | None] = []
    for cell in cells:
        column = column_for(cell)
        if column in checked.headers:
            return _unreadable(checked, _(
                "the columns “%(first)s” and “%(second)s” are both the %(column)s column. "
                "Keep one.") % {"first": checked.headers[column], "second": cell.strip(),
                                "column": column})
        if column:
            checked.headers[column] = cell.strip()
        elif cell.strip():
            checked.notes.append(_("The column “%(column)s” is not one we read; it was left "
                                   "out.") % {"column": shown(cell.strip())})
        columns.append(column)
    for column in REQUIRED:
        if column not in checked.headers:
            _unreadable(checked, _(
                "there is no %(column)s column. The first line names the columns, for "
                "example: %(columns)s.") % {"column": column, "columns": ", ".join(COLUMNS)})
    return columns


def _unreadable(checked: Checked, message: str) -> list[str | None]:
    checked.unreadable = True
    checked.problems.append(Problem(1, "", message))
    return []


def _row(line: int, cells: dict[str | None, str], context: Context, checked: Checked
         ) -> Row | None:
    before = len(checked.problems)
    values: dict[str, Any] = {}
    for column, cell in cells.items():
        if column is not None:
            report = partial(_report, checked, line, checked.headers[column])
            values[column] = clean(column, cell, context, report)
    if len(checked.problems) > before:
        return None
    own = values.pop(ID, "")
    return Row(line, own or slug_for(values[TITLE]), values, by_id=bool(own))


def _report(checked: Checked, line: int, header: str, message: str) -> None:
    checked.problems.append(Problem(line, header, message))


def _duplicate(row: Row, first: int, checked: Checked) -> None:
    if row.by_id:
        checked.problems.append(Problem(row.line, checked.headers[ID], _(
            "“%(value)s” is the ID of line %(first)d too. Each line needs its own.") % {
            "value": row.slug, "first": first}))
    else:
        checked.problems.append(Problem(row.line, checked.headers[TITLE], _(
            "this title makes the ID “%(value)s”, which line %(first)d has too, so both "
            "would be one resource. Give them different IDs.") % {
            "value": row.slug, "first": first}))
