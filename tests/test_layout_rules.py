"""Rules of the layout that import-linter cannot see: the kit's own modules are imported at the
top of each module (a function-level import would hide a cycle), and the old module names
still work for one release, with a warning."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "kjpacts"
#: Modules whose job is to import lazily: the package's lazy public names and the moved-name shim.
LAZY_BY_DESIGN = {"__init__.py", "_moved.py"}
#: Optional third-party packages (the instructor extra): a kit module that needs one may be
#: imported inside a function, so the rest works (and says what to install) without it.
OPTIONAL = {"nbgrader", "notebook"}


def module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    for candidate in (PACKAGE.joinpath(*parts).with_suffix(".py"), PACKAGE.joinpath(*parts, "__init__.py")):
        if candidate.is_file():
            return candidate
    return None


def needs_optional(name: str) -> bool:
    """True when the kit module ``name`` imports an optional package at its top level."""
    path = module_file(name)
    if path is None:
        return False
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
        if any(n.split(".")[0] in OPTIONAL for n in names):
            return True
    return False


def absolute(node: ast.ImportFrom, path: Path) -> str:
    if node.level == 0:
        return node.module or ""
    package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    base = package[: len(package) - node.level]
    return ".".join(base + ([node.module] if node.module else []))


def function_level_kit_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom):
                    names = [absolute(node, path)]
                    if names[0] and not node.module and node.level:  # `from . import x`
                        names = [f"{names[0]}.{a.name}" for a in node.names]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                else:
                    continue
                kit = [n for n in names if n.startswith("kjpacts")]
                if kit and not all(needs_optional(n) for n in kit):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def test_kit_modules_are_imported_at_module_level() -> None:
    offenders = [hit for path in sorted(PACKAGE.rglob("*.py")) if path.name not in LAZY_BY_DESIGN
                 for hit in function_level_kit_imports(path)]
    assert offenders == [], "import the kit's own modules at the top of the module: " + ", ".join(offenders)


def test_the_rule_sees_a_function_level_import(tmp_path: Path) -> None:
    sample = tmp_path / "kjpacts" / "sample.py"
    sample.parent.mkdir()
    sample.write_text("def f():\n    from kjpacts.corpus.load import load\n    return load\n", encoding="utf-8")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "kjpacts"
    try:
        assert function_level_kit_imports(sample) == ["kjpacts/sample.py:2"]
    finally:
        PACKAGE = saved


@pytest.mark.parametrize("old, new", [("kjpacts.widgets", "kjpacts.teaching.widgets"),
                                      ("kjpacts.selfcheck", "kjpacts.teaching.checks"),
                                      ("kjpacts.export", "kjpacts.exports"),
                                      ("kjpacts.cleaning", "kjpacts.corpus.cleaning")])
def test_old_module_names_still_import_with_a_warning(old: str, new: str) -> None:
    code = (f"import warnings, importlib\nwarnings.simplefilter('error')\nimport kjpacts\n"
            f"try:\n    importlib.import_module({old!r})\nexcept DeprecationWarning as w:\n    print(w)\n"
            f"warnings.simplefilter('ignore')\nprint(importlib.import_module({old!r}) is importlib.import_module({new!r}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.strip().splitlines()
    assert first.startswith(f"{old} has moved to {new}")
    assert second == "True"


def test_every_module_imports_on_its_own() -> None:
    """No import cycle hides behind import order: each module imports first in a fresh process."""
    import pkgutil

    import kjpacts

    names = [m.name for m in pkgutil.walk_packages(kjpacts.__path__, "kjpacts.")]
    code = ("import importlib, subprocess, sys\nbad = []\nfor name in sys.argv[1:]:\n"
            "    r = subprocess.run([sys.executable, '-c', 'import ' + name], capture_output=True, text=True)\n"
            "    if r.returncode:\n        bad.append(name + ': ' + r.stderr.strip().splitlines()[-1])\n"
            "print('\\n'.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout + out.stderr
