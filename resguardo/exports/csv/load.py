"""Import a catalogue CSV: check every row, then write them in one transaction.

If any row is wrong nothing is written, unless `skip_invalid`: then the good rows are, and
the others are reported. A dry run does the whole import and rolls it back, so what it
reports is exactly what an import would do. Rows are matched to resources by their ID (see
columns.py), so importing the same file again changes nothing.

Files named in the File column (with `--files`) are read and cleaned by ingestion before
the transaction starts, so a refused file is reported like any other problem (in a dry run
too), the database is not held while files are read, and the cleaned copies reach storage
only once the rows that point to them are committed.
"""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, cast
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries.fields import Country

from resguardo.catalogue.models import Organisation, Resource, Strategy
from resguardo.catalogue.services import (
    create_resource,
    index_resources,
    link_versions,
    read_file,
    store_file,
    update_resource,
)
from resguardo.catalogue.world_languages import WorldLanguage, language_row
from resguardo.exports.csv.cells import shown, slug_for
from resguardo.exports.csv.columns import (
    AUDIENCES,
    DESCRIPTION,
    DURATION,
    FILE,
    ID,
    LANGUAGES,
    LICENCE,
    LINK_KIND,
    NEEDED,
    ORGANISATIONS,
    PAGES,
    PLACES,
    RATING,
    SAME_WORK,
    STATUS,
    SUMMARY,
    THEMES,
    TITLE,
    TYPE,
    URL,
    WORKS,
    YEAR,
)
from resguardo.exports.csv.read import Checked, Problem, Row, validate
from resguardo.exports.csv.vocabulary import key
from resguardo.exports.csv.works import Works, works
from resguardo.ingest.base import Refused
from resguardo.ingest.services import Ingested, workspace
from resguardo.lib.progress import Bar
from resguardo.lib.slugs import numbered

CHUNK = 500  # rows matched to resources per query
FIELDS = {TITLE: "title", SUMMARY: "summary", YEAR: "year", RATING: "rating", URL: "url",
          DESCRIPTION: "description", LICENCE: "licence", PAGES: "page_count",
          DURATION: "duration", LINK_KIND: "link_kind"}
RELATIONS = {THEMES: "themes", AUDIENCES: "audiences", LANGUAGES: "languages",
             ORGANISATIONS: "publishers", PLACES: "regions"}
# Two columns, one field: each column holds the resource's strategies of one group.
STRATEGIES = {WORKS: Strategy.Group.WORKS, NEEDED: Strategy.Group.NEEDED}
Change = tuple[str, str, Any]  # the column, the resource's field it sets, the value
Read = dict[int, Ingested]  # line -> the file it names, read and cleaned


@dataclass
class Summary:
    dry_run: bool = False
    refused: bool = False  # there were errors, so nothing was written
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations: int = 0  # created for the Organisation column
    attached: int = 0
    not_attached: int = 0  # File names given without a folder to find them in
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # line by line, for a dry run
    headers: dict[str, str] = field(default_factory=dict)  # column -> as the file names it

    @property
    def skipped(self) -> int:
        return len({p.line for p in self.problems})

    def lines(self) -> list[str]:
        lines = [str(p) for p in self.problems] + self.notes
        if self.refused:
            errors, skipped = len(self.problems), self.skipped
            return [*lines, ngettext(
                "Nothing was imported: there is %(errors)s on %(lines)s.",
                "Nothing was imported: there are %(errors)s on %(lines)s.", errors) % {
                "errors": ngettext("%(count)d error", "%(count)d errors", errors)
                % {"count": errors},
                "lines": ngettext("%(count)d line", "%(count)d lines", skipped)
                % {"count": skipped}},
                _("Correct them and import the file again, or use --skip-invalid to import "
                  "the other lines.")]
        if self.dry_run:
            lines += [*self.changes, _("Nothing was written: this was a dry run.")]
        # The first five always, the others when they say something.
        return lines + [label % {"count": count}
                        for i, (label, count) in enumerate(self._counts()) if i < 5 or count]

    def _counts(self) -> list[tuple[str, int]]:
        if self.dry_run:
            labels = [_("Would be created: %(count)d"), _("Would be updated: %(count)d"),
                      _("Unchanged: %(count)d"), _("Skipped because of errors: %(count)d"),
                      _("Errors: %(count)d"), _("New organisations: %(count)d"),
                      _("Files to attach: %(count)d")]
        else:
            labels = [_("Created: %(count)d"), _("Updated: %(count)d"),
                      _("Unchanged: %(count)d"), _("Skipped because of errors: %(count)d"),
                      _("Errors: %(count)d"), _("New organisations: %(count)d"),
                      _("Files attached: %(count)d")]
        counts = [self.created, self.updated, self.unchanged, self.skipped,
                  len(self.problems), self.organisations, self.attached]
        labels.append(_("Files named but not attached, as no --files folder was given: "
                        "%(count)d"))
        return list(zip(labels, [*counts, self.not_attached], strict=True))


def import_csv(data: bytes, *, files: Path | None = None, dry_run: bool = False,
               skip_invalid: bool = False, progress: TextIO | None = None) -> Summary:
    checked = validate(data, files=files)
    summary = Summary(dry_run=dry_run, problems=list(checked.problems),
                      notes=list(checked.notes), headers=checked.headers)
    if checked.unreadable or (checked.problems and not skip_invalid):
        summary.refused = True
        return summary
    with workspace() as staging:
        _leave_out_proposals(checked, summary)
        read = _read_files(checked, summary, files, Path(staging), progress)
        if len(summary.problems) > len(checked.problems) and not skip_invalid:
            summary.problems.sort(key=lambda p: p.line)
            summary.refused = True
            return summary
        with transaction.atomic(), Bar(_("Importing"), len(checked.rows),
                                       stream=progress) as bar:
            load(checked, summary, files=files, read=read, advance=bar.advance)
            summary.problems.sort(key=lambda p: p.line)
            if dry_run:
                transaction.set_rollback(True)
        if not dry_run:  # committed: now the cleaned copies the rows point to are stored
            for ingested in read.values():
                store_file(ingested)
    return summary


def _leave_out_proposals(checked: Checked, summary: Summary) -> None:
    """A contributor's proposal awaiting a decision is published or declined from the
    proposal (one action, in the audit log), never by an import: its row is a problem."""
    awaiting: set[str] = set()
    for rows in _chunks(checked.rows):
        awaiting.update(Resource.objects.filter(
            slug__in=[row.slug for row in rows], proposal__status="pending",
        ).values_list("slug", flat=True))
    for row in checked.rows:
        if row.slug in awaiting:
            summary.problems.append(Problem(row.line, checked.headers.get(ID, ""), _(
                "“%(id)s” is a contributor's proposal awaiting a decision: approve or "
                "decline it under Proposals first.") % {"id": row.slug}))
    checked.rows = [row for row in checked.rows if row.slug not in awaiting]


def _read_files(checked: Checked, summary: Summary, files: Path | None, staging: Path,
                progress: TextIO | None) -> Read:
    """Read and clean, outside any transaction, every file a row names that its resource
    does not have yet. A refused file, or the same file on two lines, is a problem on its
    line, and that row is left out."""
    named = [row for row in checked.rows if row.values.get(FILE)]
    if files is None or not named:
        return {}
    existing = {r.slug: r for r in Resource.objects.filter(slug__in=[r.slug for r in named])}
    read: Read = {}
    seen: dict[str, int] = {}
    refused: set[int] = set()
    with Bar(_("Reading files"), len(named), stream=progress) as bar:
        for row in named:
            resource = existing.get(row.slug)
            path = files / row.values[FILE]
            digest = _digest(path)
            if resource is not None and digest in (resource.source_sha256,
                                                   resource.file_sha256):
                bar.advance()
                continue  # the resource has this file already
            try:
                if digest in seen:
                    raise Refused(_("This is the same file as on line %(line)d.")
                                  % {"line": seen[digest]},
                                  "duplicate")
                seen[digest] = row.line
                with path.open("rb") as upload:
                    read[row.line] = read_file(upload, staging / str(row.line),
                                               for_resource=resource)
            except Refused as refusal:
                refused.add(row.line)
                summary.problems.append(
                    Problem(row.line, checked.headers[FILE], str(refusal.reason)))
            bar.advance()
    checked.rows = [row for row in checked.rows if row.line not in refused]
    return read


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def load(checked: Checked, summary: Summary, *, files: Path | None, read: Read,
         advance: Callable[[], None]) -> None:
    organisations = Organisations()
    linked = _link_works(checked)
    for rows in _chunks(checked.rows):
        existing = {r.slug: r for r in Resource.objects.filter(slug__in=[r.slug for r in rows])
                    .prefetch_related(*RELATIONS.values(), "strategies")}
        changed = []
        for row in rows:
            resource = _row(row, existing.get(row.slug), summary, organisations,
                            files=files, ingested=read.get(row.line),
                            work=linked.keys.get(row.slug))
            organisations.keep()
            if resource:
                changed.append(resource)
            advance()
        index_resources(resources=changed)  # a chunk at a time: one change of the version
    summary.organisations = organisations.created


def _link_works(checked: Checked) -> Works:
    """The work of each line, when the file has a Same work as column. The library's works
    that lines join become one first; each line's own key is then set with its row."""
    if SAME_WORK not in checked.headers:
        return Works()
    linked = works(checked.rows)
    for slugs in linked.joins:
        found = Resource.objects.in_bulk(slugs, field_name="slug")
        link_versions(resources=[found[slug] for slug in slugs])
    return linked


def _chunks(rows: list[Row]) -> Iterator[list[Row]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def _row(row: Row, resource: Resource | None, summary: Summary, organisations: "Organisations",
         *, files: Path | None, ingested: Ingested | None, work: UUID | None
         ) -> Resource | None:
    """Create or update the row's resource; returns it if it changed."""
    new = resource is None
    changes = (_fields(row.values, resource or Resource())
               + _status(row.values.get(STATUS), resource)
               + _relations(row.values, resource, organisations)
               + _strategies(row.values, resource))
    if work is not None and (resource is None or resource.translation_key != work):
        changes.append((SAME_WORK, "translation_key", work))
    changed = [column for column, _name, _value in changes]
    if row.values.get(FILE) and files is None:
        summary.not_attached += 1
    if ingested is not None:
        changed.append(FILE)
    if not (new or changed):
        summary.unchanged += 1
        return None
    fields = {name: value for _column, name, value in changes}
    if resource is None:
        resource = create_resource(fields={"slug": row.slug, **fields}, ingested=ingested,
                                   index=False)
    else:
        update_resource(resource=resource, fields=fields, ingested=ingested, index=False)
    if ingested is not None:
        summary.attached += 1
    _count(row, changed, new, summary)
    return resource


def _fields(values: dict[str, Any], resource: Resource) -> list[Change]:
    changes = [(column, name, values[column]) for column, name in FIELDS.items()
               if column in values and getattr(resource, name) != values[column]]
    if values[TYPE].pk != resource.resource_type_id:
        changes.append((TYPE, "resource_type", values[TYPE]))
    countries = sorted(c.code for c in cast(list[Country], resource.countries))
    if PLACES in values and values[PLACES][1] != countries:
        changes.append((PLACES, "countries", values[PLACES][1]))
    return changes


def _status(status: str | None, resource: Resource | None) -> list[Change]:
    """As the row says; without a status, a new resource is published and an existing one
    keeps its status."""
    if resource is None:
        return [(STATUS, "status", status or Resource.Status.PUBLISHED)]
    if status is None or status == resource.status:
        return []
    return [(STATUS, "status", status)]


def _relations(values: dict[str, Any], resource: Resource | None,
               organisations: "Organisations") -> list[Change]:
    """The relations to set, where they differ from the resource's."""
    wanted = {column: values[column] for column in RELATIONS if column in values}
    if ORGANISATIONS in wanted:
        wanted[ORGANISATIONS] = [organisations.get(name) for name in wanted[ORGANISATIONS]]
    if LANGUAGES in wanted:  # a language of the world the library did not have yet
        wanted[LANGUAGES] = [language_row(o) if isinstance(o, WorldLanguage) else o
                             for o in wanted[LANGUAGES]]
    if PLACES in wanted:
        wanted[PLACES] = wanted[PLACES][0]  # the regions; the countries are a field
    return [(column, RELATIONS[column], objects) for column, objects in wanted.items()
            if {o.pk for o in objects} != _pks(resource, column)]


def _strategies(values: dict[str, Any], resource: Resource | None) -> list[Change]:
    """The strategies to set, if a group's column differs from the resource's strategies of
    that group; a group whose column the file leaves out keeps its strategies."""
    current = list(resource.strategies.all()) if resource else []
    changed = [column for column, group in STRATEGIES.items() if column in values
               and {s.pk for s in values[column]} != {s.pk for s in current if s.group == group}]
    if not changed:
        return []
    given = [column for column in STRATEGIES if column in values]
    kept = [s for s in current if s.group not in {STRATEGIES[c] for c in given}]
    wanted = [s for column in given for s in values[column]] + kept
    return [(column, "strategies", wanted) for column in changed]


def _pks(resource: Resource | None, column: str) -> set[int | str]:
    if resource is None:
        return set()
    return {o.pk for o in getattr(resource, RELATIONS[column]).all()}


def _count(row: Row, changed: list[str], new: bool, summary: Summary) -> None:
    if new:
        summary.created += 1
        summary.changes.append(_("Line %(line)d: would create “%(title)s”.") % {
            "line": row.line, "title": shown(row.title)})
    else:
        summary.updated += 1
        summary.changes.append(_("Line %(line)d: would update “%(title)s” (%(columns)s).") % {
            "line": row.line, "title": shown(row.title),
            "columns": ", ".join(summary.headers.get(c, c) for c in changed)})


class Organisations:
    """Publishers by name, created when missing. Names are compared like taxonomy values,
    so "Front Line Defenders" and "front line defenders" are one organisation."""

    def __init__(self) -> None:
        self.by_key = {key(o.name) or o.name: o for o in Organisation.objects.all()}
        self.slugs = set(Organisation.objects.values_list("slug", flat=True))
        self.created = 0
        self.fresh: list[Organisation] = []  # created for the row being written

    def get(self, name: str) -> Organisation:
        found = self.by_key.get(key(name) or name)
        if found is None:
            found = Organisation.objects.create(name=name, slug=self._slug(name))
            self.by_key[key(name) or name] = found
            self.slugs.add(found.slug)
            self.fresh.append(found)
        return found

    def keep(self) -> None:
        self.created += len(self.fresh)
        self.fresh = []

    def forget(self) -> None:
        """The row was rolled back, and the organisations created for it with it."""
        for organisation in self.fresh:
            self.by_key.pop(key(organisation.name) or organisation.name)
            self.slugs.discard(organisation.slug)
        self.fresh = []

    def _slug(self, name: str) -> str:
        return numbered(slug_for(name)[:190], self.slugs)
