"""One palette: every colour of every chart is the theme's, read from .streamlit/config.toml."""

from __future__ import annotations

import json
import re
import tomllib

import pytest

import model
from model.analysis.compare import Candidate, baseline_scenario, yearly_long
from model.files import theme as product_theme
from ui.charts import compare, overview, palette, uncertainty

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


@pytest.fixture(scope="module")
def theme() -> dict:
    with product_theme.CONFIG.open("rb") as fh:
        return tomllib.load(fh)["theme"]


@pytest.fixture(scope="module")
def specs(default_params) -> list[dict]:
    sc = model.Scenario(shift_sek_per_year=10e6)
    r = model.run(default_params, sc)
    u = model.run_uncertainty(default_params, sc, 100, 0)
    base = Candidate("Utan", model.run(default_params, baseline_scenario([sc])), is_baseline=True)
    long = yearly_long([base, *(Candidate(str(k), r) for k in range(6))])  # more scenarios than colours
    return [
        overview.build_cost_chart(r.yearly).to_dict(),
        overview.build_cumulative_chart(r.yearly, r.summary["payback_year"]).to_dict(),
        overview.build_children_chart(r.by_form, default_params.area).to_dict(),
        uncertainty.build_fan_chart(u.yearly).to_dict(),
        uncertainty.build_tornado_chart(model.tornado(default_params, sc), default_params).to_dict(),
        *(compare.build_compare_chart(long, c, kind).to_dict() for c, kind, _, _ in compare.COMPARE_CHARTS),
    ]


def test_the_palette_is_the_themes(theme):
    assert palette.CATEGORICAL == tuple(theme["chartCategoricalColors"])
    assert palette.TEXT == theme["textColor"]
    assert palette.PRIMARY == theme["primaryColor"]


def test_every_chart_colour_comes_from_the_theme(specs, theme):
    allowed = {c.lower() for c in theme["chartCategoricalColors"]} | {theme["textColor"].lower()}
    used = {c.lower() for spec in specs for c in HEX.findall(json.dumps(spec))}
    assert used, "the charts set their colours"
    assert used <= allowed, used - allowed


def test_a_colour_changed_in_the_config_changes_the_charts(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    text = product_theme.CONFIG.read_text(encoding="utf-8")
    config.write_text(text.replace('"#1f5f8b"', '"#123456"'), encoding="utf-8")
    assert product_theme.theme(config)["chartCategoricalColors"][0] == "#123456"
    assert product_theme.theme(config)["primaryColor"] == "#123456"
