"""A plain reading under every chart, generated from the numbers, and the uncertainty page's lead sentence."""

from __future__ import annotations

import pytest

import model
from model.analysis.compare import Candidate, yearly_long
from model.analysis.sensitivity import tornado
from model.analysis.uncertainty import run_uncertainty
from ui.overview import reading
from ui.scenarios.reading import compare_reading
from ui.uncertainty import reading as uncertain

NBSP = "\u00a0"
PARAMS = model.load_parameters()
TEN = model.Scenario(shift_sek_per_year=10e6)
#: A scenario that saves money on the default municipality since issue 9: placement review alone.
REVIEW = model.Scenario(shift_sek_per_year=3e6, mix={"placement_review": 1.0})


@pytest.fixture(scope="module")
def ten():
    return model.run(PARAMS, TEN)


@pytest.fixture(scope="module")
def review():
    return model.run(PARAMS, REVIEW)


@pytest.fixture(scope="module")
def draws():
    return run_uncertainty(PARAMS, REVIEW, 1000, 0)


def test_the_net_chart_reads_from_which_year_and_how_much(ten, review):
    assert reading.net_reading(review.yearly, "sv") == (
        f"Kostnaden är lägre än utan förändring från 2028; sammanlagt 53{NBSP}mnkr lägre 2036."
    )
    assert round(-review.yearly["cumulative_net_sek"].iloc[-1] / 1e6) == 53
    assert (review.yearly["net_sek"][review.yearly["year"] >= 2028] < 0).all()
    assert reading.net_reading(review.yearly, "en").startswith("The cost is lower than without change from 2028")
    assert reading.net_reading(ten.yearly, "sv") == (
        f"Kostnaden är högre än utan förändring varje år; sammanlagt 22{NBSP}mnkr högre 2036."
    )
    same = model.run(PARAMS, model.Scenario()).yearly
    assert reading.net_reading(same, "sv") == "Kostnaden är densamma som utan förändring alla år."
    worse = model.run(PARAMS, model.Scenario(shift_sek_per_year=40e6, mix={"mst": 1.0})).yearly
    assert reading.net_reading(worse, "sv").startswith("Kostnaden är högre än utan förändring")
    assert "högre 2036." in reading.net_reading(worse, "sv")


def test_the_cost_and_children_charts_read_the_last_year(review):
    cost = reading.cost_reading(review.yearly, "sv")
    assert cost.startswith(f"2036 kostar köpt vård 8,9{NBSP}mnkr mindre än utan förändring")
    assert cost.endswith(f"totalt är kostnaden 6,5{NBSP}mnkr lägre.")
    children = reading.children_reading(review.yearly, "sv")
    assert children.startswith("2036 bor i genomsnitt 18,7 barn på HVB eller SiS, 2,4 färre än utan förändring")


def test_the_lead_sentence_reconciles_payback_and_the_budget_check(draws):
    """Issue 11: "100 %" payback beside a budget that holds "in 0 % of simulations", with "9 av 10 år" on the
    overview, read as a contradiction; the page now leads with one sentence that says why."""
    text = uncertain.lead_sentence(draws.summary, draws.yearly, 2027, 9, 10, "sv")
    assert text.startswith("I 9 av 10 simuleringar har omställningen betalat sig senast 2030, men budgeten")
    assert f"håller alla år bara i 8{NBSP}% av dem" in text
    assert "eftersom beloppet dras från budgeten 2027 innan insatserna hunnit minska placeringarna" in text
    assert "återbetalningen räknas över hela perioden, budgetkontrollen år för år" in text
    assert text.endswith("(på Översikt håller placeringsbudgeten 9 av 10 år).")
    assert text.count(".") == 1  # one sentence


def test_a_budget_that_usually_holds_is_said_plainly(draws):
    summary = {**draws.summary, "probability_budget_holds_every_year": 0.8}
    assert uncertain.lead_sentence(summary, draws.yearly, 2027, 9, 10, "sv").endswith(
        "och budgeten för köpt vård håller dessutom alla år i 80 % av dem.".replace(" %", f"{NBSP}%")
    )


def test_years_in_words():
    assert uncertain.year_list([2027], "sv") == "2027"
    assert uncertain.year_list([2027, 2028], "sv") == "2027 och 2028"
    assert uncertain.year_list([2027, 2028, 2029], "sv") == "2027–2029"
    assert uncertain.year_list([2027, 2029, 2031], "en") == "2027, 2029 and 2031"


def test_the_fan_and_the_tornado_read_their_numbers(draws):
    fan = uncertain.fan_reading(draws.yearly, "sv")
    assert fan.startswith("2036 ger den mittersta simuleringen en sammanlagd nettoeffekt på −45")
    assert "nio av tio ligger mellan −122" in fan
    text = uncertain.tornado_reading(tornado(PARAMS, TEN), PARAMS, "sv")
    assert text.startswith("Med ”Konsulentstött familjehem: kostnad per vårddygn” på sitt lägsta värde")


def test_a_comparison_chart_names_the_lowest_and_highest_scenario():
    cands = [
        Candidate("Utan förändring", model.run(PARAMS, model.Scenario()), is_baseline=True),
        Candidate("*Majoriteten*", model.run(PARAMS, REVIEW)),
        Candidate("Oppositionen", model.run(PARAMS, model.Scenario(shift_sek_per_year=20e6))),
    ]
    long = yearly_long(cands)
    text = compare_reading(long, "cumulative_net_sek", "sek", "sv")
    # People's text is escaped for markdown: *Majoriteten* is not shown in italics.
    assert text.startswith(r"2036 är den sammanlagda nettoeffekten lägst (störst besparing) för \*Majoriteten\* (")
    assert "högst för Oppositionen" in text
    assert compare_reading(long, "children_institution", "decimal", "sv").startswith("2036 bor minst barn på HVB")
