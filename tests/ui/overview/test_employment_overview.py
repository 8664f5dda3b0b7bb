"""The employment area's overview parts, pure: the households row's figures, the readings, the budget words."""

from __future__ import annotations

import pytest

import model
from model.text.budget_text import budget_statement, cost_lines, used_lines
from model.text.i18n import area_key, t, ta
from ui.overview import households, reading


@pytest.fixture(scope="module")
def run():
    params = model.load_parameters(area="employment", preset="employment_default")
    return model.run(params, model.Scenario(shift_sek_per_year=5e6, mix={"ips": 0.5, "workplace_training": 0.5}))


def test_the_households_row_adds_up_from_the_yearly_table(run):
    f, y = households.household_figures(run), run.yearly
    last = y.iloc[-1]
    assert f["households"] == pytest.approx(f["households.short_term"] + f["households.long_term"])
    assert f["households"] == pytest.approx(last["children_placed_scenario"] - last["children_placed_baseline"])
    assert f["households"] < 0 and f["paid_change_sek"] < 0  # the measures bring people into work
    assert f["paid_sek"] == pytest.approx(y["cost_external_scenario_sek"].sum())
    assert f["household_years_off"] == pytest.approx(-(y["children_placed_scenario"]
                                                       - y["children_placed_baseline"]).sum())
    assert f["tax_sek"] == run.summary["municipal_tax_sek"] > 0


def test_an_area_word_falls_back_to_the_shared_one():
    assert area_key("col.children_placed_baseline", "employment") == "for_area.employment.col.children_placed_baseline"
    assert area_key("col.year", "employment") == "col.year"  # no own word: the shared one
    assert ta("col.year", "sv", "employment") == t("col.year", "sv")
    assert ta("col.children_placed_baseline", "sv", "children") == t("col.children_placed_baseline", "sv")


def test_the_budget_words_and_lines_are_the_areas(run):
    area = run.params.area
    assert cost_lines(area) == ("cost_external", "cost_prevention")
    assert cost_lines(model.load_parameters().area) == cost_lines()
    lines = used_lines(run.budget_lines)
    assert set(lines["line"]) == {"external", "prevention"}
    text = budget_statement(lines, "sv", area.id)
    assert "ekonomiskt bistånd" in text and "lacering" not in text


def test_the_readings_speak_of_households_and_assistance(run):
    assert "hushåll ekonomiskt bistånd" in reading.children_reading(run.yearly, "sv", "employment")
    assert "det ekonomiska biståndet" in reading.cost_reading(run.yearly, "sv", "employment")
    assert "HVB" in reading.children_reading(model.run(model.load_parameters(), model.Scenario()).yearly, "sv")
