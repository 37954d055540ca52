"""Export the catalogue as CSV, in the columns `resguardo import` reads.

Every resource is written, whatever its status (the Status column says it), in the order
of their IDs; the values of a cell are sorted and joined by "; ". Names are the library's
own, and countries' are in English, whatever the interface's language, so that a file
exported, imported into an empty library and exported again comes out the same, byte for
byte. A file (not stdout) starts with a byte order mark, so that spreadsheets read it as
UTF-8. What a spreadsheet would run as a formula gets a "'" first (see cells.py).
"""

import csv
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, cast
from uuid import UUID

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries.fields import Country

from resguardo.catalogue.models import Resource, Strategy
from resguardo.exports.csv.cells import duration_cell, escape
from resguardo.exports.csv.columns import COLUMNS, SEPARATOR
from resguardo.lib.progress import Bar

CHUNK = 500


@dataclass
class Report:
    path: Path | None  # None: written to stdout
    resources: int
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        where = str(self.path) if self.path else _("standard output")
        return [*self.warnings, ngettext(
            "%(count)d resource written to %(path)s",
            "%(count)d resources written to %(path)s", self.resources) % {
            "count": self.resources, "path": where}]


def export_csv(out: Path | TextIO, *, overwrite: bool = False, progress: TextIO | None = None,
               with_files: bool = False, languages: Sequence[str] = ()) -> Report:
    """Write the catalogue to the file `out` (atomically: a failed run leaves nothing, and
    an existing file is kept unless `overwrite`) or to a stream. `with_files` and
    `languages` are the other formats' and change nothing here."""
    if not isinstance(out, Path):
        return _write(out, progress, path=None)
    if out.exists() and not overwrite:
        raise FileExistsError(_("%(path)s exists already.") % {"path": out})
    if not out.parent.is_dir():
        raise FileNotFoundError(_("There is no folder %(path)s.") % {"path": out.parent})
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
            report = _write(stream, progress, path=out)
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return report


def _write(stream: TextIO, progress: TextIO | None, *, path: Path | None) -> Report:
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    rows = Resource.objects.values_list("slug", "pk", "translation_key")
    order = sorted((slug, pk) for slug, pk, _work in rows)
    report = Report(path, len(order))
    versions = _versions(rows)
    with translation.override("en"), Bar(_("Exporting"), len(order), stream=progress) as bar:
        for resource in _resources([pk for _slug, pk in order]):
            row = cells(resource, report.warnings, versions[resource.translation_key])
            writer.writerow([escape(cell) for cell in row])
            bar.advance()
    return report


def _versions(rows: Iterable[tuple[str, int, UUID]]) -> dict[UUID, list[str]]:
    """The IDs of each work's resources (most works have one)."""
    works = defaultdict(list)
    for slug, _pk, work in rows:
        works[work].append(slug)
    return works


def _resources(pks: list[int]) -> Iterator[Resource]:
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start:start + CHUNK]
        found = (Resource.objects.filter(pk__in=chunk).select_related("resource_type")
                 .prefetch_related("themes", "audiences", "languages", "regions",
                                   "publishers", "strategies").in_bulk())
        yield from (found[pk] for pk in chunk)


def cells(resource: Resource, warnings: list[str], versions: list[str]) -> list[str]:
    """The row of one resource, in the order of COLUMNS; `versions` are the IDs of its
    work's resources, its own among them."""
    regions = [r.name for r in resource.regions.all()]
    countries = [str(c.name) for c in cast(list[Country], resource.countries)]
    return [
        resource.slug,
        resource.title,
        resource.summary,
        resource.resource_type.name,
        _joined(resource, [t.name for t in resource.themes.all()], warnings),
        *(_joined(resource, [s.name for s in resource.strategies.all() if s.group == group],
                  warnings) for group in (Strategy.Group.WORKS, Strategy.Group.NEEDED)),
        _joined(resource, [a.name for a in resource.audiences.all()], warnings),
        _joined(resource, [lang.name for lang in resource.languages.all()], warnings),
        _joined(resource, regions + countries, warnings),
        _joined(resource, [p.name for p in resource.publishers.all()], warnings),
        _number(resource.year),
        _number(resource.rating),
        resource.url,
        Path(resource.file.name or "").name,
        resource.status,
        resource.description,
        resource.licence,
        _number(resource.page_count or None),  # 0 is no count: the page shows none
        duration_cell(resource.duration),
        f"{SEPARATOR} ".join(sorted(slug for slug in versions if slug != resource.slug)),
        "page" if resource.link_kind == Resource.LinkKind.PAGE else "",
    ]


def _joined(resource: Resource, names: Iterable[str], warnings: list[str]) -> str:
    names = sorted(names, key=lambda name: (name.casefold(), name))
    for name in names:
        if SEPARATOR in name:
            warnings.append(_("“%(name)s” (in %(resource)s) holds a “;”: an import would "
                              "read it as two names.") % {"name": name,
                                                          "resource": resource.slug})
    return f"{SEPARATOR} ".join(names)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)
