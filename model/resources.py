"""Where the product's files are: one locator for a checkout and for an installed package.

In a checkout of the repository the data (``data/``), the words
(``locales/``), the app (``app.py``, ``ui/pages/``) and its Streamlit settings
(``.streamlit/config.toml``) sit in the repository's root, next to ``model/``.
``pip install .`` puts the same files, in the same layout, into the folder
``omstallningskalkylen/`` next to the installed ``model`` package (see
``[tool.setuptools]`` in ``pyproject.toml``). :data:`ROOT` is whichever of the
two this copy of ``model`` came with, so a checkout always reads its own files
and an installed copy its own.
"""

from __future__ import annotations

from pathlib import Path

#: The folder that holds ``model/`` (a checkout's root, or ``site-packages``).
_PARENT = Path(__file__).resolve().parent.parent
#: Name of the folder that holds the files of an installed package (the distribution's name).
INSTALLED_NAME = "omstallningskalkylen"
#: A file that only the product's own data folder has: what tells a checkout from an install.
_MARKER = Path("data") / "areas" / "children.yaml"

#: True in a checkout of the repository, False in an installed package.
CHECKOUT: bool = (_PARENT / _MARKER).is_file()
#: The root of the product's files.
ROOT: Path = _PARENT if CHECKOUT else _PARENT / INSTALLED_NAME
#: Parameter sets, presets and areas.
DATA_DIR: Path = ROOT / "data"
#: Every user-facing string, one folder per language.
LOCALES_DIR: Path = ROOT / "locales"
#: The Streamlit app (``streamlit run`` takes this file).
APP_PATH: Path = ROOT / "app.py"
