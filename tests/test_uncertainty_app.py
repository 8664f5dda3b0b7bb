"""The uncertainty page through Streamlit's AppTest: probabilities, tornado, break-even (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st  # noqa: TID251 (an app test)
from streamlit.testing.v1 import AppTest  # noqa: TID251

import model
from model.analysis import uncertainty
from model.text.i18n import fmt_mnkr, fmt_percent
from ui import heavy
from ui.uncertainty import compute

APP = Path(__file__).resolve().parent.parent / "app.py"
PAGE = "ui/pages/uncertainty.py"
SCENARIO = model.Scenario(shift_sek_per_year=10e6, discount_rate=0.035)


@pytest.fixture(autouse=True)
def clear_caches():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=120)


@pytest.fixture
def counted(monkeypatch):
    """Count the Monte Carlo runs the app starts (in the app's own process, where they can be counted)."""
    monkeypatch.setattr(heavy, "WORKERS", False)
    calls = []
    original = uncertainty.run_uncertainty

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(uncertainty, "run_uncertainty", counting)
    return calls


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_page_shows_the_probabilities_of_the_model(app: AppTest, counted):
    app.run()
    assert not counted, "the overview must not run the Monte Carlo analysis"
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    assert len(counted) == 1

    expected = model.run_uncertainty(model.load_parameters(), SCENARIO, 1000, 0).summary  # not counted
    m = metrics(app)
    assert m["Chans att betala sig inom mandatperioden"] == fmt_percent(expected["probability_payback_term"], "sv")
    assert m["Chans att betala sig inom 10 år"] == fmt_percent(expected["probability_payback_horizon"], "sv")
    assert m["Chans till besparing över perioden"] == fmt_percent(expected["probability_net_saving"], "sv")
    text = " ".join(md.value for md in app.markdown)
    assert "simuleringar har omställningen betalat sig senast 2030" in text
    assert "Nio av tio simuleringar ger en sammanlagd nettoeffekt 2027–2036 mellan" in text
    assert "Svaret beror mest på" in text
    # Break-even answers: a sentence and a number each.
    for label in (
        "Effekt som krävs",
        "Nya familjehem som krävs",
        "Största belopp, varje år",
        "Största belopp, år 2030",
    ):
        assert label in m, label
    assert m["Största belopp, varje år"].endswith("mnkr")
    assert any("föräldrastöd i grupp" in md.value for md in app.markdown)
    # Two charts: the fan and the tornado.
    assert len(app.get("vega_lite_chart")) == 2

    app.run()  # a rerun with the same levers is a cache hit
    assert len(counted) == 1


def test_levers_change_the_probabilities_and_parent_training_with_review_is_uncertain(app: AppTest):
    app.run()
    app.switch_page(PAGE).run()
    app.slider(key="mix_family_homes").set_value(0).run()
    app.slider(key="mix_early_intervention").set_value(0).run()
    app.slider(key="mix_placement_review").set_value(30).run()  # 50/50 with parent training
    app.slider(key="shift_mnkr").set_value(5.0).run()
    assert not app.exception, app.exception
    term = metrics(app)["Chans att betala sig inom mandatperioden"]
    share = next(md.value for md in app.markdown if "betalat sig senast 2030" in md.value)
    assert term not in ("0\xa0%", "100\xa0%"), term
    assert " av " in share
    # Parent training now carries the shift: the break-even effect is a percentage (or "not enough").
    effect = metrics(app)["Effekt som krävs"]
    assert effect.endswith("%") or effect == "–"


def test_no_shift_explains_instead_of_computing(app: AppTest, counted):
    app.run()
    app.switch_page(PAGE).run()
    app.slider(key="shift_mnkr").set_value(0.0).run()
    assert not app.exception
    assert any("Flytta pengar" in i.value for i in app.info)
    assert not any(m.label.startswith("Chans") for m in app.metric)


def test_english(app: AppTest):
    app.query_params["lang"] = "en"
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    m = metrics(app)
    assert m["Chance of paying back within the term"].endswith("%")
    assert m["Chance of paying back within 10 years"].endswith("%")
    assert any("simulations the shift has paid back by 2030" in md.value for md in app.markdown)


def test_the_central_result_comes_first_and_follows_the_levers(app: AppTest):
    app.run()
    app.switch_page(PAGE).run()
    central = model.run(model.load_parameters(), SCENARIO).summary
    first = app.markdown[0].value
    assert first.startswith("**Med alla antaganden på sina mest sannolika värden:**")
    assert fmt_mnkr(central.net_total_sek, "sv", sign=True) in first
    paid = f"betalar sig {central.payback_year}" if central.payback_year else "betalar sig inte inom perioden"
    assert paid in first
    app.slider(key="shift_mnkr").set_value(5.0).run()
    assert app.markdown[0].value != first


def test_over_budget_keeps_the_previous_result_with_a_message(app: AppTest, counted):
    app.session_state[compute.BUDGET_KEY] = heavy.DrawBudget(limit=1_500)
    app.run()
    app.switch_page(PAGE).run()
    before, central_before = metrics(app), app.markdown[0].value
    assert len(counted) == 1 and not app.warning
    app.slider(key="shift_mnkr").set_value(12.0).run()  # another 1 000 draws would make 2 000 in a minute
    assert not app.exception, app.exception
    assert len(counted) == 1, "refused before it ran"
    (warning,) = app.warning
    assert "Du har räknat 1\u00a0000 simuleringar den senaste minuten" in warning.value
    assert "gränsen på 1\u00a0500 per minut" in warning.value
    assert "Resultatet nedan gäller dina förra inställningar." in warning.value
    after = metrics(app)
    for label in ("Chans att betala sig inom mandatperioden", "Chans till besparing över perioden"):
        assert after[label] == before[label]  # the previous result stays on screen
    assert app.markdown[0].value != central_before  # while the central line is the new levers'


# --- the pure chart builders ----------------------------------------------------------------------


def test_fan_chart_has_two_bands_and_two_lines(default_params):
    from ui.charts.uncertainty import build_fan_chart

    mc = model.run_uncertainty(default_params, SCENARIO, draws=200, seed=0)
    chart = build_fan_chart(mc.yearly, "sv")
    df = chart.data
    assert sorted(df["kind"].unique()) == ["band50", "band90", "central", "median"]
    assert len(df) == 4 * len(mc.yearly)
    band90 = df[df["kind"] == "band90"]
    assert (band90["low_sek"].to_numpy() <= band90["high_sek"].to_numpy()).all()
    assert band90["band90_text"].iloc[-1].count("mnkr") == 2  # "−199,0 mnkr till −54,0 mnkr"
    spec = chart.to_dict()
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks.count("area") == 2 and marks.count("line") == 2
    assert spec["data"]["values"][0]["year"] == 2027


def test_tornado_chart_shows_the_largest_swings_first(default_params):
    from ui.charts.uncertainty import TORNADO_ROWS, build_tornado_chart

    table = model.tornado(default_params, SCENARIO)
    chart = build_tornado_chart(table, default_params, "en")
    df = chart.data
    assert len(df) == 2 * TORNADO_ROWS
    first = df[df["rank"] == 0]
    assert set(first["npv_sek"]) == {table["npv_low_sek"].iloc[0], table["npv_high_sek"].iloc[0]}
    assert "MSEK" in first["low_text"].iloc[0]
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == {"field": "rank", "order": "ascending"}
