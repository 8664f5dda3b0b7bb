"""The overview's pure parts: the words under the big numbers, saturated measures, the yearly table."""

from __future__ import annotations

import pytest

import model
from model.text.i18n import fmt_mnkr
from ui.overview import budget, headline, table


@pytest.fixture(scope="module")
def result(default_params) -> model.Result:
    return model.run(default_params, model.Scenario(shift_sek_per_year=10e6))


@pytest.mark.parametrize(
    ("net", "word"), [(-5e6, "besparing"), (5e6, "merkostnad"), (-0.4e6, None), (0.49e6, None), (0.5e6, "merkostnad")]
)
def test_the_net_effect_is_called_a_saving_or_a_cost_only_when_it_rounds_to_something(net, word):
    assert headline.net_delta(net, "sv") == word


@pytest.mark.parametrize(
    ("difference", "text"),
    [(-2.46, "cirka 2–3 färre"), (1.0, "cirka 1 fler"), (0.04, "ingen skillnad"), (-0.04, "ingen skillnad")],
)
def test_children_in_institutions_in_words(difference, text):
    assert headline.institution_text(difference, "sv") == text


def test_saturated_measures_are_those_that_leave_money_unused(default_params):
    # A shift far beyond what the measures' target groups can use leaves money over.
    big = model.run(default_params, model.Scenario(shift_sek_per_year=60e6))
    names = headline.saturated_measures(big, "sv")
    unused = big.by_measure.groupby("measure")[["allocated_sek", "spent_sek"]].sum()
    expected = {
        default_params.measure(m).label("sv") for m, r in unused.iterrows() if r.allocated_sek - r.spent_sek > 0.5e6
    }
    assert names and set(names) == expected


def test_the_yearly_table_shows_the_models_numbers(result):
    shown = table.yearly_table(result.yearly, "sv")
    assert len(shown) == len(result.yearly)
    assert list(shown.iloc[:, 0]) == list(result.yearly["year"])
    assert shown["Nettoeffekt"].iloc[-1] == result.yearly["net_sek"].iloc[-1]
    assert table.formats("sv")["Nettoeffekt"](shown["Nettoeffekt"].iloc[-1]) == fmt_mnkr(
        result.yearly["net_sek"].iloc[-1], "sv", sign=True
    )
    assert not any("(kr)" in c for c in shown.columns), "the screen shows mnkr: no unit kronor in a heading"
    english = table.yearly_table(result.yearly, "en")
    assert english.columns[0] == "Year" and "MSEK" in table.formats("en")[english.columns[2]](english.iloc[0, 2])


def test_the_yearly_table_sorts_numbers_as_numbers_and_leaves_the_budget_check_to_its_own_table(result):
    """Issue 11: the table sorted "−12,3 mnkr" and "−1,5 mnkr" as text. Issue 10: the budget lines have their own."""
    shown = table.yearly_table(result.yearly, "sv")
    assert shown.columns[0] == "År" and not any("udget" in c for c in shown.columns)
    net = shown.sort_values("Nettoeffekt")["Nettoeffekt"]
    assert net.is_monotonic_increasing and net.dtype.kind == "f"
    assert all(shown[c].dtype.kind in "if" for c in shown.columns)


def test_the_budget_table_says_per_year_whether_each_line_holds_and_by_how_much(result):
    shown = budget.budget_table(result.budget_lines, "sv")
    assert list(shown.columns) == ["År", "Externa placeringar (köpt vård)", "Egna familjehem och nätverkshem",
                                   "Öppenvård (egen personal)", "Förebyggande insatser"]
    assert list(shown["År"]) == list(result.yearly["year"])
    first = result.budget_lines.query("year == 2027 and line == 'external'").iloc[0]
    assert shown["Externa placeringar (köpt vård)"].iloc[0] == (
        f"Håller inte ({fmt_mnkr(first.deviation_sek, 'sv', sign=True)})")
    prevention = result.budget_lines.query("line == 'prevention'")["deviation_sek"]
    assert list(shown["Förebyggande insatser"]) == [f"Håller ({fmt_mnkr(d, 'sv', sign=True)})" for d in prevention]
    english = budget.budget_table(result.budget_lines, "en")
    assert english.columns[1] == "External placements (purchased care)"
    assert english.iloc[0, 1].startswith("Does not hold (+")


def test_the_public_sector_note_names_every_payer(result):
    text = headline.public_note(result, "sv")
    net = result.by_payer.groupby("payer")["net_sek"].sum()
    assert f"kommunen {fmt_mnkr(net['municipality'], 'sv', sign=True)}" in text
    assert f"staten {fmt_mnkr(net['state'], 'sv', sign=True)}" in text and "regionen" in text
