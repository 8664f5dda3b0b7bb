"""The waterfall of the net effect by mechanism and the net effect by amount moved: pure builders on their specs."""

import numpy as np
import pytest

import model
from model.analysis.amounts import amounts_up_to, net_by_amount
from model.text.i18n import fmt_mnkr
from ui.charts import mechanisms as charts


@pytest.fixture(scope="module")
def params():
    return model.load_parameters()


@pytest.fixture(scope="module")
def result(params):
    mix = {"family_homes": 0.4, "parent_training": 0.2, "early_intervention": 0.2, "placement_review": 0.2}
    return model.run(params, model.Scenario(shift_sek_per_year=10e6, mix=mix))


def test_the_waterfall_stacks_to_the_net_effect(result):
    frame = charts.waterfall_frame(result.by_mechanism, result.params, "sv")
    bars, total = frame.iloc[:-1], frame.iloc[-1]
    assert total["label"] == "Nettoeffekt" and total["start_sek"] == 0.0
    assert total["end_sek"] == pytest.approx(result.summary.net_total_sek, abs=1.0)
    assert bars["end_sek"].iloc[-1] == pytest.approx(total["end_sek"], abs=0.1e6)  # small bars may be left out
    np.testing.assert_allclose(bars["end_sek"] - bars["start_sek"], bars["net_sek"])
    np.testing.assert_allclose(bars["start_sek"].iloc[1:].to_numpy(), bars["end_sek"].iloc[:-1].to_numpy())
    # The groups in order: make-or-buy first, then placement review, then prevention, then the net.
    groups = list(dict.fromkeys(frame["group"]))
    assert groups == ["Egna familjehem i stället för köpta", "Placeringsgranskning", "Förebyggande insatser",
                      "Nettoeffekt"]
    assert "Egna familjehem i stället för konsulentstödda" in set(frame["label"])
    assert frame["net_text"].iloc[-1] == fmt_mnkr(total["net_sek"], "sv", sign=True)


def test_the_waterfall_spec_colours_each_group_and_labels_in_swedish(result):
    chart = charts.build_waterfall_chart(result.by_mechanism, result.params, "sv")
    assert "data" not in chart.template
    spec = chart.to_dict()
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x2"]["field"] == "end_sek"
    colour = bars["encoding"]["color"]["scale"]
    assert colour["domain"][:3] == ["Egna familjehem i stället för köpta", "Placeringsgranskning",
                                    "Förebyggande insatser"]
    assert len(set(colour["range"])) == 4
    assert "mnkr" in bars["encoding"]["x"]["axis"]["title"]
    en = charts.build_waterfall_chart(result.by_mechanism, result.params, "en").to_dict()
    assert "MSEK" in en["layer"][0]["encoding"]["x"]["axis"]["title"]


def test_the_amount_chart_marks_todays_choice(params):
    scenario = model.Scenario(shift_sek_per_year=10e6)
    curve = net_by_amount(params, scenario, amounts_up_to(40e6, 9))
    frame = charts.amount_frame(curve, 10e6, "sv")
    assert frame["chosen"].sum() == 1
    assert frame.loc[frame["chosen"], "shift_mnkr"].item() == 10.0
    spec = charts.build_amount_chart(curve, 10e6, "sv").to_dict()
    assert any(layer.get("transform") == [{"filter": "datum.chosen"}] for layer in spec["layer"])
    assert spec["layer"][0]["encoding"]["x"]["field"] == "shift_mnkr"
