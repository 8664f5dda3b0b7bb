"""The overview's "where does it come from": group totals, money not used and saturation, tested directly."""

import pytest

import model
from model.text.i18n import fmt_mnkr
from ui.overview import mechanisms


@pytest.fixture(scope="module")
def result():
    return model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6))


def test_the_groups_add_up_to_the_net_effect(result):
    totals = mechanisms.group_totals(result.by_mechanism)
    assert set(totals) == {"make_or_buy", "prevention"}
    assert sum(totals.values()) == pytest.approx(result.summary.net_total_sek, abs=1.0)
    assert totals["make_or_buy"] < 0 < totals["prevention"]  # own homes save, prevention costs more than it saves
    sentence = mechanisms.group_sentence(result.by_mechanism, "sv")
    assert "Egna familjehem i stället för köpta: " + fmt_mnkr(totals["make_or_buy"], "sv", sign=True) in sentence
    assert "Förebyggande insatser: " + fmt_mnkr(totals["prevention"], "sv", sign=True) in sentence


def test_money_not_used_and_where_each_measure_saturates(result):
    table = mechanisms.unused_table(result, "sv")
    rows = table.set_index("Insats")
    assert list(rows.index) == ["Rekrytering av kommunala familjehem", "Föräldrastöd i grupp",
                                "Tidiga insatser och öppenvårdsteam"]
    # Parent training reaches its whole target group (240 families a year at 5 000 kr): 3 mnkr a year is too much.
    bm = result.by_measure[result.by_measure["measure"] == "parent_training"]
    assert rows.loc["Föräldrastöd i grupp", "Inte använt"] == fmt_mnkr(bm["unused_sek"].sum(), "sv")
    ceiling = mechanisms.saturation(result.by_measure)["parent_training"]
    assert ceiling == pytest.approx(bm["spent_sek"].max())
    assert 1.1e6 < ceiling < 1.5e6  # 240 families at 5 000 kr, growing with the children
    assert rows.loc["Föräldrastöd i grupp", "Kan som mest använda"] == fmt_mnkr(ceiling, "sv") + " per år"
    # Early intervention uses all it gets.
    assert mechanisms.saturation(result.by_measure)["early_intervention"] is None
    assert rows.loc["Tidiga insatser och öppenvårdsteam", "Kan som mest använda"] == "använder allt den får"
