"""The apps' import graph, read from the source (every `import resguardo.<app>…`, at any
depth of a module, tests and migrations left out), goes one way, as the README's map says:
`lib` imports no app, `search`, `ingest` and `jobs` only `lib`, `catalogue` only those four, and
every other app builds on them; no two apps import each other, directly or round a loop.
(Issue 13 undid the knot that `catalogue`, `search`, `ingest`, `pages` and `lib` made.)"""

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
# app -> every app it may import: the bottom of the graph
BELOW = {
    "lib": set(),
    "search": {"lib"},
    "ingest": {"lib"},
    "jobs": {"lib"},
    "catalogue": {"lib", "search", "ingest", "jobs"},
}


def app_imports() -> dict[str, set[str]]:
    """Each app's (top-level package's) imports of the other apps."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or {"tests", "migrations"} & set(parts) or "conftest" in path.name:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                pieces = name.split(".")
                if pieces[0] == "resguardo" and len(pieces) > 1 and pieces[1] != parts[0] \
                        and (PACKAGE / pieces[1]).is_dir():
                    graph[parts[0]].add(pieces[1])
    return graph


def loops(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one app (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        for other in graph.get(app, ()):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == app:
                    break
            if len(group) > 1:
                found.append(group)

    for app in sorted(set(graph) | {a for targets in graph.values() for a in targets}):
        if app not in index:
            visit(app)
    return found


def test_finding_loops_finds_each_one_and_only_loops() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"f"}, "f": {"e"}}
    assert sorted(map(sorted, loops(graph))) == [["a", "b", "c"], ["e", "f"]]
    assert loops({"lib": set(), "search": {"lib"}, "catalogue": {"search", "lib"}}) == []


def test_no_app_imports_another_round_a_loop() -> None:
    assert loops(app_imports()) == []


def test_the_bottom_apps_import_only_what_lies_below_them() -> None:
    graph = app_imports()
    above = {app: sorted(graph.get(app, set()) - allowed) for app, allowed in BELOW.items()}
    assert above == {app: [] for app in BELOW}
