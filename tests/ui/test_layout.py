"""The house rules of ui/: thin pages, small modules and functions, every cache in ui/cache.py.

Read with ast, so the checks fail as soon as a change breaks a rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"
MODULES = sorted(UI.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_PAGE_LINES = 45  # a page reads in one screen: a header, tabs and render() calls
EXEMPT = "# size:"  # a comment at the top of a module that says why it may be larger


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def exempt(path: Path) -> bool:
    return any(line.startswith(EXEMPT) for line in path.read_text(encoding="utf-8").splitlines()[:15])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(UI)))
def test_modules_and_functions_are_small(path):
    if exempt(path):
        return
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno - node.lineno + 1 <= MAX_FUNCTION_LINES, (path.name, node.name)


@pytest.mark.parametrize("path", sorted((UI / "pages").glob("[!_]*.py")), ids=lambda p: p.name)
def test_pages_are_thin(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_PAGE_LINES
    defined = [n for n in tree(path).body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    assert not defined, "a page only calls: functions live in ui/<page>/"


def _decorator_names(path: Path) -> list[str]:
    names = []
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Attribute) and node.attr in ("cache_data", "cache_resource", "fragment"):
            names.append(node.attr)
    return names


def test_every_cache_is_in_ui_cache():
    outside = {str(p.relative_to(UI)): n for p in MODULES if p.name != "cache.py" for n in _decorator_names(p)}
    assert {k: v for k, v in outside.items() if v != "fragment"} == {}


def test_the_caches_share_one_hash_function():
    source = (UI / "cache.py").read_text(encoding="utf-8")
    calls = [
        n
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr.startswith("cache_")
    ]
    assert calls
    for call in calls:
        assert any(
            k.arg == "hash_funcs" and isinstance(k.value, ast.Name) and k.value.id == "HASH" for k in call.keywords
        )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(UI)))
def test_no_function_local_imports(path):
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
            assert not inner, (path.name, node.name)
