"""``pip install .`` (not editable) works: the installed package runs its CLI and its app from any folder.

A clean copy of the repository is installed into a fresh virtual environment
in a temporary folder. The environment sees the system's site-packages, so
nothing is downloaded (``--no-deps --no-build-isolation --no-index``): the
test is about the package's own files — ``data/``, ``locales/``, the app and
its settings — being installed and found, not about its dependencies. Every
command then runs from another temporary folder with ``PYTHONPATH`` unset, so
the checkout cannot be imported by accident.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: What a checkout has that is not the package (and that building must not see).
IGNORE = shutil.ignore_patterns(
    ".git", "var", "__pycache__", "*.egg-info", "build", "dist", ".mypy_cache", ".ruff_cache", ".pytest_cache",
    "node_modules",
)
BIN = "Scripts" if os.name == "nt" else "bin"


def _env() -> dict[str, str]:
    """This process's environment without PYTHONPATH (which points at the checkout)."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def _run(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(python of the fresh environment, a working folder outside the repository)."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    venv.create(tmp / "venv", system_site_packages=True, with_pip=False)  # pip comes from the system
    python = tmp / "venv" / BIN / "python"
    _run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", "-q", str(src)],
        cwd=tmp,
    )
    work = tmp / "elsewhere"
    work.mkdir()
    return python, work


@pytest.mark.slow
def test_the_installed_package_finds_its_own_files(installed):
    python, work = installed
    code = "import model, model.resources as r; print(model.__file__); print(r.ROOT); print(r.CHECKOUT)"
    model_file, root, checkout = _run([str(python), "-c", code], cwd=work).stdout.split()
    site = Path(model_file).parent.parent
    assert Path(root) == site / "omstallningskalkylen" and checkout == "False"
    assert not Path(model_file).is_relative_to(ROOT)
    for rel in ("data/base.yaml", "data/areas/children.yaml", "data/presets/small.yaml", "locales/en/core.yaml",
                "app.py", ".streamlit/config.toml", "ui/pages/overview.py"):
        assert (Path(root) / rel).is_file(), rel


@pytest.mark.slow
def test_the_command_line_runs_from_another_folder(installed, tmp_path):
    python, work = installed
    done = _run([str(python), "-m", "model", "run", "--shift-mnkr", "10", "--output", "x.csv"], cwd=work)
    assert "wrote x.csv (10 years, evidence level central, fixed prices)" in done.stdout
    # The same table the checkout writes.
    _run([sys.executable, "-m", "model", "run", "--shift-mnkr", "10", "--output", str(tmp_path / "x.csv")], cwd=ROOT)
    assert (work / "x.csv").read_bytes() == (tmp_path / "x.csv").read_bytes()
    assert "default" in _run([str(python), "-m", "model", "presets"], cwd=work).stdout
    assert "parent_training" in _run([str(python), "-m", "model", "measures"], cwd=work).stdout


@pytest.mark.slow
def test_the_installed_app_renders(installed):
    python, work = installed
    code = (
        "from streamlit.testing.v1 import AppTest\n"
        "from model.resources import APP_PATH\n"
        "at = AppTest.from_file(str(APP_PATH), default_timeout=60).run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "print(at.title[0].value if at.title else '')\n"
    )
    assert _run([str(python), "-c", code], cwd=work).stdout.strip()


@pytest.mark.slow
def test_the_app_starts_from_another_folder(installed):
    python, work = installed
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = python.parent / ("omstallningskalkylen.exe" if os.name == "nt" else "omstallningskalkylen")
    args = [str(app), "app", "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    log = work / "app.log"
    with log.open("wb") as out, subprocess.Popen(args, cwd=work, env=_env(), stdout=out, stderr=out) as process:
        try:
            assert _wait_for(f"http://127.0.0.1:{port}/_stcore/health", process, log, timeout=45) == "ok"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"no answer from {url} within {timeout} s")


def test_every_package_folder_is_in_pyproject():
    """A package folder missing from [tool.setuptools] packages would be missing from an install."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("model", "ui")
        for init in (ROOT / top).rglob("__init__.py")
    }
    # ui/pages holds the page scripts app.py runs by path: installed beside app.py, as the app's files.
    found.discard("ui.pages")
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "ui/pages/*.py" in config["package-data"]["omstallningskalkylen"]
