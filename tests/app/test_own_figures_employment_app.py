"""The assumptions page's own figures in the employment area (issue 13): enter, recalibrate, refuse."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import model
from tests.app.conftest import APP
from ui import state
from ui.assumptions import own_figures

PAGE = "ui/pages/assumptions.py"
OVERVIEW = "ui/pages/overview.py"
EMPLOYMENT = model.load_parameters(area="employment", preset="employment_default")


def _open(lang: str = "sv") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"kommun": "employment_default", "lang": lang})
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.session_state[state.PARAMS].area.id == "employment"
    return at


def _field(at: AppTest, figure: str):
    return at.text_input(key=own_figures.key(at.session_state[state.PARAMS], figure))


def _submit(at: AppTest, label: str) -> AppTest:
    found = [b for b in at.button if b.label == label]
    assert found, [b.label for b in at.button]
    found[0].click().run()
    assert not at.exception, at.exception
    return at


def _paid_card(at: AppTest) -> float:
    """The overview's card of the assistance paid over the horizon [mnkr]."""
    at.switch_page(OVERVIEW).run()
    assert not at.exception, at.exception
    value = next(m.value for m in at.metric if m.label.startswith("Utbetalt bistånd"))
    return float(value.replace("\u00a0", "").removesuffix("mnkr").replace(",", "."))


def test_own_figures_recalibrate_the_employment_baseline_and_the_overview_follows():
    at = _open()
    assert _field(at, "households").value == "780"
    assert _field(at, "long_term_share").value == "0,65"
    before_card = _paid_card(at)
    at.switch_page(PAGE).run()
    # Swedish numbers: "1 150", "131 000 000", "0,55".
    _field(at, "households").set_value("1 150")
    _field(at, "paid_per_year").set_value("131 000 000")
    _field(at, "long_term_share").set_value("0,55")
    _submit(at, "Räkna om utgångsläget")
    p = at.session_state[state.PARAMS]
    assert p.value("care.short_term.children") + p.value("care.long_term.children") == pytest.approx(1_150)
    assert p.value("care.long_term.children") == pytest.approx(632.5)
    assert any(s.value.startswith("Utgångsläget är räknat om") for s in at.success)
    assert "Före och efter omräkningen" in [h.value for h in at.header]
    table = next(d.value for d in at.dataframe if "Före" in d.value.columns).set_index("Uppgift")
    assert table.loc["Hushåll med bistånd en månad", "Före"] == "780,0"
    assert table.loc["Hushåll med bistånd en månad", "Efter"] == "1\u00a0150,0"
    assert table.loc["Utbetalt bistånd per år", "Efter"] == "131,0\u00a0mnkr"
    assert any("Biståndet per hushåll skalades med" in c.value for c in at.caption)
    # The overview's assistance paid over ten years follows the new set: about 131 mnkr a year instead of 103
    # (growing with the adults; the scenario's shift takes a little off).
    after_card = _paid_card(at)
    assert before_card == pytest.approx(10 * 103.35, rel=0.02)
    assert after_card == pytest.approx(before_card * 131 / 103.35, rel=0.01)


def test_a_bad_figure_is_refused_naming_the_field_and_the_set_is_kept():
    at = _open()
    _field(at, "households").set_value("abc")
    _submit(at, "Räkna om utgångsläget")
    assert at.session_state[state.PARAMS] == EMPLOYMENT
    assert any("Hushåll med bistånd, genomsnitt per månad" in e.value and "abc" in e.value for e in at.error)
    # Both household counts: refused naming both fields.
    _field(at, "households").set_value("900")
    _field(at, "households_during_year").set_value("1 400")
    _submit(at, "Räkna om utgångsläget")
    assert at.session_state[state.PARAMS] == EMPLOYMENT
    message = next(e.value for e in at.error if "inte båda" in e.value)
    assert "Hushåll med bistånd under året" in message and "genomsnitt per månad" in message


def test_english():
    at = _open("en")
    assert _field(at, "paid_per_year").label == "Assistance paid a year (SEK)"
    _field(at, "households_during_year").set_value("1500")
    _submit(at, "Recalculate the baseline")
    after = at.session_state[state.PARAMS]
    assert after != EMPLOYMENT
    table = next(d.value for d in at.dataframe if "Before" in d.value.columns).set_index("Figure")
    assert table.loc["Households on assistance during the year", "After"] == "1,500.0"
