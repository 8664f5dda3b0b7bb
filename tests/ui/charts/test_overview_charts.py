"""Chart builders are pure: tested on their Vega-Lite specs, without Streamlit."""

import dataclasses
import json

import pytest

import model
from model.text.i18n import fmt_mnkr
from ui.charts import overview as charts


@pytest.fixture(scope="module")
def result():
    return model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6))


def spec(chart: charts.ChartSpec) -> dict:
    assert "data" not in chart.template, "the cached template carries no data"
    chart = chart.to_dict()
    assert chart["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert chart["data"]["values"], "a chart carries this run's data"
    return chart


def test_cost_chart_has_every_budget_line_for_both_variants(result):
    df = charts.cost_frame(result.yearly, "sv")
    assert set(df["variant"]) == {"Utan förändring", "Scenario"}
    assert df["line"].nunique() == len(charts.BUDGET_LINES)
    # The bars add up to the model's yearly totals.
    scen = df[df["variant"] == "Scenario"].groupby("year")["cost_sek"].sum()
    assert scen.values == pytest.approx(result.yearly["cost_scenario_sek"].values)
    base = df[df["variant"] == "Utan förändring"].groupby("year")["cost_sek"].sum()
    assert base.values == pytest.approx(result.yearly["cost_baseline_sek"].values)
    s = spec(charts.build_cost_chart(result.yearly, "sv"))
    assert s["encoding"]["xOffset"]["field"] == "variant"
    assert "mnkr" in s["encoding"]["y"]["axis"]["title"]


def test_tooltips_and_axes_use_swedish_numbers(result):
    df = charts.cost_frame(result.yearly, "sv")
    first = df.iloc[0]
    assert first["cost_text"] == fmt_mnkr(first["cost_sek"], "sv")
    assert "," in first["cost_text"] and first["cost_text"].endswith("mnkr")
    expr = spec(charts.build_cost_chart(result.yearly, "sv"))["encoding"]["y"]["axis"]["labelExpr"]
    assert "regexp(','" in expr and "'.', ','" in expr
    en = spec(charts.build_cost_chart(result.yearly, "en"))["encoding"]["y"]["axis"]
    assert "MSEK" in en["title"] and "regexp" not in en["labelExpr"]


def test_cumulative_chart_marks_the_payback_year():
    review = model.Scenario(shift_sek_per_year=10e6, mix={"placement_review": 0.3, "family_homes": 0.7})
    result = model.run(model.load_parameters(), review)
    payback = result.summary["payback_year"]
    assert payback is not None
    s = spec(charts.build_cumulative_chart(result.yearly, payback, "sv"))
    marked = [row for row in s["data"]["values"] if row["payback"]]
    assert [row["year"] for row in marked] == [payback]
    assert marked[0]["payback_label"] == f"Betalar sig {payback}"
    assert any(layer.get("transform") == [{"filter": "datum.payback"}] for layer in s["layer"])


def test_cumulative_chart_without_payback_has_no_marker():
    res = model.run(model.load_parameters(), model.Scenario())
    s = spec(charts.build_cumulative_chart(res.yearly, None, "sv"))
    assert not any(row["payback"] for row in s["data"]["values"])
    assert "Betalar sig" not in json.dumps(s, ensure_ascii=False)


def test_children_chart_sums_to_the_model(result):
    df = charts.children_frame(result.by_form, result.params.area, "sv")
    scen = df[df["variant"] == "Scenario"].groupby("year")["children"].sum()
    expected = result.by_form.groupby("year")["children_scenario"].sum()
    assert scen.values == pytest.approx(expected.values)
    assert set(df["form"]) >= {"HVB", "Kommunalt familjehem"}
    s = spec(charts.build_children_chart(result.by_form, result.params.area, "sv"))
    assert s["encoding"]["color"]["scale"]["domain"][0] == "Öppenvård i hemmet"


def test_the_care_forms_and_their_order_are_the_areas(result):
    area = result.params.area
    colours = charts.form_colours(area)
    assert list(colours) == list(area.reported_forms)
    assert colours == {f: charts.FORM_COLOURS[f] for f in area.reported_forms}
    # A care form the palette does not name (another area's) gets a colour no named form has.
    day_care = dataclasses.replace(area.care_forms[0], id="day_care")
    other = dataclasses.replace(area, care_forms=(day_care, *area.care_forms))
    extra = charts.form_colours(other)["day_care"]
    assert extra not in charts.FORM_COLOURS.values()
