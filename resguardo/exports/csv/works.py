"""The works a catalogue CSV's Same work as cells make (the rule is in columns.py).

Resources of one work share a key (`Resource.translation_key`). The lines that name one
another, directly or through others, and the library's resources they name with those
resources' own versions, are one work. Each work keeps a key one of its resources has
already when no resource outside it holds that key too, so importing a file again changes
no key; otherwise it gets a new one.
"""

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from resguardo.catalogue.models import Resource
from resguardo.exports.csv.columns import SAME_WORK
from resguardo.exports.csv.read import Row

CHUNK = 500  # values looked up per query


@dataclass
class Works:
    keys: dict[str, uuid.UUID] = field(default_factory=dict)  # a line's ID -> its work's key
    # IDs of library resources (not lines) that a file makes versions of one work, each
    # group to be linked to its first one's work.
    joins: list[list[str]] = field(default_factory=list)


def works(rows: list[Row]) -> Works:
    lines = {row.slug for row in rows}
    named = {name for row in rows for name in row.values[SAME_WORK]}
    current = dict(_keys("slug", lines | named))
    groups = _Groups(lines)
    for row in rows:
        for name in row.values[SAME_WORK]:
            # A name that is no line's and no resource's (its line was left out for a problem
            # of its own, which was reported) links nothing.
            if name in lines or name in current:
                groups.join(row.slug, name)
    holders: dict[uuid.UUID, set[str]] = defaultdict(set)
    for slug, key in _keys("translation_key", set(current.values())):
        holders[key].add(slug)
    found, taken = Works(), set[uuid.UUID]()
    for group in groups.each():
        others = sorted(group - lines)
        if others:  # the library's work these resources are in, the others' coming along
            key = current[others[0]]
            if len({current[slug] for slug in others}) > 1:
                found.joins.append(others)
        else:
            key = _kept(group, current, holders, lines, taken) or uuid.uuid4()
        taken.add(key)
        found.keys.update((slug, key) for slug in group & lines)
    return found


def _kept(group: set[str], current: dict[str, uuid.UUID], holders: dict[uuid.UUID, set[str]],
          lines: set[str], taken: set[uuid.UUID]) -> uuid.UUID | None:
    """The key most of the group holds already, among those no resource outside the group
    keeps (a line elsewhere in the file leaves its key anyway)."""
    held = Counter(current[slug] for slug in group if slug in current)
    usable = [key for key in held if key not in taken
              and all(slug in group or slug in lines for slug in holders[key])]
    return min(usable, key=lambda key: (-held[key], str(key)), default=None)


def _keys(field: str, values: Iterable[object]) -> Iterator[tuple[str, uuid.UUID]]:
    """(ID, work key) of the resources whose `field` is one of `values`."""
    ordered = sorted(values, key=str)
    for start in range(0, len(ordered), CHUNK):
        yield from Resource.objects.filter(**{f"{field}__in": ordered[start:start + CHUNK]}
                                           ).values_list("slug", "translation_key")


class _Groups:
    """Union-find over IDs: each line is a group of its own until joined."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {slug: slug for slug in ids}

    def root(self, slug: str) -> str:
        self.parent.setdefault(slug, slug)
        while self.parent[slug] != slug:
            self.parent[slug] = self.parent[self.parent[slug]]
            slug = self.parent[slug]
        return slug

    def join(self, first: str, second: str) -> None:
        self.parent[self.root(first)] = self.root(second)

    def each(self) -> list[set[str]]:
        """The groups, each once, in the order of their first ID."""
        groups: dict[str, set[str]] = defaultdict(set)
        for slug in list(self.parent):
            groups[self.root(slug)].add(slug)
        return sorted(groups.values(), key=min)
