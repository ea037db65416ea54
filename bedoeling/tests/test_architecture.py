"""The shape of the code, checked by walking the syntax tree of every module (no import
runs): the live engine's boundary with the domains, and no import circles.

- `live` imports no domain app; a domain changes live state only through live's services:
  it never writes a live model (create, update, delete, bulk writes, a row lock, a new
  instance) and never imports the broker or the hub.
- No two modules of Bedoeling need each other, not even through an import inside a
  function: a circle means a piece belongs in a third module (a selector) or one module
  is two.

What the walk cannot see: `.save()` on an instance whose type it does not know. Reviews
keep that one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ("purpose", "stories", "systemworld", "cases")
LIVE_MODELS = {"LiveSession", "Phase", "Participant", "Cluster", "Card", "Vote", "StopPress"}
# Reverse relations that lead into live's tables from a live or domain object.
LIVE_RELATIONS = {"participants", "votes", "cards", "clusters", "phases", "stop_presses",
                  "live_sessions"}
WRITES = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update",
          "update", "delete", "select_for_update", "save"}
FORBIDDEN_IMPORTS = ("bedoeling.live.broker", "bedoeling.live.hub")


def modules(package: str = "") -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if "tests" in parts or "migrations" in parts or "conftest" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _runtime_nodes(tree: ast.AST):
    """Every node except those under `if TYPE_CHECKING:` (never imported at run time)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def imported_names(tree: ast.AST) -> list[tuple[str, str, int]]:
    """(module, name or "", line) for every import, at any depth."""
    found = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.module, alias.name, node.lineno) for alias in node.names]
    return found


def _chain(node: ast.AST) -> tuple[str | None, list[str]]:
    """The root name and the attributes of `Root.a.b(...).c` (calls looked through)."""
    attributes = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            attributes.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            break
    return (node.id if isinstance(node, ast.Name) else None), attributes[::-1]


def live_writes(source: str) -> list[str]:
    """Where a domain module writes live's tables."""
    tree = ast.parse(source)
    live_names = {alias.asname or alias.name
                  for node in ast.walk(tree)
                  if isinstance(node, ast.ImportFrom) and node.module == "bedoeling.live.models"
                  for alias in node.names if alias.name in LIVE_MODELS}
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        root, attributes = _chain(node.func)
        if root in live_names and not attributes:
            problems.append(f"line {node.lineno}: makes a {root} row")
        elif attributes and attributes[-1] in WRITES and (
            (root in live_names and "objects" in attributes)
            or any(a in LIVE_RELATIONS for a in attributes[:-1])
        ):
            problems.append(f"line {node.lineno}: {root}.{'.'.join(attributes)}()")
    return problems


def boundary_problems(name: str, source: str) -> list[str]:
    tree = ast.parse(source)
    app = name.split(".")[1] if name.count(".") >= 1 else ""
    problems = []
    for module, imported, line in imported_names(tree):
        full = f"{module}.{imported}" if imported else module
        if app == "live" and any(full.startswith(f"bedoeling.{d}") for d in DOMAINS):
            problems.append(f"{name} line {line}: live imports the domain {full}")
        if app in DOMAINS and any(full.startswith(f) for f in FORBIDDEN_IMPORTS):
            problems.append(f"{name} line {line}: imports {full}; use live.services.changed")
    if app in DOMAINS:
        problems += [f"{name} {p}" for p in live_writes(source)]
    return problems


def test_live_imports_no_domain_and_domains_change_live_state_only_through_its_services():
    problems = []
    for name, path in modules().items():
        problems += boundary_problems(name, path.read_text())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("source", [
    "from bedoeling.live.models import Vote\nVote.objects.update_or_create(phase=p)\n",
    "from bedoeling.live.models import Vote\nVote.objects.filter(phase=p).update(value=1)\n",
    "from bedoeling.live.models import Participant as P\nP.objects.bulk_create([])\n",
    "from bedoeling.live.models import Participant\nx = Participant(session=s)\n",
    "from bedoeling.live.models import Participant\n"
    "Participant.objects.select_for_update().filter(pk=1).first()\n",
    "session.participants.update(role='x')\n",
    "phase.votes.filter(target='c1').delete()\n",
    "from bedoeling.live import broker\n",
    "from bedoeling.live.broker import changed\n",
])
def test_the_boundary_check_finds_a_domain_writing_live_state(source):
    assert boundary_problems("bedoeling.stories.example", source)


def test_the_boundary_check_lets_a_domain_read_live_state_and_call_its_services():
    source = ("from bedoeling.live import services\nfrom bedoeling.live.models import Vote\n"
              "Vote.objects.filter(phase=p).count()\nservices.vote_upsert(p, q, target='')\n"
              "session.participants.count()\n")
    assert not boundary_problems("bedoeling.stories.example", source)


def test_the_boundary_check_finds_live_importing_a_domain():
    assert boundary_problems("bedoeling.live.example", "from bedoeling.stories import models\n")
    assert boundary_problems("bedoeling.live.example",
                             "def f():\n    from bedoeling.purpose.models import Purpose\n")


def import_graph(found: dict[str, Path]) -> dict[str, set[str]]:
    def resolve(name: str) -> str | None:
        while name and name not in found:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {name: set() for name in found}
    for name, path in found.items():
        for module, imported, _line in imported_names(ast.parse(path.read_text())):
            target = resolve(f"{module}.{imported}" if imported else module)
            if target and target != name and target != "bedoeling":
                graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_two_modules_import_each_other_not_even_inside_a_function():
    assert circles(import_graph(modules())) == []


def test_the_circle_check_finds_a_circle_broken_by_an_import_inside_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
