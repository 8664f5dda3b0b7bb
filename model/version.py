"""The product's version, for what it writes (the decision memo names the version that made it)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from model.resources import INSTALLED_NAME, ROOT


@cache
def product_version() -> str:
    """The version of this copy: the checkout's ``pyproject.toml``, else the installed distribution's."""
    pyproject = ROOT / "pyproject.toml"
    if pyproject.is_file():  # a checkout: its own file wins over whatever is installed beside it
        with pyproject.open("rb") as fh:
            return str(tomllib.load(fh)["project"]["version"])
    try:
        return version(INSTALLED_NAME)
    except PackageNotFoundError:
        return "?"
