"""The apps' import graph, read from the source (every `import resguardo.<app>…`, at any
depth of a module, tests and migrations left out), may only get simpler.

Today several apps import each other in a loop (issue 13, item 2): `catalogue` with
`search`, `ingest` and `pages`. No app may join that knot and no other loop may appear.
`lib`, at the bottom, imports no app (the site's HTTP edge, which does, is `web`). When a
loop is undone, take its apps out of TANGLED (the test says so when they no longer need to
be there): the goal is an empty TANGLED."""

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
TANGLED = {"catalogue", "ingest", "lib", "pages", "search"}
LIB_IMPORTS: set[str] = set()


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


def test_no_app_joins_the_known_knot_and_no_new_loop_appears() -> None:
    found = loops(app_imports())
    assert all(group <= TANGLED for group in found), found
    untangled = TANGLED - set().union(*found)
    assert not untangled, f"no longer in a loop: take {sorted(untangled)} out of TANGLED"


def test_lib_imports_no_app() -> None:
    assert app_imports()["lib"] == LIB_IMPORTS
