"""ui.areas: parking an area's state and restoring it (the session as a plain dict)."""

import model
from model.levers import default_levers
from ui import areas, history, share, state


def test_restore_without_a_parked_state_gives_the_areas_defaults():
    session: dict = {"shift_mnkr": 7.5, state.PRESET: "default"}
    areas.restore(session, "employment")
    employment = model.load_parameters(area="employment")
    assert session[state.PRESET] == "employment_default"
    assert state.PARAMS not in session  # state.params() loads the preset
    assert {k: session[k] for k in default_levers(employment)} == default_levers(employment)


def test_park_then_restore_gives_back_levers_set_history_and_opened_scenario():
    edited = model.load_parameters(preset="small")
    session: dict = {
        state.PRESET: "small",
        state.PARAMS: edited,
        state.PARAMS_PRESET: "small",
        share.OPENED: {"id": "abc"},
        history.STACK: ["earlier"],
        "shift_mnkr": 4.0,
        "horizon": 6,
    }
    areas.park(session, edited)
    areas.restore(session, "employment")
    assert session[state.PRESET] == "employment_default" and share.OPENED not in session
    assert history.STACK not in session  # the employment area's undo history is its own
    areas.restore(session, "children")
    assert session[state.PRESET] == "small" and session[state.PARAMS] is edited
    assert session[share.OPENED] == {"id": "abc"} and session[history.STACK] == ["earlier"]
    assert (session["shift_mnkr"], session["horizon"]) == (4.0, 6)


def test_every_preset_belongs_to_one_area():
    assert areas.area_of("employment_small") == "employment"
    assert areas.area_of("small") == "children"
    assert areas.area_of("nonsense") == "children"
    assert areas.default_preset("employment") == "employment_default"


def test_the_committee_csv_reads_back_with_the_areas_named_and_the_total():
    import io

    import pandas as pd

    from model.analysis.committee import committee
    from model.files.spreadsheet import csv_bytes
    from model.levers import scenario_from_levers
    from ui.committee import csv_table, moved_reading

    sets = {}
    for area in ("children", "employment"):
        p = model.load_parameters(area=area)
        sets[area] = (p, scenario_from_levers(default_levers(p), p))
    out = committee(sets, draws=0)
    data = csv_bytes(csv_table(out.yearly, "sv"), "sv")
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert set(back["Område"]) == {"Barn och unga", "Ekonomiskt bistånd", "Hela nämnden"}
    assert len(back) == 30 and "Nettoeffekt" in back.columns
    total = back[back["Område"] == "Hela nämnden"]["Nettoeffekt"].sum()
    assert abs(total - sum(r.summary.net_total_sek for r in out.results.values())) < 10  # whole kronor a year
    reading = moved_reading(out.yearly, "sv")
    assert "Barn och unga 100,0\u00a0mnkr" in reading and "Hela nämnden" not in reading
