"""The area selector through AppTest: each area keeps its levers, links carry the area, "Hela nämnden" sums the
areas, a link with an unknown area gets a message, and a saved scenario opens in its own area."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import model
from model.files.scenario_store import ScenarioStore
from model.levers import default_levers, scenario_from_levers
from model.text.i18n import fmt_mnkr
from ui import areas
from ui.tables import shown

SELECTOR = areas.widget_key("sv")
COMMITTEE = "ui/pages/committee.py"


def switch(at: AppTest, area: str) -> None:
    at.radio(key=SELECTOR).set_value(area).run()
    assert not at.exception, at.exception


def shift(at: AppTest) -> float:
    return at.slider(key="shift_mnkr").value


def test_switching_area_keeps_each_areas_levers(app: AppTest):
    app.run()
    assert app.radio(key=SELECTOR).value == "children"
    app.slider(key="shift_mnkr").set_value(7.5).run()
    app.slider(key="horizon").set_value(6).run()
    switch(app, "employment")
    employment = model.load_parameters(area="employment")
    assert app.session_state["kommun"] == "employment_default"
    assert shift(app) == default_levers(employment)["shift_mnkr"]  # its own default, not the children's 7.5
    assert app.slider(key="horizon").value == 10
    assert app.slider(key="mix_ips").value == default_levers(employment)["mix_ips"]
    assert app.selectbox(key="_kommun_sv").options == list(model.presets("employment").values())  # its municipalities
    app.slider(key="shift_mnkr").set_value(3.0).run()
    switch(app, "children")
    assert (shift(app), app.slider(key="horizon").value) == (7.5, 6)
    assert app.session_state["kommun"] == "default"
    assert app.query_params["omrade"] == "children"
    switch(app, "employment")
    assert shift(app) == 3.0
    assert app.query_params["omrade"] == "employment" and app.query_params["shift_mnkr"] == "3.0"


def test_undo_does_not_step_into_the_other_area(app: AppTest):
    app.run()
    app.slider(key="shift_mnkr").set_value(7.5).run()
    switch(app, "employment")
    undo = app.button(key="undo")
    assert undo.disabled  # the employment area has no change of its own yet
    app.slider(key="shift_mnkr").set_value(3.0).run()
    app.button(key="undo").click().run()
    assert app.session_state["kommun"] == "employment_default"
    assert shift(app) == default_levers(model.load_parameters(area="employment"))["shift_mnkr"]


def test_a_link_with_the_area_reproduces_area_and_levers(app: AppTest):
    app.query_params.update(
        {"omrade": "employment", "shift_mnkr": "4.5", "horizon": "7", "mix_ips": "100", "mix_workplace_training": "0"}
    )
    app.run()
    assert not app.exception and not app.warning, (app.exception, app.warning)
    assert app.radio(key=SELECTOR).value == "employment"
    assert app.session_state["kommun"] == "employment_default"
    assert (shift(app), app.slider(key="horizon").value, app.slider(key="mix_ips").value) == (4.5, 7, 100)


def test_an_old_link_without_the_area_is_the_childrens(app: AppTest):
    app.query_params.update({"kommun": "small", "shift_mnkr": "2.0"})
    app.run()
    assert not app.exception and not app.warning
    assert app.radio(key=SELECTOR).value == "children"
    assert shift(app) == 2.0


@pytest.mark.parametrize("bad", ["vuxna", "../children", "EMPLOYMENT"])
def test_an_unknown_area_in_the_link_gets_a_message_and_the_default(app: AppTest, bad: str):
    app.query_params.update({"omrade": bad, "shift_mnkr": "4.0"})
    app.run()
    assert not app.exception
    warnings = " ".join(w.value for w in app.warning)
    assert "Område" in warnings and "Standardvärdet används" in warnings, warnings
    assert app.radio(key=SELECTOR).value == "children"
    assert shift(app) == 4.0  # the rest of the link still counts
    assert app.query_params["omrade"] == "children"


def test_a_municipality_of_the_other_area_in_the_link_gets_a_message(app: AppTest):
    app.query_params.update({"omrade": "employment", "kommun": "small"})
    app.run()
    assert any("Kommun" in w.value for w in app.warning), [w.value for w in app.warning]
    assert app.session_state["kommun"] == "employment_default"


def test_the_whole_committee_is_the_sum_of_the_areas(app: AppTest):
    app.run()
    app.slider(key="shift_mnkr").set_value(6.0).run()
    switch(app, "employment")
    app.slider(key="shift_mnkr").set_value(2.5).run()
    switch(app, "children")  # employment's levers are parked, children's on screen
    app.switch_page(COMMITTEE).run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Hela nämnden"
    results = {}
    for area, amount in (("children", 6.0), ("employment", 2.5)):
        params = model.load_parameters(area=area)
        levers = {**default_levers(params), "shift_mnkr": amount}
        results[area] = model.run(params, scenario_from_levers(levers, params))
    table, budget = shown(app.table[0].value), shown(app.table[1].value)
    net = sum(r.summary.net_total_sek for r in results.values())
    assert table.loc["Hela nämnden", "Netto över tidshorisonten"] == fmt_mnkr(net, "sv", sign=True)
    for area, label in (("children", "Barn och unga"), ("employment", "Ekonomiskt bistånd")):
        summary = results[area].summary
        assert table.loc[label, "Netto över tidshorisonten"] == fmt_mnkr(summary.net_total_sek, "sv", sign=True)
        assert table.loc[label, "Flyttas totalt"] == fmt_mnkr(results[area].yearly.prevention_allocated_sek.sum(), "sv")
    for year in (2027, 2031, 2036):
        rows = [r.yearly.set_index("year").loc[year] for r in results.values()]
        row = budget.loc[str(year)]
        assert row["Kostnad utan förändring"] == fmt_mnkr(sum(r.cost_baseline_sek for r in rows), "sv")
        assert row["Kostnad med omställning"] == fmt_mnkr(sum(r.cost_scenario_sek for r in rows), "sv")
        assert row["Flyttas till insatser"] == fmt_mnkr(sum(r.prevention_allocated_sek for r in rows), "sv")
        assert row["Nettoeffekt"] == fmt_mnkr(sum(r.net_sek for r in rows), "sv", sign=True)


def test_the_whole_committee_in_english(app: AppTest):
    app.query_params["lang"] = "en"
    app.run()
    app.switch_page(COMMITTEE).run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Whole committee"
    assert "Whole committee" in shown(app.table[0].value).index


def test_a_saved_scenario_opens_in_its_area_and_is_compared_only_there(app: AppTest, tmp_path, monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", f"sqlite:///{tmp_path / 'scenarios.db'}")
    app.query_params.update({"omrade": "employment", "shift_mnkr": "4.5"})
    app.run()
    app.switch_page("ui/pages/scenarios.py").run()
    app.text_input(key="scn_save_name").input("Bistånd A")
    next(b for b in app.button if b.label == "Spara scenario").click().run()
    assert not app.exception, app.exception
    saved_id = model_store_ids(tmp_path)[0]
    switch(app, "children")
    assert "Bistånd A" not in app.multiselect(key="scn_compare").options  # a comparison is within an area
    assert any("inom ett område" in c.value for c in app.caption)
    app.button(key=f"scn_open_{saved_id}").click().run()
    assert not app.exception, app.exception
    assert app.radio(key=SELECTOR).value == "employment"
    assert app.session_state["kommun"] == "employment_default" and shift(app) == 4.5
    assert "Bistånd A" in app.multiselect(key="scn_compare").options


def model_store_ids(tmp_path) -> list[str]:
    store = ScenarioStore(f"sqlite:///{tmp_path / 'scenarios.db'}")
    try:
        return [i.id for i in store.list()]
    finally:
        store.dispose()
