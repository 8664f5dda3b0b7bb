"""Work never lost (issue 11), through AppTest: the municipality asks first, a reload keeps edited
assumptions, every page keeps the state in the address, undo and reset, the open scenario is named.

The findings: changing "Kommun" silently dropped every assumption edit; a reload
dropped them too; pages other than Översikt dropped the municipality from the
URL; an opened scenario that had since changed still said "öppet nu" and the
overview never said which scenario was open; a duplicate name was saved
silently. (Back and Forward need a browser: tests/browser/test_work_kept_browser.py.)
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import model
from model.files.scenario_store import ScenarioStore
from model.text.i18n import fmt_mnkr
from ui import address, municipality, state
from ui.scenarios import saving

DEFAULT = model.load_parameters()
EDITED = DEFAULT.with_values({"care.hvb.cost_per_day": 9000})
OVERVIEW, SCENARIOS = "ui/pages/overview.py", "ui/pages/scenarios.py"


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", f"sqlite:///{tmp_path / 'scenarios.db'}")


def edited(app: AppTest) -> AppTest:
    """A session whose assumptions were edited (what the assumptions page's callbacks do)."""
    app.run()
    app.session_state[state.PARAMS] = EDITED
    return app.run()


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, (label, [b.label for b in at.button])
    return found[0]


def test_changing_municipality_with_unsaved_edits_asks_first(app: AppTest):
    edited(app)
    app.selectbox(key=municipality.widget_key("sv")).set_value("small").run()
    assert app.session_state[state.PRESET] == "default" and app.session_state[state.PARAMS] == EDITED
    assert any("ändringar släpps" in m.value for m in app.markdown)
    button(app, "Behåll ändringarna").click().run()
    assert app.session_state[state.PARAMS] == EDITED and municipality.PENDING not in app.session_state
    # Asked again, and this time switched: the small municipality's preset; undo brings the edits back.
    app.selectbox(key=municipality.widget_key("sv")).set_value("small").run()
    button(app, "Byt och släpp ändringarna").click().run()
    assert app.session_state[state.PRESET] == "small"
    assert app.session_state[state.PARAMS] == model.load_parameters(preset="small")
    button(app, "Ångra").click().run()
    assert app.session_state[state.PARAMS] == EDITED and app.session_state[state.PRESET] == "default"


def test_changing_municipality_without_edits_just_switches(app: AppTest):
    app.run()
    app.selectbox(key=municipality.widget_key("sv")).set_value("small").run()
    assert app.session_state[state.PRESET] == "small" and municipality.PENDING not in app.session_state


def test_a_reload_restores_the_edited_assumptions_from_the_draft_in_the_address(app: AppTest):
    edited(app)
    app.slider(key="shift_mnkr").set_value(20.0).run()
    query = dict(app.query_params)
    assert address.DRAFT in query and query["shift_mnkr"] == "20.0"
    reload = AppTest.from_file(str(app._script_path), default_timeout=60)
    for key, value in query.items():
        reload.query_params[key] = value
    reload.run()
    assert not reload.exception and not reload.warning
    assert reload.session_state[state.PARAMS] == EDITED and reload.session_state["shift_mnkr"] == 20.0
    expected = model.run(EDITED, model.Scenario(shift_sek_per_year=20e6)).summary["net_total_sek"]
    assert reload.metric[0].value == fmt_mnkr(expected, "sv", sign=True)


def test_an_expired_draft_says_so_and_keeps_the_levers(app: AppTest):
    app.query_params.update({"kommun": "default", "shift_mnkr": "12.5", address.DRAFT: "0" * 24})
    app.run()
    assert not app.exception
    assert any("inte sparas längre" in w.value for w in app.info)
    assert app.session_state[state.PARAMS] == DEFAULT and app.session_state["shift_mnkr"] == 12.5


@pytest.mark.parametrize(
    "page", ["ui/pages/uncertainty.py", SCENARIOS, "ui/pages/assumptions.py", "ui/pages/method.py"]
)
def test_every_page_keeps_the_municipality_and_the_levers_in_the_address(app: AppTest, page):
    app.run()
    app.selectbox(key=municipality.widget_key("sv")).set_value("small").run()
    app.slider(key="shift_mnkr").set_value(3.0).run()
    app.switch_page(page).run()
    assert not app.exception
    assert app.query_params["kommun"] == "small" and app.query_params["shift_mnkr"] == "3.0"


def test_undo_steps_back_and_reset_puts_the_levers_back(app: AppTest):
    app.run()
    app.slider(key="shift_mnkr").set_value(20.0).run()
    app.slider(key="horizon").set_value(6).run()
    button(app, "Ångra").click().run()
    assert app.session_state["horizon"] == 10 and app.session_state["shift_mnkr"] == 20.0
    button(app, "Ångra").click().run()
    assert app.session_state["shift_mnkr"] == 10.0
    assert button(app, "Ångra").disabled
    app.slider(key="ramp_years").set_value(3).run()
    app.slider(key="mix_parent_training").set_value(80).run()
    button(app, "Återställ spakarna").click().run()
    assert app.session_state["ramp_years"] == 1 and app.session_state["mix_parent_training"] == 30
    assert button(app, "Återställ spakarna").disabled
    button(app, "Ångra").click().run()  # the reset itself can be undone
    assert app.session_state["mix_parent_training"] == 80


def test_the_mix_reads_as_shares_that_sum_to_100(app: AppTest):
    app.run()
    app.slider(key="mix_family_homes").set_value(30).run()
    app.slider(key="mix_early_intervention").set_value(0).run()
    shares = [c.value for c in app.sidebar.caption if "av beloppet" in c.value]
    assert shares == ["= 50 % av beloppet, 5,0\u00a0mnkr per år"] * 2


def test_the_overview_names_the_open_scenario_and_says_when_it_changed(app: AppTest):
    sid = ScenarioStore().save("Majoriteten", model.Scenario(shift_sek_per_year=30e6), EDITED)
    app.query_params["scenario"] = sid
    app.run()
    assert any(i.value.startswith("Öppet scenario: **Majoriteten**, som det sparades") for i in app.info)
    app.slider(key="shift_mnkr").set_value(25.0).run()
    assert any("ändrat sedan det sparades" in i.value for i in app.info)
    assert "scenario" not in app.query_params  # the address no longer claims to show the saved scenario
    app.switch_page(SCENARIOS).run()
    badges = [m.value for m in app.markdown if "Majoriteten" in m.value]
    assert any("ändrat sedan det sparades" in b for b in badges) and not any("öppet nu]" in b for b in badges)


def save(at: AppTest, name: str) -> AppTest:
    at.text_input(key="scn_save_name").set_value(name)
    return button(at, "Spara scenario").click().run()


def test_saving_under_a_taken_name_asks_to_update_or_keep_both(app: AppTest):
    store = ScenarioStore()
    first = store.save("Majoriteten", model.Scenario(shift_sek_per_year=30e6), DEFAULT)
    app.run()
    app.switch_page(SCENARIOS).run()
    app.slider(key="shift_mnkr").set_value(40.0).run()
    save(app, "majoriteten ")
    assert any("finns redan" in w.value for w in app.warning)
    assert [i.name for i in store.list()] == ["Majoriteten"]  # nothing saved yet
    button(app, "Uppdatera Majoriteten").click().run()
    assert not app.exception
    assert [(i.id, i.name) for i in store.list()] == [(first, "Majoriteten")]
    assert store.get(first).scenario.shift_sek_per_year == 40e6  # same id and link, new content
    save(app, "Majoriteten")
    button(app, "Behåll båda (spara som Majoriteten \\(2\\))").click().run()  # the name as escaped Markdown
    assert sorted(i.name for i in store.list()) == ["Majoriteten", "Majoriteten (2)"]


def test_names_for_keeping_both():
    assert saving.free_name("Majoriteten", ["Majoriteten"]) == "Majoriteten (2)"
    assert saving.free_name("Majoriteten", ["majoriteten", "Majoriteten (2)"]) == "Majoriteten (3)"
