"""The page "Spara och jämför" through AppTest: save, list, open, rename, duplicate, delete, compare.

Each test has its own SQLite file (``OMSTALLNING_DB_URL``), so the list starts
empty. Two AppTest instances stand for two people using the server at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st  # noqa: TID251 - clearing Streamlit's caches between AppTest runs
from streamlit.testing.v1 import AppTest  # noqa: TID251

import model
from model.analysis.compare import Candidate, baseline_scenario
from model.files.comparison_export import comparison_to_xlsx_bytes
from model.files.scenario_store import ScenarioStore
from model.text.i18n import fmt_mnkr
from ui.tables import shown

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGE = "ui/pages/scenarios.py"


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", f"sqlite:///{tmp_path / 'scenarios.db'}")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def scenarios_page(lang: str = "sv") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def save(at: AppTest, name: str, note: str = "") -> None:
    at.text_input(key="scn_save_name").input(name)
    at.text_area(key="scn_save_note").input(note)
    next(b for b in at.button if b.label in ("Spara scenario", "Save scenario")).click().run()
    assert not at.exception, at.exception


def store() -> ScenarioStore:
    return ScenarioStore()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_renders_empty_in_both_languages(lang):
    at = scenarios_page(lang)
    assert at.title[0].value.startswith("Spara" if lang == "sv" else "Save")
    assert any(("Inga sparade" if lang == "sv" else "No saved") in i.value for i in at.info)


def test_an_unreachable_database_is_a_message_not_an_exception(monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", "sqlite:////proc/no-such-dir/scenarios.db")
    at = scenarios_page()
    assert any("går inte att öppna" in e.value for e in at.error)
    at.switch_page("ui/pages/overview.py").run()
    assert not at.exception and at.metric  # the rest of the calculator works


def test_save_lists_the_scenario_and_makes_the_address_a_link_to_it():
    at = scenarios_page()
    at.slider(key="shift_mnkr").set_value(22.5).run()
    save(at, "Majoritetens förslag", "Två års upptrappning")
    assert any("Sparat" in s.value for s in at.success)
    saved = store().list()
    assert [i.name for i in saved] == ["Majoritetens förslag"]
    assert saved[0].note == "Två års upptrappning" and saved[0].shift_sek_per_year == 22.5e6
    assert at.query_params["scenario"] == saved[0].id
    assert any("Majoritetens förslag" in m.value for m in at.markdown)
    assert any("Öppet scenario" in c.value for c in at.sidebar.caption)


def test_an_empty_name_is_refused_with_a_message():
    at = scenarios_page()
    save(at, "   ")
    assert any("Namnet får inte vara tomt" in e.value for e in at.error)
    assert store().count() == 0


def test_open_puts_levers_and_assumptions_in_the_sidebar():
    params = model.load_parameters().with_values({"care.hvb.cost_per_day": 9000})
    sid = store().save("Dyrare HVB", model.Scenario(shift_sek_per_year=30e6, ramp_years=3), params)
    at = scenarios_page()
    at.button(key=f"scn_open_{sid}").click().run()
    assert not at.exception
    assert at.session_state["shift_mnkr"] == 30.0 and at.session_state["ramp_years"] == 3
    assert at.session_state["_params"] == params
    assert at.query_params["scenario"] == sid
    assert any("Öppnade" in s.value for s in at.success)
    at.switch_page("ui/pages/overview.py").run()
    expected = model.run(params, model.Scenario(shift_sek_per_year=30e6, ramp_years=3)).summary["net_total_sek"]
    assert at.metric[0].value == fmt_mnkr(expected, "sv", sign=True)


def test_rename_duplicate_and_delete_with_confirmation():
    sid = store().save("Utkast", model.Scenario(shift_sek_per_year=5e6), model.load_parameters(), note="gammal")
    at = scenarios_page()
    at.text_input(key=f"scn_rename_{sid}").input("Slutligt förslag")
    at.text_area(key=f"scn_note_{sid}").input("ny anteckning")
    at.button(key=f"scn_rename_go_{sid}").click().run()
    assert not at.exception
    renamed = store().get(sid)
    assert (renamed.name, renamed.note) == ("Slutligt förslag", "ny anteckning")

    at.button(key=f"scn_dup_{sid}").click().run()
    assert sorted(i.name for i in store().list()) == ["Kopia av Slutligt förslag", "Slutligt förslag"]

    at.button(key=f"scn_del_{sid}").click().run()
    assert any("går inte att ångra" in w.value for w in at.warning)
    at.button(key=f"scn_del_no_{sid}").click().run()
    assert store().count() == 2 and not any("ångra" in w.value for w in at.warning)
    at.button(key=f"scn_del_{sid}").click().run()
    at.button(key=f"scn_del_yes_{sid}").click().run()
    assert not at.exception
    assert [i.name for i in store().list()] == ["Kopia av Slutligt förslag"]
    assert any("Borttaget" in s.value for s in at.success)


def test_compare_two_saved_scenarios_with_the_baseline():
    base = model.load_parameters()
    changed = base.with_values({"care.hvb.cost_per_day": 9000})
    s = store()
    a = s.save("Majoriteten", model.Scenario(shift_sek_per_year=20e6), base, note="A")
    b = s.save("Oppositionen", model.Scenario(shift_sek_per_year=40e6), changed, note="B")
    at = scenarios_page()
    assert any("Välj minst 2" in i.value for i in at.info)
    at.multiselect(key="scn_compare").select(a).select(b).run()
    assert not at.exception, at.exception
    metrics = [m.value for m in at.metric]
    assert len(metrics) == 3 * 4  # baseline + 2 scenarios, four big numbers each
    ra = model.run(base, model.Scenario(shift_sek_per_year=20e6))
    rb = model.run(changed, model.Scenario(shift_sek_per_year=40e6))
    assert fmt_mnkr(ra.summary["net_total_sek"], "sv", sign=True) in metrics
    assert fmt_mnkr(rb.summary["net_total_sek"], "sv", sign=True) in metrics
    tables = [shown(t.value) for t in at.table]
    # The headline table first; then each chart's numbers (a table under each chart), then the levers.
    headline, charts, levers = tables[0], tables[1:4], tables[4]
    assert [c.index.name for c in charts] == ["Scenario"] * 3
    assert list(headline.columns) == ["Utan förändring", "Majoriteten", "Oppositionen"]
    assert "Flyttat belopp per år" in levers.index
    assert any("HVB: kostnad per vårddygn" in str(t.index.tolist()) for t in tables)
    assert any("olika antaganden" in i.value for i in at.info)
    keys = {d.proto.id.rsplit("-", 1)[-1] for d in at.get("download_button")}
    assert {"scn_compare_xlsx", "scn_compare_csv"} <= keys
    # The workbook behind the button is the pure export of the same candidates.
    cands = [Candidate("Majoriteten", ra), Candidate("Oppositionen", rb)]
    baseline = Candidate("Utan förändring", model.run(base, baseline_scenario([ra.scenario])), is_baseline=True)
    assert comparison_to_xlsx_bytes([baseline, *cands], "sv").startswith(b"PK")


def test_compare_can_include_the_current_unsaved_levers():
    s = store()
    a = s.save("Sparat", model.Scenario(shift_sek_per_year=20e6), model.load_parameters())
    at = scenarios_page()
    at.slider(key="shift_mnkr").set_value(33.0).run()
    at.multiselect(key="scn_compare").select("__current__").select(a).run()
    assert not at.exception
    assert list(shown(at.table[0].value).columns) == ["Utan förändring", "Nuvarande inställningar (osparade)", "Sparat"]


def test_a_scenario_deleted_by_someone_else_drops_out_of_the_comparison():
    s = store()
    a = s.save("A", model.Scenario(shift_sek_per_year=20e6), model.load_parameters())
    b = s.save("B", model.Scenario(shift_sek_per_year=30e6), model.load_parameters())
    at = scenarios_page()
    at.multiselect(key="scn_compare").select(a).select(b).run()
    s.delete(b)
    at.run()
    assert not at.exception
    assert at.multiselect(key="scn_compare").value == [a]


def test_two_sessions_never_see_each_others_unsaved_edits():
    s = store()
    changed = model.load_parameters().with_values({"care.hvb.cost_per_day": 9000})
    sid = s.save("Delat", model.Scenario(shift_sek_per_year=30e6), changed)
    alice, bob = scenarios_page(), scenarios_page()
    alice.slider(key="shift_mnkr").set_value(44.0).run()
    alice.button(key=f"scn_open_{sid}").click().run()
    alice.slider(key="ramp_years").set_value(4).run()
    bob.run()
    assert alice.session_state["ramp_years"] == 4 and alice.session_state["_params"] == changed
    assert bob.session_state["shift_mnkr"] == 10.0 and bob.session_state["ramp_years"] == 1
    assert bob.session_state["_params"] == model.load_parameters()
    assert "_opened" not in bob.session_state
    # What is saved is shared: Bob's list has the scenario, but not Alice's unsaved changes.
    bob.switch_page("ui/pages/overview.py").run()
    default = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6)).summary["net_total_sek"]
    assert bob.metric[0].value == fmt_mnkr(default, "sv", sign=True)
