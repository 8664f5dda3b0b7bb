"""The house rule of model/: modules of at most 400 lines and functions of at most 60 lines of code.

A function's numpydoc docstring does not count (the cohort engine's functions
carry their equations there); a module may be larger when a comment near its
top (after the module docstring), starting ``# size:``, says why. ui/ has the same rule (tests/ui/test_layout.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[1] / "model"
MODULES = sorted(MODEL.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
EXEMPT = "# size:"


def code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """A function's lines without its docstring."""
    lines = node.end_lineno - node.lineno + 1
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        lines -= first.end_lineno - first.lineno + 1
    return lines


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(MODEL)))
def test_modules_and_functions_are_small(path):
    text = path.read_text(encoding="utf-8")
    if not any(line.startswith(EXEMPT) for line in text.splitlines()[:60]):
        assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [(n.name, code_lines(n)) for n in ast.walk(ast.parse(text))
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and code_lines(n) > MAX_FUNCTION_LINES]
    assert long == []


def test_the_rule_catches_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    node = ast.parse(f'def f():\n    """Doc."""\n{body}\n    return 0\n').body[0]
    assert code_lines(node) == MAX_FUNCTION_LINES + 2  # the def line, the body and the return; not the docstring
