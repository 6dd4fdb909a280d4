"""The package's layout (issue 12): rooms by concern, modules of a readable size."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "graphkit"
ROOT_MODULES = {"__init__.py", "__main__.py", "errors.py", "_version.py", "api.py"}


def test_no_module_over_500_lines():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 20
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in modules
        if (n := len(p.read_text().splitlines())) > 500
    }
    assert long == {}


def test_the_root_holds_only_the_entry_points():
    assert {p.name for p in PACKAGE.glob("*.py")} == ROOT_MODULES


def test_every_subpackage_says_what_it_owns():
    packages = [p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    assert len(packages) >= 7
    for package in packages:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text()))
        assert doc and len(doc) > 40, f"{package.name}: say what the subpackage owns"
