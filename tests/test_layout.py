"""The packages depend one way: the book build and the grader on chapterkit, chapterkit on solutions.

Every import counts, a function's deferred one included: each module is
parsed, not imported, so an import no test reaches still breaks the layout.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What each package may import of this repository (CONTRIBUTING.md, "Where things are").
ALLOWED = {
    "bookbuild": {"chapterkit", "solutions"},
    "autograder": {"chapterkit", "solutions"},
    "chapterkit": {"solutions"},
    "solutions": set(),
}


def imports(root, packages):
    """{(importer, imported)} between ``packages``, both top-level names, with one module that shows it."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            module = path.relative_to(root).with_suffix("").parts
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level:
                    names = [module[0]]  # a relative import stays inside its package
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".", 1)[0]
                    if top in packages and top != package:
                        found.setdefault((package, top), "/".join(module) + ".py")
    return found


def forbidden(edges, allowed):
    return sorted(f"{where}: {a} imports {b}" for (a, b), where in edges.items() if b not in allowed[a])


def cycles(edges):
    """Every cycle among the packages, each as the path that closes it."""
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    found = []

    def walk(node, path):
        for nxt in sorted(graph.get(node, ())):
            if nxt == path[0]:
                found.append(" -> ".join(path + [nxt]))
            elif nxt not in path and nxt > path[0]:  # each cycle once, from its smallest package
                walk(nxt, path + [nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def test_every_package_imports_only_what_the_map_allows():
    assert forbidden(imports(ROOT, ALLOWED), ALLOWED) == []


def test_there_is_no_import_cycle_between_packages():
    assert cycles(imports(ROOT, ALLOWED)) == []


def test_the_map_names_every_package_of_the_distribution():
    import tomllib

    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"][
        "find"
    ]["include"]
    assert {name.rstrip("*") for name in listed} == set(ALLOWED)


def test_a_forbidden_import_and_a_cycle_are_found(tmp_path):
    for package, source in [
        ("low", "import os\n"),
        ("high", "from low import thing\n"),
        # Deferred, inside a function, and through a submodule: still an import.
        ("low/deep", "def later():\n    from high.sub import other\n"),
    ]:
        path = tmp_path / f"{package}.py" if "/" in package else tmp_path / package / "__init__.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    edges = imports(tmp_path, {"low": set(), "high": {"low"}})
    assert edges == {("high", "low"): "high/__init__.py", ("low", "high"): "low/deep.py"}
    assert forbidden(edges, {"low": set(), "high": {"low"}}) == ["low/deep.py: low imports high"]
    assert cycles(edges) == ["high -> low -> high"]
