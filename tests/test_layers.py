"""The house has rings that import only inward, no import circle and no function-local imports.

Every module of ``model/``, ``ui/`` and ``app.py`` is read with ``ast`` (not
imported) and every import of a first-party module is checked against the
rings below: a module may import its own ring and the rings before it, never
one after it. The same checks run on small synthetic modules written to a
temporary folder, so a test proves they fail when a rule is broken.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The rings, innermost first. A module may import modules of its own ring and of earlier rings.
RINGS = (
    "core",  # model/*.py: parameters, areas, scenarios, levers, the cohort engine, the care model, results
    "text",  # model/text/: words and number formats (the core only)
    "analysis",  # model/analysis/: many runs on top of the model
    "files",  # model/files/: everything that reads or writes bytes
    "api",  # model/__init__.py and the documented re-export paths model.store, model.scenario_file, model.breakeven
    "cli",  # model/cli.py, model/__main__.py
    "ui",  # ui/: the Streamlit app's modules and pages
    "app",  # app.py: the router
)
API_MODULES = ("model", "model.store", "model.scenario_file", "model.breakeven")
CLI_MODULES = ("model.cli", "model.__main__")
#: Function-local imports allowed: an optional heavy dependency, imported where it is needed.
LOCAL_IMPORTS_ALLOWED: frozenset[tuple[str, str]] = frozenset({("model.kernels", "numba")})


def ring_of(module: str) -> int | None:
    """The ring of a first-party module by its dotted name; None for anything else."""
    if module == "app":
        name = "app"
    elif module == "ui" or module.startswith("ui."):
        name = "ui"
    elif module in CLI_MODULES:
        name = "cli"
    elif module in API_MODULES:
        name = "api"
    elif module.startswith(("model.text.", "model.analysis.", "model.files.")) or module in (
        "model.text",
        "model.analysis",
        "model.files",
    ):
        name = module.split(".")[1]
    elif module.startswith("model."):
        name = "core"
    else:
        return None
    return RINGS.index(name)


def module_name(path: Path, root: Path = ROOT) -> str:
    """``model/files/presets.py`` -> ``model.files.presets``; a package's ``__init__.py`` is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def first_party_modules(root: Path = ROOT) -> Iterator[Path]:
    """Every module of the rings: ``model/``, ``ui/`` and ``app.py``."""
    yield from sorted((root / "model").rglob("*.py"))
    yield from sorted((root / "ui").rglob("*.py"))
    yield root / "app.py"


def imported_modules(tree: ast.Module, module: str, is_package: bool, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, module) for every import in *tree*; ``from a import b`` counts as ``a.b`` where that is a module."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                target = root.joinpath(*sub.split("."))
                is_module = target.with_suffix(".py").is_file() or (target / "__init__.py").is_file()
                out.append((node.lineno, sub if is_module else base))
    return out


def outward_imports(path: Path, module: str | None = None, root: Path = ROOT) -> list[str]:
    """Imports of *path* that point to a ring after its own: ``"line: a -> b"`` for each."""
    module = module or module_name(path, root)
    own = ring_of(module)
    assert own is not None, f"{module} is in no ring"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for line, target in imported_modules(tree, module, path.name == "__init__.py", root):
        ring = ring_of(target)
        if ring is not None and ring > own:
            bad.append(f"{path.name}:{line}: {module} ({RINGS[own]}) imports {target} ({RINGS[ring]})")
    return bad


def local_imports(path: Path, module: str | None = None, root: Path = ROOT) -> list[str]:
    """Imports inside a function or class of *path* (except :data:`LOCAL_IMPORTS_ALLOWED`)."""
    module = module or module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for outer in ast.walk(tree):
        if not isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(outer):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                for name in names:
                    if (module, name) not in LOCAL_IMPORTS_ALLOWED:
                        bad.append(f"{path.name}:{node.lineno}: {module} imports {name} inside {outer.name}")
    return bad


def import_cycles(root: Path = ROOT) -> list[list[str]]:
    """Circles among the first-party modules' module-level imports (each found once)."""
    graph: dict[str, set[str]] = {}
    for path in first_party_modules(root):
        module = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = ast.Module(body=[n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))], type_ignores=[])
        graph[module] = {
            target for _, target in imported_modules(top, module, path.name == "__init__.py", root)
            if ring_of(target) is not None and target != module
        }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


# --- the real tree -------------------------------------------------------------------------------


def test_every_module_belongs_to_a_ring():
    for path in first_party_modules():
        assert ring_of(module_name(path)) is not None, path


def test_no_module_imports_outward():
    problems = [p for path in first_party_modules() for p in outward_imports(path)]
    assert not problems, "imports pointing outward:\n" + "\n".join(problems)


def test_no_function_local_imports():
    problems = [p for path in first_party_modules() for p in local_imports(path)]
    assert not problems, "function-local imports:\n" + "\n".join(problems)


def test_no_import_circle():
    cycles = import_cycles()
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_model_never_imports_ui_or_streamlit():
    for path in (ROOT / "model").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [t for _, t in imported_modules(tree, module_name(path), path.name == "__init__.py")]
        assert not [n for n in names if n.split(".")[0] in ("ui", "streamlit", "app")], path


@pytest.mark.parametrize(
    ("module", "ring"),
    [
        ("model.parameters", "core"),
        ("model.cohort", "core"),
        ("model.text.i18n", "text"),
        ("model.analysis.uncertainty", "analysis"),
        ("model.files.scenario_store", "files"),
        ("model", "api"),
        ("model.store", "api"),
        ("model.cli", "cli"),
        ("ui.state", "ui"),
        ("app", "app"),
        ("numpy", None),
        ("modelling", None),
    ],
)
def test_ring_of(module, ring):
    assert ring_of(module) == (None if ring is None else RINGS.index(ring))


# --- synthetic modules: the checks fail when a rule is broken --------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    """A miniature repository under *tmp_path* with the given files (relative path -> text)."""
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("model/area.py", "from model.files.presets import presets\n"),  # core -> files
        ("model/text/labels.py", "from model.analysis import compare\n"),  # text -> analysis
        ("model/analysis/compare.py", "import model.files.spreadsheet\n"),  # analysis -> files
        ("model/files/presets.py", "from model import run\n"),  # files -> api
        ("model/care.py", "import ui.state\n"),  # core -> ui
        ("ui/state.py", "import app\n"),  # ui -> app
        ("model/cli.py", "from ui import state\n"),  # cli -> ui
    ],
)
def test_a_synthetic_outward_import_fails(tmp_path, rel, text):
    root = _tree(tmp_path, {rel: text, "model/files/spreadsheet.py": "", "model/files/presets.py": "",
                            "model/analysis/compare.py": "", "ui/state.py": "", "app.py": ""} | {rel: text})
    problems = outward_imports(root / rel, root=root)
    assert len(problems) == 1 and "imports" in problems[0], problems


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("model/files/presets.py", "from model.area import load_area\nfrom model.text.i18n import t\n"),
        ("model/analysis/compare.py", "from model import parameters\nfrom model.text import i18n\n"),
        ("ui/state.py", "import model\nfrom model.files import presets\nimport numpy\n"),
        ("app.py", "from ui import state\n"),
    ],
)
def test_a_synthetic_inward_import_passes(tmp_path, rel, text):
    root = _tree(tmp_path, {rel: text, "model/parameters.py": "", "model/area.py": "", "model/text/i18n.py": "",
                            "model/files/presets.py": "", "ui/state.py": ""} | {rel: text})
    assert outward_imports(root / rel, root=root) == []


def test_a_synthetic_local_import_fails(tmp_path):
    root = _tree(tmp_path, {"model/care.py": "def f():\n    from model import cohort\n    return cohort\n"})
    problems = local_imports(root / "model/care.py", root=root)
    assert len(problems) == 1 and "inside f" in problems[0]


def test_a_synthetic_circle_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {"model/a.py": "from model import b\n", "model/b.py": "from model import c\n", "model/c.py": "import model.a\n",
         "ui/x.py": "", "app.py": ""},
    )
    assert import_cycles(root) == [["model.a", "model.b", "model.c", "model.a"]]
