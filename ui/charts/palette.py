"""The charts' colours: the theme's own, read from ``.streamlit/config.toml``.

Streamlit colours its elements from the theme; the Altair builders set their
colours explicitly (a budget line keeps its colour whether or not it has
data), so they read the same list, ``theme.chartCategoricalColors``, instead
of copying it. The config is the one place to change a colour.
"""

from __future__ import annotations

from model.files.theme import chart_colours, text_colour

#: Every colour of every chart, in the theme's order (the decision memo's charts read the same).
CATEGORICAL: tuple[str, ...] = chart_colours()
#: The colour of text, axes' zero lines and the central estimate.
TEXT: str = text_colour()

# The palette's colours by name, in the order of the config (which lists them in a comment).
BLUE, ORANGE, GREEN, BERRY, VIOLET, GREY, OCHRE, TEAL, LIGHT_GREEN, LIGHT_BLUE, PALE_BLUE = CATEGORICAL

#: Roles every chart shares.
PRIMARY = BLUE
BASELINE = GREY  # "no change of policy"
