"""The product's colours: the Streamlit theme in ``.streamlit/config.toml``, read once for every reader.

The app's Altair charts (``ui/charts/palette.py``) and the decision memo's
charts (:mod:`model.files.memo_charts`) draw with the same colours, so a
budget line has one colour on the screen and on paper. The config is the one
place to change a colour.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from model.resources import ROOT

#: The app's Streamlit settings (in a checkout and in an installed package alike).
CONFIG = ROOT / ".streamlit" / "config.toml"


@cache
def theme(path: Path = CONFIG) -> dict:
    """The ``[theme]`` table of the Streamlit settings (read once; a file of the product, not user state)."""
    with path.open("rb") as fh:
        return dict(tomllib.load(fh)["theme"])


def chart_colours() -> tuple[str, ...]:
    """Every chart colour, in the theme's order (``theme.chartCategoricalColors``)."""
    return tuple(theme()["chartCategoricalColors"])


def text_colour() -> str:
    """The colour of text, axes' zero lines and the central estimate (``theme.textColor``)."""
    return str(theme()["textColor"])


#: How a bar of "without change" differs from its proposal's beside it, colour aside (WCAG 1.4.1, use of
#: colour): a pale fill inside a dashed outline in the series' colour; the proposal's bar is filled solid.
#: The app's overview (``ui/charts/overview.py``) and the memo's cost chart draw the same pattern.
BASELINE_BAR_FILL_OPACITY = 0.3
BASELINE_BAR_DASH = (3, 2)  # px on screen, pt on paper
