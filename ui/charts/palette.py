"""The charts' colours: the theme's own, read from ``.streamlit/config.toml``.

Streamlit colours its elements from the theme; the Altair builders set their
colours explicitly (a budget line keeps its colour whether or not it has
data), so they read the same list, ``theme.chartCategoricalColors``, instead
of copying it. The config is the one place to change a colour.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from model.resources import ROOT

#: The app's Streamlit settings (in a checkout and in an installed package: model.resources finds them).
CONFIG = ROOT / ".streamlit" / "config.toml"


def _theme(path: Path = CONFIG) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)["theme"]


_THEME = _theme()
#: Every colour of every chart, in the theme's order.
CATEGORICAL: tuple[str, ...] = tuple(_THEME["chartCategoricalColors"])
#: The colour of text, axes' zero lines and the central estimate.
TEXT: str = _THEME["textColor"]

# The palette's colours by name, in the order of the config (which lists them in a comment).
BLUE, ORANGE, GREEN, BERRY, VIOLET, GREY, OCHRE, TEAL, LIGHT_GREEN, LIGHT_BLUE, PALE_BLUE = CATEGORICAL

#: Roles every chart shares.
PRIMARY = BLUE
BASELINE = GREY  # "no change of policy"
