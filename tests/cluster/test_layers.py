"""The layers point one way: the core imports no feature app, and nothing imports `bench/`.

Read from the source (every import statement, including those inside functions), so a lazy
import cannot hide a dependency.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = {"site": "cluster", "catalog": "catalog", "disclosure": "disclosure", "search": "search"}
# What each top-level package may import among the project's own packages.
ALLOWED = {
    "cluster": {"cluster"},
    "search": {"cluster", "search"},
    "catalog": {"cluster", "search", "catalog"},
    "disclosure": {"cluster", "search", "disclosure"},
}
OWN = {"cluster", "catalog", "disclosure", "search", "bench", "themes"}


def imported_packages(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in OWN:
                yield node.lineno, top


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_package_imports_only_the_layers_below_it(folder):
    package = FOLDERS[folder]
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {top}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts
        for line, top in imported_packages(path)
        if top not in ALLOWED[package]
    ]
    assert wrong == []
