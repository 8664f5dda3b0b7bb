"""Links: the levers in the URL reproduce the numbers exactly; tampered URLs fall back with a message.

Driven through Streamlit's AppTest with ``at.query_params`` set before the
first run, as a browser opening the link would. (AppTest does not copy widget
changes back into ``at.query_params`` the way the browser's address bar does,
so a link is built with :func:`ui.share.share_query`, the function behind the
app's "Dela" box, and the browser test follows a real address bar.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st  # noqa: TID251 - clearing Streamlit's caches between AppTest runs
from streamlit.testing.v1 import AppTest  # noqa: TID251

import model
from model.files.scenario_store import ScenarioStore
from model.text.i18n import fmt_mnkr
from ui import municipality, share
from ui.state import scenario_from_state

APP = Path(__file__).resolve().parents[1] / "app.py"
LEVERS = ("kommun", "shift_mnkr", "ramp_years", "horizon", "start_year", "discount_pct", "evidence", "prices")


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", f"sqlite:///{tmp_path / 'scenarios.db'}")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def app(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def headline(at: AppTest) -> str:
    return at.metric[0].value


def state_of(at: AppTest) -> dict:
    """The sidebar's values in a session (levers, mix weights, language)."""
    mixes = [f"mix_{m}" for p in model.presets() for m in model.load_parameters(preset=p).measure_ids]
    return {k: at.session_state[k] for k in (*LEVERS, *mixes, "lang") if k in at.session_state}


def default_headline() -> str:
    result = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6))
    return fmt_mnkr(result.summary["net_total_sek"], "sv", sign=True)


@pytest.mark.parametrize(
    ("query", "lever", "default", "words"),
    [
        ({"shift_mnkr": "abc"}, "shift_mnkr", 10.0, ["Belopp som flyttas per år", "'abc'"]),
        ({"shift_mnkr": "1e9"}, "shift_mnkr", 10.0, ["Belopp som flyttas per år", "utanför"]),
        ({"shift_mnkr": "nan"}, "shift_mnkr", 10.0, ["inte ett tal"]),
        ({"horizon": "99"}, "horizon", 10, ["Tidshorisont", "99", "1–15"]),
        ({"horizon": "-3"}, "horizon", 10, ["Tidshorisont"]),
        ({"ramp_years": "2.5"}, "ramp_years", 1, ["Upptrappning", "heltal"]),
        ({"start_year": "3000"}, "start_year", 2027, ["Omställningen börjar år"]),
        ({"discount_pct": "inf"}, "discount_pct", 3.5, ["Diskonteringsränta"]),
        ({"kommun": "<script>alert(1)</script>"}, "kommun", "default", ["Kommun", "\\<script\\>"]),
        ({"lang": "xx"}, "lang", "sv", ["Språk"]),
        ({"mix_x": "5"}, None, None, ["'x'"]),
        ({"mix_parent_training": "500"}, "mix_parent_training", 30, ["Föräldrastöd i grupp", "0–100"]),
        ({"scenario": "nonexistent"}, None, None, ["inte finns", "nonexistent"]),
        ({"scenario": "'; DROP TABLE scenarios; --"}, None, None, ["inte finns"]),
        ({"shift_mnkr": ["5", "6"]}, "shift_mnkr", 10.0, ["mer än en gång"]),
        ({"evidence": "magisk"}, "evidence", "central", ["Evidensnivå", "'magisk'"]),
        ({"prices": "löpande"}, "prices", "fixed", ["Prisgrund", "'löpande'"]),
        ({"shift_mnkr": "70"}, "shift_mnkr", 10.0, ["Belopp som flyttas per år", "utanför"]),  # above the budget
    ],
)
def test_a_tampered_url_gives_a_message_and_the_default_never_an_exception(query, lever, default, words):
    at = app(**query)
    at.run()
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning)
    for word in words:
        assert word in warnings, (word, warnings)
    if lever is not None:
        value = at.session_state[lever] if lever in at.session_state else default
        assert value == pytest.approx(default) if isinstance(default, float) else value == default
    for key, bad in query.items():  # gone from the address bar (which now holds the value in use)
        assert at.query_params.get(key) not in (bad, [bad])
    assert headline(at) == default_headline() or "lang" in query
    at.run()  # the message is shown once
    assert not at.warning and not at.exception


def test_a_valid_link_shows_no_message():
    at = app(shift_mnkr="25.5", horizon="12")
    at.run()
    assert not at.exception and not at.warning
    assert at.session_state["shift_mnkr"] == 25.5 and at.session_state["horizon"] == 12


def test_opening_a_shared_link_reproduces_the_numbers_exactly():
    first = app()
    first.run()
    first.selectbox(key=municipality.widget_key("sv")).set_value("small").run()
    first.slider(key="shift_mnkr").set_value(7.5).run()
    first.slider(key="ramp_years").set_value(3).run()
    first.slider(key="horizon").set_value(12).run()
    first.slider(key="start_year").set_value(2029).run()
    first.slider(key="discount_pct").set_value(4.5).run()
    first.slider(key="mix_parent_training").set_value(55).run()
    first.slider(key="mix_family_homes").set_value(0).run()
    assert not first.exception
    params = model.load_parameters(preset="small")
    query = share.share_query(state_of(first), params, "sv")
    assert query["kommun"] == "small" and query["shift_mnkr"] == "7.5" and query["mix_family_homes"] == "0"

    second = app(**query)
    second.run()
    assert not second.exception and not second.warning
    assert [m.value for m in second.metric] == [m.value for m in first.metric]
    a = scenario_from_state(state_of(first), params)
    b = scenario_from_state(state_of(second), params)
    assert a == b
    assert model.run(params, a).summary == model.run(params, b).summary  # the same numbers, not only rounded


def test_a_link_to_a_saved_scenario_reproduces_its_changed_assumptions(tmp_path):
    params = model.load_parameters().with_values({"care.hvb.cost_per_day": 9000})
    scenario = model.Scenario(shift_sek_per_year=30e6, ramp_years=2)
    store = ScenarioStore()
    sid = store.save("Dyrare HVB", scenario, params)
    saved = store.get(sid)
    store.dispose()

    at = app(scenario=sid)
    at.run()
    assert not at.exception and not at.warning
    assert any("Dyrare HVB" in s.value for s in at.success)
    expected = model.run(saved.params, saved.scenario).summary
    assert headline(at) == fmt_mnkr(expected["net_total_sek"], "sv", sign=True)
    assert at.session_state["_params"] == params
    assert at.session_state["shift_mnkr"] == 30.0 and at.session_state["ramp_years"] == 2
    assert at.query_params["scenario"] == sid
    assert any("Dyrare HVB" in c.value for c in at.sidebar.caption)

    # Moving a lever: the address bar no longer claims to show the saved scenario.
    at.slider(key="shift_mnkr").set_value(5.0).run()
    assert "scenario" not in at.query_params
    assert any("Ändrat sedan" in c.value for c in at.sidebar.caption)


def test_a_stray_municipality_does_not_override_a_linked_scenario():
    params = model.load_parameters()
    store = ScenarioStore()
    sid = store.save("Standard", model.Scenario(shift_sek_per_year=12e6), params)
    store.dispose()
    at = app(scenario=sid, kommun="small")
    at.run()
    assert not at.exception
    assert at.session_state["_params"] == params and at.session_state["kommun"] == "default"


def test_links_are_relative_without_a_known_url():
    assert share.link({"scenario": "abc123def456"}) == "./?scenario=abc123def456"


def test_a_scenario_link_while_the_database_is_unreachable_shows_the_defaults(monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", "sqlite:////proc/no-such-dir/scenarios.db")
    at = app(scenario="abcdefabcdef")
    at.run()
    assert not at.exception
    assert any("går inte att nå" in w.value for w in at.warning)
    assert headline(at) == default_headline()


def test_a_link_with_an_evidence_level_reproduces_its_numbers():
    at = app(evidence="cautious", shift_mnkr="10.0")
    at.run()
    assert not at.exception and not at.warning
    assert at.session_state["evidence"] == "cautious"
    expected = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6, evidence_level="cautious"))
    assert headline(at) == fmt_mnkr(expected.summary["net_total_sek"], "sv", sign=True)
    assert any("evidensnivå försiktig" in c.value for c in at.caption)
    query = share.share_query(at.session_state, model.load_parameters(), "sv")
    assert query["evidence"] == "cautious"


def test_a_shift_above_a_small_municipalitys_budget_in_a_link_falls_back_with_a_message():
    at = app(kommun="small", shift_mnkr="40")
    at.run()
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Belopp som flyttas per år" in warnings and "40" in warnings and "15" in warnings
    assert at.query_params.get("shift_mnkr") != "40"  # the address holds the amount the app uses
    small = model.load_parameters(preset="small")
    assert at.slider(key="shift_mnkr").max == 15.0  # the slider stops at the external budget
    assert at.session_state["shift_mnkr"] <= 15.0
    expected = model.run(small, model.Scenario(shift_sek_per_year=at.session_state["shift_mnkr"] * 1e6))
    assert headline(at) == fmt_mnkr(expected.summary["net_total_sek"], "sv", sign=True)


def test_a_link_with_current_prices_reproduces_its_numbers_and_says_so():
    """Issue 10: the price basis is in the address; a link opens in the same prices, and every heading says which."""
    at = app(prices="current", shift_mnkr="10.0")
    at.run()
    assert not at.exception and not at.warning
    assert at.session_state["prices"] == "current"
    expected = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6, price_basis="current"))
    assert headline(at) == fmt_mnkr(expected.summary["net_total_sek"], "sv", sign=True)
    assert any("löpande priser" in c.value for c in at.caption)
    assert not any("fasta priser" in c.value for c in at.caption)
    query = share.share_query(state_of(at), model.load_parameters(), "sv")
    assert query["prices"] == "current"
    again = app(**query)
    again.run()
    assert [m.value for m in again.metric] == [m.value for m in at.metric]


def test_the_price_basis_is_chosen_in_the_sidebar():
    at = app()
    at.run()
    radio = at.radio(key="prices")
    assert radio.value == "fixed" and radio.label == "Prisgrund"
    assert list(radio.options) == ["Fasta priser (2024)", "Löpande priser"]
    assert any("fasta priser (2024)" in c.value for c in at.caption)
    fixed = headline(at)
    radio.set_value("current").run()
    assert not at.exception, at.exception
    expected = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6, price_basis="current"))
    assert headline(at) == fmt_mnkr(expected.summary["net_total_sek"], "sv", sign=True) != fixed
    assert share.share_query(state_of(at), model.load_parameters(), "sv")["prices"] == "current"
