"""What every chart shares: a cached Vega-Lite template paired with this run's data, and axes in the
user's number format.

Altair builds each chart's *template* once per language (an Altair build and
validation costs 10–50 ms, too much for every slider move); a build pairs the
cached template with this run's data. Numbers follow the user's language: axis
labels through a Vega expression (Vega has no Swedish locale here), tooltips
as text formatted in Python (``12,3 mnkr``, ``1 234 kr``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from model.text.i18n import mnkr_unit, t


def number_expr(language: str, divisor: float = 1.0, decimals: int = 0, unit: str = "") -> str:
    """A Vega label expression for numbers in the user's language."""
    text = f"format(datum.value / {divisor}, ',.{decimals}f')"
    if language == "sv":
        # 12,345.6 -> 12 345,6 (thin-space thousands, decimal comma, real minus sign).
        text = f"replace(replace(replace({text}, regexp(',', 'g'), '\u2009'), '.', ','), '-', '\u2212')"
    return f"{text} + '{(' ' + unit) if unit else ''}'"


def mnkr_axis(language: str, title: str) -> alt.Axis:
    """An axis of money in million kronor: ``Kostnad (mnkr)`` with Swedish numbers."""
    return alt.Axis(title=f"{title} ({mnkr_unit(language)})", labelExpr=number_expr(language, 1e6, 0))


def year_x(language: str) -> alt.X:
    """The x axis of every yearly chart: one category per year, labels upright."""
    return alt.X("year:O", title=t("chart.year", language), axis=alt.Axis(labelAngle=0))


#: Width of one character of a legend label (11 px font) and of its symbol and padding [px]: the width of
#: a legend column is estimated from its longest label.
LEGEND_CHAR_PX = 6.5
LEGEND_SYMBOL_PX = 36


def fitted_legend(labels: Sequence[str], orient: str = "bottom", **kwargs: object) -> alt.Legend:
    """A legend never wider than its chart: as many columns as fit the chart's width, labels never cut.

    Vega lays a legend's entries out in a fixed number of columns and cuts a
    label at ``labelLimit``; on a narrow screen both clip ("Scenar"). The number
    of columns here follows the chart's container width (``containerSize()``),
    one column per longest label.
    """
    column = int(max((len(x) for x in labels), default=10) * LEGEND_CHAR_PX + LEGEND_SYMBOL_PX)
    return alt.Legend(
        title=None,
        orient=orient,  # type: ignore[arg-type]
        columns={"expr": f"max(1, floor(containerSize()[0] / {column}))"},  # type: ignore[arg-type]
        labelLimit=0,  # no limit: the columns make the room
        **kwargs,  # type: ignore[arg-type]
    )


def vega_string(text: str) -> str:
    """*text* as a string literal of a Vega expression."""
    return json.dumps(text, ensure_ascii=False)


def year_tooltip(language: str) -> alt.Tooltip:
    return alt.Tooltip("year:O", title=t("chart.year", language))


#: The charts fit their width; their height is the plot's, and legends add to it (Streamlit's default
#: "fit" squeezes the plot when a legend needs more lines on a narrow screen).
AUTOSIZE = {"type": "fit-x", "contains": "padding"}
#: Room around the drawing [px]: the top axis label and a rotated axis title stay inside it.
PADDING = {"top": 10, "bottom": 6, "left": 6, "right": 10}


def template_spec(chart: alt.TopLevelMixin) -> dict:
    """A chart's Vega-Lite spec without data (Altair puts an empty placeholder in each part)."""
    spec = {**chart.to_dict(), "autosize": AUTOSIZE, "padding": PADDING}
    spec.pop("datasets", None)
    spec.pop("data", None)
    for layer in spec.get("layer", []):
        layer.pop("data", None)
    return spec


@dataclass(frozen=True)
class ChartSpec:
    """A chart: a cached Vega-Lite template and this run's data.

    Drawn with ``st.vega_lite_chart(chart.data, spec=chart.template)``: the
    template is identical from one rerun to the next, so the browser updates
    the data in place instead of rebuilding the chart.
    """

    template: dict
    data: pd.DataFrame
    #: The chart's title, shown above it as text (a Vega title is cut on a narrow screen, never wrapped).
    title: str = ""

    def to_dict(self) -> dict:
        """The complete Vega-Lite spec with the data inline."""
        return {**self.template, "data": {"values": self.data.to_dict("records")}}


def described(template: dict, description: str) -> dict:
    """*template* with a text alternative (WCAG 1.1.1): the chart is labelled *description*, its marks are silent.

    Vega labels every mark and axis for screen readers in English with raw
    field names ("net_sek: 1536542.6"); those are switched off (``aria: false``
    on every mark and in the config) and the numbers are in the table under
    the chart instead (:func:`chart_table`).
    """
    return {**_silent(template), "description": description,
            "config": {**template.get("config", {}), "aria": False}}


def _silent(spec: object) -> object:
    """*spec* with ``aria: false`` on every mark (the marks' containers leave the accessibility tree too)."""
    if isinstance(spec, list):
        return [_silent(x) for x in spec]
    if not isinstance(spec, dict):
        return spec
    out = {k: _silent(v) if k in ("layer", "spec", "concat", "hconcat", "vconcat") else v for k, v in spec.items()}
    mark = out.get("mark")
    if isinstance(mark, str):
        out["mark"] = {"type": mark, "aria": False}
    elif isinstance(mark, dict):
        overlays = {k: {**(v if isinstance(v, dict) else {}), "aria": False}
                    for k, v in mark.items() if k in ("point", "line") and v not in (False, None, "transparent")}
        out["mark"] = {**mark, **overlays, "aria": False}
    return out


def _tooltips(spec: object) -> list[tuple[str, str]]:
    """Every (field, title) of the tooltips in a Vega-Lite *spec*, in order, each once."""
    found: list[tuple[str, str]] = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "tooltip" and isinstance(value, list):
                found += [(x["field"], x.get("title", x["field"])) for x in value if "field" in x]
            else:
                found += _tooltips(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _tooltips(value)
    return list(dict.fromkeys(found))


def chart_table(spec: dict, data: pd.DataFrame) -> pd.DataFrame:
    """The chart's numbers as a table: the columns its tooltips show, under the tooltips' titles, as text."""
    by_title: dict[str, str] = {}
    for field, title in _tooltips(spec):
        if field in data.columns:
            by_title.setdefault(title, field)
    fields = [(f, title) for title, f in by_title.items()]
    table = data[[f for f, _ in fields]].drop_duplicates().astype(str)
    return table.set_axis([title for _, title in fields], axis=1)
