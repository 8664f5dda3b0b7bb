"""Mötesläge (``?mote=1``): saved scenarios side by side in large type, no levers (issue 12)."""

from __future__ import annotations

import pytest

import model
from model.files.scenario_store import ScenarioStore
from ui.meeting import chosen, requested


def test_the_address_turns_it_on():
    assert requested({"mote": "1"}) and not requested({}) and not requested({"mote": "0"})


def test_the_address_chooses_known_scenarios_at_most_four():
    available = ["e", "d", "c", "b", "a"]  # newest first
    assert chosen("b,zz,b,a", available) == ["b", "a"]  # unknown and repeated ids are left out
    assert chosen("", available) == ["e", "d", "c", "b"]  # none named: the four most recent
    assert chosen("a,b,c,d,e", available) == ["a", "b", "c", "d"]


@pytest.fixture
def saved(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'scenarios.db'}"
    monkeypatch.setenv("OMSTALLNING_DB_URL", url)
    store, params = ScenarioStore(url), model.load_parameters()
    return [
        store.save("Litet", model.Scenario(shift_sek_per_year=5_000_000), params, levers={"shift_mnkr": 5.0}),
        store.save("Stort", model.Scenario(shift_sek_per_year=20_000_000), params, levers={"shift_mnkr": 20.0}),
    ]


def test_the_meeting_view_shows_the_chosen_scenarios_and_no_levers(app, saved):
    small, big = saved
    app.query_params["mote"] = "1"
    app.query_params["visa"] = f"{big},{small}"
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Mötesläge"
    assert [h.value for h in app.header][:2] == ["Stort", "Litet"]  # in the address's order
    labels = [m.label for m in app.metric]
    assert labels.count("Betalar sig år") == 2 and len(app.metric) == 6  # three key numbers each
    assert not app.sidebar.slider  # no levers
    expected = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=20_000_000))
    net = model.text.i18n.fmt_mnkr(expected.yearly["net_sek"].sum(), "sv", sign=True)
    assert app.metric[0].value == net
    assert app.get("vega_lite_chart") or app.get("arrow_vega_lite_chart")  # the one chart


def test_the_meeting_view_in_english_without_saved_scenarios(app, tmp_path, monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    app.query_params["mote"] = "1"
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Meeting view"
    assert "No saved scenarios yet" in app.info[0].value
