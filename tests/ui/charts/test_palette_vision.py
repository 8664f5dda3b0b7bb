"""The palette under colour vision deficiency, and "without change" told apart by pattern, not colour alone.

Every set of colours one chart shows together (read from the built charts themselves: the app's Altair
specs and the memo's ReportLab drawings) must stay apart under simulated protanopia, deuteranopia and
tritanopia (Machado, Oliveira & Fernandes 2009, at full severity, through ``colorspacious``), measured as
the CAM02-UCS colour difference; and each series colour needs 3:1 contrast against the background
(WCAG 2.1 SC 1.4.11, non-text contrast). The uncertainty fan's nested band tints (light and pale blue)
are one series' shading, not series colours: the median line and the table carry its numbers.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE
from reportlab.graphics.shapes import Drawing, Group

import model
from model.analysis.compare import Candidate, baseline_scenario, yearly_long
from model.files import memo_charts
from model.files.memo_compare import CompareContext
from model.files.memo_compare import charts_section as compare_charts
from model.files.memo_content import Chart
from model.files.memo_notes import uncertainty_section
from model.files.memo_sections import MemoContext, budget_section, charts_section
from model.files.theme import BASELINE_BAR_DASH, BASELINE_BAR_FILL_OPACITY, theme
from ui.charts import compare, mechanisms, overview, palette, uncertainty

#: The least CAM02-UCS difference between two colours of one chart, with normal vision and under each
#: simulated deficiency (about 1 unit is just noticeable side by side; legends need far more).
MIN_DISTANCE = 12.0
#: WCAG 2.1 SC 1.4.11: graphical objects against adjacent colours.
MIN_CONTRAST = 3.0
DEFICIENCIES = ("protanomaly", "deuteranomaly", "tritanomaly")
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
#: Not series colours: the text colour (axes, zero line, central run) and the fan's nested band tints.
NOT_SERIES = {palette.TEXT.lower(), palette.LIGHT_BLUE.lower(), palette.PALE_BLUE.lower()}


def rgb(colour: str) -> np.ndarray:
    """``#rrggbb`` as sRGB in 0–1."""
    return np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])


def seen(colour: str, deficiency: str | None) -> np.ndarray:
    """*colour* as a person with *deficiency* (None: normal vision) sees it, as sRGB in 0–1."""
    if deficiency is None:
        return rgb(colour)
    cvd = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(cspace_convert(rgb(colour), cvd, "sRGB1"), 0, 1)


def distance(a: str, b: str, deficiency: str | None) -> float:
    """The CAM02-UCS difference of *a* and *b* as seen with *deficiency*."""
    return float(deltaE(seen(a, deficiency), seen(b, deficiency), input_space="sRGB1"))


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(colour: str) -> float:
        c = rgb(colour)
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(c @ [0.2126, 0.7152, 0.0722])

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def closest_pair(colours: Iterable[str], deficiency: str | None) -> tuple[float, str, str]:
    """The least distance among *colours* under *deficiency*, and the pair."""
    return min((distance(a, b, deficiency), a, b) for a, b in itertools.combinations(sorted(colours), 2))


# --- the colours each chart shows together ---------------------------------------------------------------


def spec_colours(spec: dict) -> set[str]:
    """The series colours of an Altair spec (every colour it names but text and band tints)."""
    return {c.lower() for c in HEX.findall(json.dumps(spec))} - NOT_SERIES


def shapes(node: Drawing | Group) -> Iterable[object]:
    for item in node.contents:
        yield from shapes(item) if isinstance(item, Group) else (item,)


def drawing_colours(drawing: Drawing) -> set[str]:
    """The opaque series colours a memo drawing paints with (pale tints and the ink aside)."""
    found = set()
    for shape in shapes(drawing):
        for attr in ("fillColor", "strokeColor"):
            c = getattr(shape, attr, None)
            if c is not None and getattr(c, "alpha", 1) == 1:
                found.add("#" + c.hexval()[2:].lower())
    return found & {c.lower() for c in palette.CATEGORICAL} - NOT_SERIES


@pytest.fixture(scope="module")
def runs(default_params):
    sc = model.Scenario(shift_sek_per_year=10e6)
    return sc, model.run(default_params, sc)


@pytest.fixture(scope="module")
def app_charts(default_params, runs) -> dict[str, dict]:
    sc, r = runs
    u = model.run_uncertainty(default_params, sc, 100, 0)
    base = Candidate("Utan", model.run(default_params, baseline_scenario([sc])), is_baseline=True)
    long = yearly_long([base, *(Candidate(str(k), r) for k in range(6))])  # more scenarios than colours
    return {
        "cost": overview.build_cost_chart(r.yearly).to_dict(),
        "cumulative": overview.build_cumulative_chart(r.yearly, r.summary["payback_year"]).to_dict(),
        "children": overview.build_children_chart(r.by_form, default_params.area).to_dict(),
        "fan": uncertainty.build_fan_chart(u.yearly).to_dict(),
        "tornado": uncertainty.build_tornado_chart(model.tornado(default_params, sc), default_params).to_dict(),
        "waterfall": mechanisms.build_waterfall_chart(r.by_mechanism, default_params).to_dict(),
        **{f"compare {c}": compare.build_compare_chart(long, c, kind).to_dict()
           for c, kind, _, _ in compare.COMPARE_CHARTS},
    }


@pytest.fixture(scope="module")
def memo_charts_(default_params, runs) -> dict[str, Chart]:
    sc, r = runs
    u = model.run_uncertainty(default_params, sc, 100, 0)
    ctx = MemoContext(result=r, language="sv", uncertainty=u, sensitivity=model.tornado(default_params, sc))
    base = Candidate("Utan", model.run(default_params, baseline_scenario([sc])), is_baseline=True)
    cctx = CompareContext((base, *(Candidate(f"Förslag {k}", r) for k in range(6))))
    blocks = [b for section in (charts_section(ctx), budget_section(ctx), uncertainty_section(ctx),
                                compare_charts(cctx)) for b in section.blocks if isinstance(b, Chart)]
    return {f"{b.kind} {i}": b for i, b in enumerate(blocks)}


@pytest.fixture(scope="module")
def employment_charts() -> dict[str, dict]:
    """The employment area's charts: its states' colours and its budget lines (issue 13)."""
    params = model.load_parameters(area="employment", preset="employment_default")
    r = model.run(params, model.Scenario(shift_sek_per_year=5e6, mix={"ips": 0.5, "workplace_training": 0.5}))
    return {
        "cost employment": overview.build_cost_chart(r.yearly, "sv", params.area).to_dict(),
        "children employment": overview.build_children_chart(r.by_form, params.area).to_dict(),
    }


@pytest.fixture(scope="module")
def colour_sets(app_charts, memo_charts_, employment_charts) -> dict[str, set[str]]:
    sets = {f"app {name}": spec_colours(spec) for name, spec in {**app_charts, **employment_charts}.items()}
    sets |= {f"memo {name}": drawing_colours(memo_charts.draw(c, 480, "sv")) for name, c in memo_charts_.items()}
    return sets


def test_the_sets_are_read_from_the_charts(colour_sets):
    # Guards the readers above: they find the charts' colours (a reader finding none would pass anything).
    assert len(colour_sets["app children"]) == 7 and len(colour_sets["app cost"]) == 4
    # The employment area: its three reported states and its two budget lines (assistance, the measures).
    assert len(colour_sets["app children employment"]) == 3 and len(colour_sets["app cost employment"]) == 2
    assert len(colour_sets["app compare cumulative_net_sek"]) == 7  # the baseline and six proposals
    assert {"memo cost", "memo tornado"} <= {k.rsplit(" ", 1)[0] for k in colour_sets}
    several = {"cost", "children", "compare", "tornado", "waterfall"}  # charts of more than one series colour
    alone = {k: c for k, c in colour_sets.items() if len(c) < 2 and k.split()[1] in several}
    assert not alone


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_every_pair_of_colours_one_chart_shows_stays_apart(colour_sets, deficiency):
    too_close = {}
    for name, colours in colour_sets.items():
        if len(colours) > 1:
            d, a, b = closest_pair(colours, deficiency)
            if d < MIN_DISTANCE:
                too_close[name] = (round(d, 1), a, b)
    assert not too_close, f"under {deficiency or 'normal vision'}: {too_close}"


def test_every_series_colour_has_3_to_1_contrast_against_the_background(colour_sets):
    background = theme()["backgroundColor"]
    used = set().union(*colour_sets.values())
    weak = {c: round(contrast(c, background), 2) for c in used if contrast(c, background) < MIN_CONTRAST}
    assert not weak


def test_the_simulation_tells_a_red_green_pair_apart_only_with_normal_vision():
    # The check can fail: the palette's former orange and green are far apart to most eyes, not to a protanope.
    orange, green = "#e07b39", "#3a9d5d"
    assert distance(orange, green, None) > 2 * MIN_DISTANCE
    assert distance(orange, green, "protanomaly") < MIN_DISTANCE
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)


# --- without change vs the proposal: a pattern besides the colour ----------------------------------------


def bar_layers(spec: dict) -> list[dict]:
    return [layer for layer in [spec, *spec.get("layer", [])] if "encoding" in layer]


@pytest.mark.parametrize("name", ["cost", "children"])
def test_app_bars_of_without_change_are_pale_and_dashed(app_charts, name):
    spec = app_charts[name]
    enc = bar_layers(spec)[0]["encoding"]
    variants = enc["xOffset"]["sort"]
    dash, fill = enc["strokeDash"], enc["fillOpacity"]
    assert dash["field"] == fill["field"] == "variant" and dash["scale"]["domain"] == variants
    assert dict(zip(variants, map(tuple, dash["scale"]["range"]), strict=True)) == {
        variants[0]: BASELINE_BAR_DASH, variants[1]: (1, 0)}
    assert fill["scale"]["range"] == [BASELINE_BAR_FILL_OPACITY, 1.0]
    assert enc["stroke"]["scale"]["range"] == enc["color"]["scale"]["range"]  # the outline in the series' colour
    # The legend says which is which in words, the pattern included.
    assert "streckad" in json.dumps(dash["legend"], ensure_ascii=False)


def test_app_compare_lines_dash_the_baseline_only(app_charts):
    enc = app_charts["compare cumulative_net_sek"]["layer"][-1]["encoding"]
    dashes = dict(zip(enc["strokeDash"]["scale"]["domain"], map(tuple, enc["strokeDash"]["scale"]["range"]),
                      strict=True))
    assert dashes.pop("Utan") != (1, 0)
    assert set(dashes.values()) == {(1, 0)}


def test_memo_cost_bars_of_without_change_are_pale_and_dashed(memo_charts_):
    chart = next(c for c in memo_charts_.values() if c.kind == "cost")
    drawing = memo_charts.draw(chart, 480, "sv")
    rects = [s for s in shapes(drawing) if type(s).__name__ == "Rect"]
    dashed = [r for r in rects if getattr(r, "strokeDashArray", None)]
    pale = [r for r in rects if r.fillColor is not None and r.fillColor.alpha == BASELINE_BAR_FILL_OPACITY]
    solid = [r for r in rects if r.fillColor is not None and r.fillColor.alpha == 1 and r.strokeColor is None
             and r.fillColor.hexval() in {f"0x{c[1:].lower()}" for c in palette.CATEGORICAL}]
    years, lines = len(chart.data), len(chart.options["lines"])
    # A pale fill and a dashed outline for each baseline segment (prevention is drawn at 0 without change).
    assert len(dashed) == len(pale) >= years * (lines - 1)
    assert all(tuple(r.strokeDashArray) == BASELINE_BAR_DASH for r in dashed)
    assert len(solid) >= years * lines  # the proposal's bars and the legend's boxes
    words = {s.text for s in shapes(drawing) if hasattr(s, "text")}
    assert set(chart.options["variants"]) <= words  # the legend names both patterns


@pytest.mark.parametrize("kind", ["children", "compare"])
def test_memo_lines_dash_the_baseline_only(memo_charts_, kind):
    chart = next(c for c in memo_charts_.values() if c.kind == kind)
    lines = [s for s in shapes(memo_charts.draw(chart, 480, "sv")) if type(s).__name__ == "PolyLine"]
    grey = "0x" + palette.GREY[1:].lower()
    baseline = [ln for ln in lines if ln.strokeColor.hexval() == grey]
    assert baseline and all(getattr(ln, "strokeDashArray", None) for ln in baseline)
    assert all(not getattr(ln, "strokeDashArray", None) for ln in lines if ln not in baseline)
