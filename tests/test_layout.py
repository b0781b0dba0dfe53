"""The package tree reads as the pipeline: imports flow one way along it, and no module grows too long."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"

# Stages in pipeline order. A module may import from its own stage and from earlier ones only;
# stages of the same rank (publishing and the computations) do not import each other.
RANK = {
    "": 0,  # analysis/__init__.py, paths.py: used by every stage
    "release": 1,
    "publish": 2,
    "compute": 2,
    "present": 3,
    "pipeline": 4,
    "render": 5,
    "cli": 6,  # analysis/cli.py and __main__.py
}
TOP_LEVEL_CLI = {"cli", "__main__"}
MAX_LINES = 400


def stage_of(module: str) -> str:
    """The stage of a dotted module name inside the package ('analysis.compute.regions' -> 'compute')."""
    parts = module.split(".")
    assert parts[0] == "analysis", module
    if len(parts) == 1:
        return ""
    if parts[1] in RANK:
        return parts[1]
    return "cli" if parts[1] in TOP_LEVEL_CLI else ""


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str, root: Path) -> bool:
    path = root.parent / name.replace(".", "/")
    return path.is_dir() or path.with_suffix(".py").is_file()


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of the package in a file, relative ones resolved."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "analysis"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "analysis":
                target = node.module
            else:
                continue
            # `from . import x` / `from .stage import module` name modules; count each one.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.append((node.lineno, candidate if is_module(candidate, root) else target))
    return found


def import_violations(root: Path = PACKAGE) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        here = stage_of(module_name(path, root))
        for line, target in imported_modules(path, root):
            there = stage_of(target)
            if there != here and RANK[there] >= RANK[here]:
                problems.append(f"{path.relative_to(root.parent)}:{line}: {here or 'top'} imports {target}")
    return problems


def test_imports_flow_one_way_along_the_pipeline():
    assert import_violations() == []


def test_the_check_catches_an_import_against_the_flow(tmp_path):
    """A computation that imports presentation, and a release module that imports the pipeline, are reported."""
    fake = tmp_path / "analysis"
    for folder in ("compute", "present", "release", "pipeline"):
        (fake / folder).mkdir(parents=True)
        (fake / folder / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "present" / "values.py").write_text("from ..compute import regions\n")  # allowed
    (fake / "compute" / "regions.py").write_text("from ..present import values\nfrom . import other\n")
    (fake / "compute" / "other.py").write_text("")
    (fake / "release" / "load.py").write_text("import analysis.pipeline.cache\n")
    (fake / "pipeline" / "cache.py").write_text("")
    assert import_violations(fake) == [
        "analysis/compute/regions.py:1: compute imports analysis.present.values",
        "analysis/release/load.py:1: release imports analysis.pipeline.cache",
    ]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines"


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports, at the top or inside a function."""
    return {
        module_name(path, root): {t for _, t in imported_modules(path, root)} - {module_name(path, root)}
        for path in sorted(root.rglob("*.py"))
    }


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The modules that import each other, directly or through others: every strongly connected group
    of two or more modules of `graph` (Tarjan's algorithm), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycles():
    """No module imports itself through others, not even inside a function: each stage reads top down."""
    assert import_cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle_through_a_function_level_import(tmp_path):
    fake = tmp_path / "analysis"
    (fake / "compute").mkdir(parents=True)
    for name in ("__init__", "compute/__init__", "compute/c"):
        (fake / f"{name}.py").write_text("")
    (fake / "compute" / "a.py").write_text("from . import b\n")
    (fake / "compute" / "b.py").write_text("from .c import x\n\ndef f():\n    from . import a\n")
    assert import_cycles(import_graph(fake)) == [["analysis.compute.a", "analysis.compute.b"]]
