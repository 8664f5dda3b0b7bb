"""The memo's charts, drawn as vectors with ReportLab's graphics: sharp in print at any zoom.

One drawer per chart kind (:data:`DRAWERS`), each a pure function of a
:class:`~model.files.memo_content.Chart` and a width that returns a
``Drawing``. The app's Altair charts are a screen's (``ui/charts``, an outer
ring); these draw the same figures for paper in the theme's colours
(:mod:`model.files.theme`) with axis labels in the memo's number format.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import Color, HexColor

from model.files.memo_content import Chart
from model.files.memo_fonts import FONT, printable, text_width
from model.files.theme import BASELINE_BAR_DASH, BASELINE_BAR_FILL_OPACITY, chart_colours, text_colour
from model.text.i18n import fmt_number

HEIGHT = 200.0  # pt
TICK_SIZE = 7.5  # pt
LEFT, RIGHT, TOP, BOTTOM = 44.0, 8.0, 8.0, 34.0  # pt around the plot (legend below)
#: Budget lines' colours by palette position, as the app's overview draws them (external, own care, in-home,
#: prevention: blue, green, violet, orange).
BUDGET_LINE_COLOURS = (0, 2, 4, 1)
BLUE, ORANGE, GREEN, BERRY, GREY = 0, 1, 2, 3, 5


def box(x: float, y: float, width: float, height: float, fill: Color) -> Rect:
    """A filled rectangle without an outline."""
    r = Rect(x, y, width, height)
    r.fillColor, r.strokeColor = fill, None
    return r


def stroke(shape: Line | PolyLine, dash: Sequence[float] | None) -> Line | PolyLine:
    """*shape* dashed when *dash* is given."""
    if dash:
        shape.strokeDashArray = list(dash)
    return shape


def colour(index: int, alpha: float = 1.0) -> Color:
    """The theme's chart colour at *index* (cycling), with transparency."""
    palette = chart_colours()
    c = HexColor(palette[index % len(palette)])
    return Color(c.red, c.green, c.blue, alpha)


def ink(alpha: float = 1.0) -> Color:
    """The theme's text colour."""
    c = HexColor(text_colour())
    return Color(c.red, c.green, c.blue, alpha)


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi] (1, 2, 2.5 or 5 times a power of ten apart), zero among them."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < 1e-9:
        hi = lo + 1.0
    raw = (hi - lo) / n
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step + 1e-9) * step
    count = math.ceil((hi - first) / step - 1e-9)
    return [first + i * step for i in range(count + 1)]


@dataclass
class Plot:
    """A plot area in a drawing: years as bands on x, values on y."""

    drawing: Drawing
    years: Sequence[int]
    ticks: list[float]
    language: str
    width: float

    @property
    def band(self) -> float:
        """The width of one year's band [pt]."""
        return (self.width - LEFT - RIGHT) / max(1, len(self.years))

    def x(self, i: float) -> float:
        """The centre of band *i*."""
        return LEFT + (i + 0.5) * self.band

    def y(self, v: float) -> float:
        """The height of value *v* [pt]."""
        lo, hi = self.ticks[0], self.ticks[-1]
        return BOTTOM + (v - lo) / (hi - lo) * (HEIGHT - TOP - BOTTOM)

    def axes(self, decimals: int = 0) -> None:
        """Grid lines with labels, the zero line darker, and the years under the bands."""
        d, right = self.drawing, self.width - RIGHT
        step = self.ticks[1] - self.ticks[0] if len(self.ticks) > 1 else 1.0
        decimals = max(decimals, 0 if float(step).is_integer() else 1)
        for v in self.ticks:
            zero = abs(v) < 1e-9
            d.add(Line(LEFT, self.y(v), right, self.y(v), strokeColor=ink(0.8 if zero else 0.15),
                       strokeWidth=0.8 if zero else 0.4))
            d.add(String(LEFT - 4, self.y(v) - 2.5, fmt_number(v, decimals, self.language), fontName=FONT,
                         fontSize=TICK_SIZE, fillColor=ink(0.8), textAnchor="end"))
        every = 1 if len(self.years) <= 12 else 2
        for i, year in enumerate(self.years):
            if i % every == 0:
                d.add(String(self.x(i), BOTTOM - 10, str(year), fontName=FONT, fontSize=TICK_SIZE,
                             fillColor=ink(0.8), textAnchor="middle"))

    def line(self, values: Sequence[float], colour_: Color, width: float = 1.8, dash: Sequence[float] | None = None,
             points: bool = False) -> None:
        """A line through the years' values (with a dot at each when *points*)."""
        coords = [c for i, v in enumerate(values) for c in (self.x(i), self.y(float(v)))]
        self.drawing.add(stroke(PolyLine(coords, strokeColor=colour_, strokeWidth=width), dash))
        if points:
            for i, v in enumerate(values):
                self.drawing.add(box(self.x(i) - 1.6, self.y(float(v)) - 1.6, 3.2, 3.2, colour_))


def pale_bar(x: float, y: float, width: float, height: float, fill: Color) -> list[Rect]:
    """A bar of "without change": a pale fill inside a dashed outline of *fill*'s colour."""
    pale = Color(fill.red, fill.green, fill.blue, BASELINE_BAR_FILL_OPACITY)
    outline = Rect(x, y, width, height)
    outline.fillColor, outline.strokeColor, outline.strokeWidth = None, fill, 0.8
    outline.strokeDashArray = list(BASELINE_BAR_DASH)
    return [box(x, y, width, height, pale), outline]


def legend(d: Drawing, items: Sequence[tuple[str, Color, str]], width: float, y: float = 6.0) -> None:
    """A one-line legend under the plot: (label, colour, kind) each.

    The kind is ``"box"`` (a solid bar), ``"pale"`` (a bar of "without change", :func:`pale_bar`),
    ``"line"`` or ``"dash"``.
    """
    x = LEFT
    for label, fill, kind in items:
        label = printable(label)
        need = 16 + text_width(label, TICK_SIZE) + 12
        if x + need > width and x > LEFT:
            x, y = LEFT, y - 10  # wrap (the drawing's bottom margin leaves room for two lines)
        if kind == "box":
            d.add(box(x, y - 1, 10, 7, fill))
        elif kind == "pale":
            for shape in pale_bar(x, y - 1, 10, 7, fill):
                d.add(shape)
        else:
            d.add(stroke(Line(x, y + 2.5, x + 12, y + 2.5, strokeColor=fill, strokeWidth=2),
                         [3, 2] if kind == "dash" else None))
        d.add(String(x + 15, y, label, fontName=FONT, fontSize=TICK_SIZE, fillColor=ink(0.9)))
        x += need


def _plot(width: float, years: Sequence[int], values: np.ndarray, language: str) -> Plot:
    finite = values[np.isfinite(values)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    return Plot(Drawing(width, HEIGHT), list(years), nice_ticks(lo, hi), language, width)


def draw_cumulative(chart: Chart, width: float, language: str) -> Drawing:
    """Net effect per year as bars and its running sum as a line (mnkr); the payback year marked."""
    df, o = chart.data, chart.options
    p = _plot(width, df["year"].astype(int).tolist(), df[["net", "cumulative"]].to_numpy(float), language)
    p.axes()
    for i, v in enumerate(df["net"]):
        top, bottom = p.y(max(float(v), 0.0)), p.y(min(float(v), 0.0))
        p.drawing.add(box(p.x(i) - p.band * 0.3, bottom, p.band * 0.6, top - bottom, colour(GREY, 0.45)))
    p.line(df["cumulative"].tolist(), colour(BLUE), 2.2, points=True)
    year = o.get("payback_year")
    if year in set(df["year"]):
        i = df["year"].tolist().index(year)
        v = float(df["cumulative"].iloc[i])
        x, y = p.x(i), p.y(v)
        p.drawing.add(Polygon([x, y + 6, x + 5, y, x, y - 6, x - 5, y], fillColor=colour(GREEN), strokeColor=None))
        p.drawing.add(String(x, y + 9, printable(o.get("label", "")), fontName=FONT, fontSize=TICK_SIZE + 0.5,
                             fillColor=colour(GREEN), textAnchor="middle"))
    legend(p.drawing, [(o.get("net_label", ""), colour(GREY, 0.45), "box"),
                       (o.get("cumulative_label", ""), colour(BLUE), "line")], width)
    return p.drawing


def draw_children(chart: Chart, width: float, language: str) -> Drawing:
    """Children in 24-hour care and in HVB/SiS, without change (dashed) and with the proposal."""
    df, o = chart.data, chart.options
    columns = [c for c in df.columns if c != "year"]
    p = _plot(width, df["year"].astype(int).tolist(), df[columns].to_numpy(float), language)
    p.axes()
    styles = {"placed_baseline": (GREY, "dash"), "placed_scenario": (BLUE, "line"),
              "institution_baseline": (GREY, "dash"), "institution_scenario": (BERRY, "line")}
    items = []
    for column in columns:
        index, kind = styles.get(column, (GREEN, "line"))
        p.line(df[column].tolist(), colour(index), 1.4 if kind == "dash" else 2.2, [3, 2] if kind == "dash" else None)
        items.append((o["labels"].get(column, column), colour(index), kind))
    _cover_small_counts(p, float(o.get("threshold", 0)), float(df[columns].to_numpy(float).min()), language)
    legend(p.drawing, items, width)
    return p.drawing


def _cover_small_counts(p: Plot, threshold: float, lowest: float, language: str) -> None:
    """Hide the band below the small-count threshold when a line enters it (counts there are withheld)."""
    if threshold <= 0 or lowest >= threshold:
        return
    y0, y1 = p.y(max(0.0, p.ticks[0])), p.y(threshold)
    p.drawing.add(box(LEFT, y0, p.width - LEFT - RIGHT, y1 - y0, Color(0.95, 0.95, 0.95)))
    label = printable(f"< {fmt_number(threshold, 0, language)}")
    p.drawing.add(String(LEFT + 4, (y0 + y1) / 2 - 2.5, label, fontName=FONT, fontSize=TICK_SIZE, fillColor=ink(0.7)))


def draw_cost(chart: Chart, width: float, language: str) -> Drawing:
    """Cost per budget line and year, stacked: without change (pale, dashed outline) and the proposal beside it."""
    y, o = chart.data, chart.options
    lines = o["lines"]
    stacks = []
    for variant in ("baseline", "scenario"):
        parts = [y["cost_prevention_sek"] * (variant == "scenario") if key == "cost_prevention"
                 else y[f"{key}_{variant}_sek"] for key, _ in lines]
        stacks.append(np.column_stack([np.asarray(v, float) / 1e6 for v in parts]))
    p = _plot(width, y["year"].astype(int).tolist(), np.concatenate([s.sum(1) for s in stacks]), language)
    p.axes()
    for j, stack in enumerate(stacks):
        for i, row in enumerate(stack):
            bottom = 0.0
            for k, v in enumerate(row):
                x = p.x(i) - p.band * 0.4 + j * p.band * 0.4
                fill, top = colour(BUDGET_LINE_COLOURS[k % 4]), p.y(bottom + v) - p.y(bottom)
                if v == 0:
                    continue  # no bar (prevention without change): no outline drawn flat
                for shape in pale_bar(x, p.y(bottom), p.band * 0.38, top, fill) if j == 0 else [
                        box(x, p.y(bottom), p.band * 0.38, top, fill)]:
                    p.drawing.add(shape)
                bottom += v
    baseline, scenario = o.get("variants", ("", ""))
    legend(p.drawing, [(label, colour(BUDGET_LINE_COLOURS[k % 4]), "box") for k, (_, label) in enumerate(lines)]
           + [(baseline, ink(), "pale"), (scenario, ink(), "box")], width)
    return p.drawing


def draw_fan(chart: Chart, width: float, language: str) -> Drawing:
    """The running net effect's 5–95 % and 25–75 % bands, median and central line (mnkr)."""
    y = chart.data
    q = {k: y[f"cumulative_net_sek_{k}"].to_numpy(float) / 1e6 for k in ("p05", "p25", "median", "p75", "p95",
                                                                             "central")}
    p = _plot(width, y["year"].astype(int).tolist(), np.concatenate(list(q.values())), language)
    p.axes()
    n = len(y)
    for low, high, alpha in (("p05", "p95", 0.25), ("p25", "p75", 0.45)):
        coords = [c for i in range(n) for c in (p.x(i), p.y(q[high][i]))]
        coords += [c for i in reversed(range(n)) for c in (p.x(i), p.y(q[low][i]))]
        p.drawing.add(Polygon(coords, fillColor=colour(BLUE, alpha), strokeColor=None))
    p.line(q["median"].tolist(), colour(BLUE), 1.6)
    p.line(q["central"].tolist(), ink(), 1.2, [3, 2])
    o = chart.options
    legend(p.drawing, [(o.get("band", "5–95 %"), colour(BLUE, 0.25), "box"),
                       (o.get("quartiles", "25–75 %"), colour(BLUE, 0.45), "box"),
                       (o.get("median", "median"), colour(BLUE), "line"), (o.get("central", ""), ink(), "dash")], width)
    return p.drawing


def draw_tornado(chart: Chart, width: float, language: str) -> Drawing:
    """Net present value with each of the top assumptions at its low and high value (mnkr), around the centre."""
    df, o = chart.data, chart.options
    central = float(o.get("central", 0.0))
    rows = len(df)
    height = 16.0 * rows + 34
    d = Drawing(width, height)
    label_w = min(200.0, width * 0.4)
    values = df[["low", "high"]].to_numpy(float)
    ticks = nice_ticks(min(float(np.nanmin(values)), central), max(float(np.nanmax(values)), central), 5)
    lo, hi = ticks[0], ticks[-1]

    def x(v: float) -> float:
        return label_w + (v - lo) / (hi - lo) * (width - label_w - RIGHT)

    for v in ticks:
        d.add(Line(x(v), 24, x(v), height - 4, strokeColor=ink(0.15), strokeWidth=0.4))
        d.add(String(x(v), 14, fmt_number(v, 0 if abs(hi - lo) > 5 else 1, language), fontName=FONT,
                     fontSize=TICK_SIZE, fillColor=ink(0.8), textAnchor="middle"))
    for i, (name, low, high) in enumerate(zip(df["label"], df["low"], df["high"], strict=True)):
        top = height - 8 - 16 * (i + 1)
        label = printable(str(name))
        while text_width(label, TICK_SIZE) > label_w - 8 and len(label) > 4:
            label = label[:-2] + "…"
        d.add(String(label_w - 6, top + 3, label, fontName=FONT, fontSize=TICK_SIZE, fillColor=ink(0.9),
                     textAnchor="end"))
        for value, index in ((float(low), ORANGE), (float(high), BLUE)):
            left, right = sorted((x(central), x(value)))
            d.add(box(left, top, right - left, 11, colour(index)))
    d.add(Line(x(central), 24, x(central), height - 4, strokeColor=ink(), strokeWidth=0.8))
    legend(d, [(o.get("low", "low"), colour(ORANGE), "box"), (o.get("high", "high"), colour(BLUE), "box")],
           width, y=2)
    return d


def draw_compare(chart: Chart, width: float, language: str) -> Drawing:
    """One line per scenario over the years; the baseline grey and dashed."""
    df, o = chart.data, chart.options
    years = sorted(df["year"].astype(int).unique())
    p = _plot(width, years, df["value"].to_numpy(float), language)
    p.axes(int(o.get("decimals", 0)))
    items, palette = [], iter((BLUE, ORANGE, GREEN, BERRY, 4))
    for _, part in df.sort_values("order").groupby("order", sort=True):
        label = str(part["scenario"].iloc[0])
        series = part.set_index("year")["value"].reindex(years)
        baseline = bool(part["is_baseline"].iloc[0])
        index = GREY if baseline else next(palette, 7)
        p.line(series.tolist(), colour(index), 1.4 if baseline else 2.2, [4, 3] if baseline else None,
               points=not baseline)
        items.append((label, colour(index), "dash" if baseline else "line"))
    _cover_small_counts(p, float(o.get("threshold", 0)), float(np.nanmin(df["value"].to_numpy(float))), language)
    legend(p.drawing, items, width)
    return p.drawing


#: Chart kind -> drawer.
DRAWERS: dict[str, Callable[[Chart, float, str], Drawing]] = {
    "cumulative": draw_cumulative,
    "children": draw_children,
    "cost": draw_cost,
    "fan": draw_fan,
    "tornado": draw_tornado,
    "compare": draw_compare,
}


def draw(chart: Chart, width: float, language: str) -> Drawing:
    """The drawing of *chart* at *width* [pt]."""
    return DRAWERS[chart.kind](chart, width, language)
