"""The sidebar's switch that counts the municipal tax in the net effect, through AppTest (issue 13):
financial assistance only, in the address, kept by a saved scenario and a switch of area, shown by the comparison."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import model
from model.files.scenario_store import ScenarioStore
from model.levers import TAX, TAX_COUNTED, default_levers, scenario_from_levers
from model.text.i18n import fmt_mnkr
from ui import areas
from ui.municipal_tax import TOGGLE
from ui.scenarios.compare import CURRENT

SELECTOR = areas.widget_key("sv")
LINK = {"omrade": "employment", "shift_mnkr": "5.0", "mix_ips": "50", "mix_workplace_training": "50"}


def card(at: AppTest, starts: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(starts))


def expected(counted: bool) -> dict[str, float]:
    params = model.load_parameters(area="employment")
    levers = {**default_levers(params), "shift_mnkr": 5.0, "mix_ips": 50, "mix_workplace_training": 50}
    if counted:
        levers[TAX] = TAX_COUNTED
    return model.run(params, scenario_from_levers(levers, params)).summary


def test_the_switch_lowers_the_net_card_by_exactly_the_tax_and_a_link_reproduces_it(app: AppTest):
    app.query_params.update(LINK)
    app.run()
    assert not app.exception and not app.warning, (app.exception, app.warning)
    toggle = app.toggle(key=TOGGLE)
    assert toggle.value is False and toggle.label == "Räkna in kommunalskatten i nettoeffekten"
    assert "utjämningssystemet" in toggle.help and "Jobbskatteavdrag" in toggle.help
    off, on = expected(False), expected(True)
    assert card(app, "Nettoeffekt") == fmt_mnkr(off["net_total_sek"], "sv", sign=True)
    tax = card(app, "Kommunalskatt")
    assert tax == fmt_mnkr(off["municipal_tax_sek"], "sv")
    app.toggle(key=TOGGLE).set_value(True).run()
    assert not app.exception, app.exception
    assert on["net_total_sek"] == pytest.approx(off["net_total_sek"] - off["municipal_tax_sek"], rel=1e-12)
    assert card(app, "Nettoeffekt") == fmt_mnkr(on["net_total_sek"], "sv", sign=True) != fmt_mnkr(
        off["net_total_sek"], "sv", sign=True)
    assert card(app, "Kommunalskatt") == tax  # the tax itself does not change, only whether it counts
    assert app.query_params[TAX] == TAX_COUNTED
    link = {k: v for k, v in app.query_params.items()}

    again = AppTest.from_file(app._script_path, default_timeout=60)
    again.query_params.update(link)
    again.run()
    assert not again.exception and not again.warning, (again.exception, again.warning)
    assert again.toggle(key=TOGGLE).value is True
    assert card(again, "Nettoeffekt") == card(app, "Nettoeffekt")


def test_a_bad_value_in_a_link_names_the_field_and_keeps_the_default(app: AppTest):
    app.query_params.update({**LINK, TAX: "ja"})
    app.run()
    assert not app.exception, app.exception
    warnings = [w.value for w in app.warning]
    assert any("Räkna in kommunalskatten i nettoeffekten" in w and "'ja'" in w for w in warnings), warnings
    assert app.toggle(key=TOGGLE).value is False
    assert card(app, "Nettoeffekt") == fmt_mnkr(expected(False)["net_total_sek"], "sv", sign=True)


def test_the_childrens_area_has_no_switch_and_never_carries_the_lever(app: AppTest):
    app.run()
    assert not [t for t in app.toggle if t.key == TOGGLE]
    app.radio(key=SELECTOR).set_value("employment").run()
    app.toggle(key=TOGGLE).set_value(True).run()
    app.radio(key=SELECTOR).set_value("children").run()
    assert not app.exception, app.exception
    assert not [t for t in app.toggle if t.key == TOGGLE]
    assert TAX not in app.query_params
    app.radio(key=SELECTOR).set_value("employment").run()
    assert app.toggle(key=TOGGLE).value is True  # parked with the area's other levers
    assert app.query_params[TAX] == TAX_COUNTED


def test_a_link_of_the_childrens_area_with_the_lever_says_it_does_not_apply(app: AppTest):
    app.query_params.update({"omrade": "children", TAX: TAX_COUNTED})
    app.run()
    assert not app.exception, app.exception
    assert any("ingen kommunalskatt" in w.value for w in app.warning)
    assert TAX not in app.query_params


def test_a_saved_scenario_keeps_the_switch_and_the_comparison_shows_it(app: AppTest, tmp_path, monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", f"sqlite:///{tmp_path / 'scenarios.db'}")
    app.query_params.update({**LINK, TAX: TAX_COUNTED})
    app.run()
    app.switch_page("ui/pages/scenarios.py").run()
    app.text_input(key="scn_save_name").input("Med skatt")
    next(b for b in app.button if b.label == "Spara scenario").click().run()
    assert not app.exception, app.exception
    store = ScenarioStore(f"sqlite:///{tmp_path / 'scenarios.db'}")
    try:
        [item] = store.list()
        saved = store.get(item.id)
    finally:
        store.dispose()
    assert saved.scenario.count_municipal_tax and saved.levers_dict[TAX] == TAX_COUNTED
    app.toggle(key=TOGGLE).set_value(False).run()
    app.button(key=f"scn_open_{item.id}").click().run()
    assert not app.exception, app.exception
    assert app.toggle(key=TOGGLE).value is True
    app.toggle(key=TOGGLE).set_value(False).run()  # the current levers now differ from the saved ones in the tax
    app.multiselect(key="scn_compare").set_value([CURRENT, item.id]).run()
    assert not app.exception, app.exception
    # The levers that differ: only the tax (the first table is the headline figures').
    differs = next(tb.value for tb in app.table if tb.value.index.name == "Spak")
    assert list(differs.index) == ["Kommunalskatt på arbetsinkomster"]
    assert sorted(differs.iloc[0]) == ["ingår i nettoeffekten", "visas för sig, ingår inte i nettoeffekten"]


def test_the_switch_in_english(app: AppTest):
    app.query_params.update({**LINK, "lang": "en", TAX: TAX_COUNTED})
    app.run()
    assert not app.exception and not app.warning, (app.exception, app.warning)
    toggle = app.toggle(key=TOGGLE)
    assert toggle.value is True and toggle.label == "Count the municipal tax in the net effect"
    assert "equalisation" in toggle.help and "jobbskatteavdrag" in toggle.help.lower()
    assert any("before the income-equalisation system" in c.value for c in app.caption)
