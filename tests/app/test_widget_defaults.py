"""Every widget's default is the value it shows: a browser's fallback never changes a lever (ui.state.widget_default).

A browser that has not taken the value a run sent falls back to the widget's default and sends that with
the user's next action. These tests open a link that sets every lever away from its default (the server
writes them all before the widgets are drawn) and look at each widget on every page: its default must be
its value. A CI run once showed the cautious level's net effect after a page switch: the evidence
selector's default was its first option, "Försiktig", while the session's value was "Trolig".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import (
    Checkbox,
    Multiselect,
    NumberInput,
    Radio,
    Selectbox,
    SelectSlider,
    Slider,
    TextArea,
    TextInput,
    Toggle,
)

import model
from model.files.scenario_store import ScenarioStore
from ui import state
from ui.municipal_tax import TOGGLE
from ui.uncertainty.breakeven import YEAR_KEY

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = sorted(f"ui/pages/{p.name}" for p in (APP.parent / "ui" / "pages").glob("*.py") if p.name != "__init__.py")
KINDS = ("selectbox", "radio", "slider", "select_slider", "multiselect", "toggle", "checkbox", "text_input",
         "text_area", "number_input")


def _values(value: object) -> list[object]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def default_is_value(w) -> bool:
    """Whether widget *w*'s default (what a browser falls back to) is the value it shows."""
    p = w.proto
    if isinstance(w, (Selectbox, Radio)):
        return p.HasField("default") and p.default == w.index
    if isinstance(w, Slider):
        return [float(x) for x in p.default] == [float(v) for v in _values(w.value)]
    if isinstance(w, SelectSlider):
        return [p.options[int(i)] for i in p.default] == [w.format_func(v) for v in _values(w.value)]
    if isinstance(w, Multiselect):
        return list(p.default) == list(w.indices)
    if isinstance(w, (Toggle, Checkbox, NumberInput)):
        return p.default == w.value
    if isinstance(w, (TextInput, TextArea)):
        return (p.default if p.HasField("default") else "") == (w.value or "")
    raise AssertionError(f"no rule for {type(w).__name__}")


def mismatches(at: AppTest, page: str) -> list[str]:
    """The widgets on screen whose default is not their value, as ``page: kind key (value, default)``."""
    assert not at.exception, at.exception
    found = []
    for kind in KINDS:
        for w in getattr(at, kind):
            if not default_is_value(w):
                default = w.proto.default
                default = list(default) if kind in ("slider", "select_slider", "multiselect") else default
                found.append(f"{page}: {kind} {w.key} (value {w.value!r}, default {default!r})")
    return found


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """Two saved scenarios in a database of the test's own: the comparison and the meeting view have a choice."""
    url = f"sqlite:///{tmp_path / 'scenarios.db'}"
    monkeypatch.setenv("OMSTALLNING_DB_URL", url)
    store, params = ScenarioStore(url), model.load_parameters()
    return [store.save(name, model.Scenario(shift_sek_per_year=amount * 1e6), params, levers={"shift_mnkr": amount})
            for name, amount in (("Litet", 5.0), ("Stort", 20.0))]


def _away_from_defaults(at: AppTest, area: str) -> tuple[dict[str, str], dict[str, float]]:
    """Move every lever off its default as a user would; return the address the app wrote and the sliders' values."""
    if area == "employment":
        at.radio(key="_omrade_sv").set_value("employment").run()
    at.selectbox(key="evidence").set_value("optimistic").run()
    at.radio(key="prices").set_value("current").run()
    at.toggle(key=state.PAYER_TOGGLE).set_value(True).run()
    if area == "employment":
        at.toggle(key=TOGGLE).set_value(True).run()
    initial = {s.key: s.value for s in at.sidebar.slider}
    for key in initial:
        slider = at.slider(key=key)
        high = type(slider.value)(slider.proto.max)
        slider.set_value(high if slider.value != high else type(slider.value)(slider.proto.min)).run()
    assert not at.exception, at.exception
    moved = {s.key: s.value for s in at.sidebar.slider}
    assert all(moved[k] != v for k, v in initial.items()), (initial, moved)
    return {k: at.query_params[k] for k in at.query_params}, moved


@pytest.mark.parametrize("area", ["children", "employment"])
def test_a_link_off_the_defaults_shows_every_widget_with_its_value_as_its_default(area, saved):
    address, moved = _away_from_defaults(AppTest.from_file(str(APP), default_timeout=120).run(), area)
    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in address.items():
        at.query_params[key] = value[0] if isinstance(value, list) else value
    at.run()
    # The link set the levers: the checks below are of widgets the server wrote, not of defaults.
    assert at.selectbox(key="evidence").value == "optimistic"
    assert at.radio(key="prices").value == "current"
    assert {s.key: s.value for s in at.sidebar.slider} == moved
    found: list[str] = []
    for page in PAGES:
        at.switch_page(page).run()
        found += mismatches(at, page)
    assert not found, "\n".join(found)


def test_the_meeting_views_picker_has_the_addresss_scenarios_as_its_default(app: AppTest, saved):
    small, _ = saved
    app.query_params["mote"] = "1"
    app.query_params["visa"] = small  # not the default choice (the four most recent)
    app.run()
    assert app.multiselect[0].value == [small]
    assert not mismatches(app, "mote")


def test_the_breakeven_years_default_is_the_year_the_page_chose(app: AppTest):
    app.run().switch_page("ui/pages/uncertainty.py").run()
    year = app.select_slider(key=YEAR_KEY)
    assert year.value != int(year.proto.options[0])  # the page chose a year other than the first
    assert default_is_value(year)
