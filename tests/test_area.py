"""An area is a value made of data: a second, made-up area runs through the same model without code.

The made-up area is shaped like the committee's next one (households on
financial assistance): people are on short-term or long-term assistance, some
get in-work support instead, and they leave. A preventive measure (supported
employment) keeps people from becoming long-term, and a review measure (case
review) shortens the spells it follows up. Its state space is a YAML file
(without age groups), its numbers a small parameter file, both written to a
temporary folder; ``model.run`` runs them end to end.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from numpy.testing import assert_allclose

import model
from model.area import load_area
from model.files.parameter_yaml import parameters_to_yaml
from model.files.result_export import to_xlsx_bytes
from model.text.labels import column_label, parameter_label

AREA_FILE = """\
id: jobs
label_sv: Hushåll med ekonomiskt bistånd
label_en: Households on financial assistance
population: population.households
roles:
  exit: left
  substitute: in_work_support
care_forms:
  - {id: in_work_support, label_sv: Stöd i arbete, label_en: In-work support, cash: false}
  - {id: short_term, label_sv: Kortvarigt bistånd, label_en: Short-term assistance,
     placement: true, purchased: true, cash: true}
  - {id: long_term, label_sv: Långvarigt bistånd, label_en: Long-term assistance,
     placement: true, purchased: true, cash: true}
  - {id: left, label_sv: Lämnat biståndet, label_en: Left assistance, cash: true}
"""


def _p(name: str, value: float, low: float | None = None, high: float | None = None) -> str:
    lo, hi = value if low is None else low, value if high is None else high
    return f"  - {{name: {name}, value: {value}, unit: '-', low: {lo}, high: {hi}, source: made up, status: E}}\n"


PARAMETERS = (
    "format: omstallningskalkylen/parameters-v1\n"
    "name: Påhittad kommun\n"
    "price_year: 2024\n"
    "area: jobs\n"
    "measures:\n"
    "  - {id: supported_employment, label_sv: Arbete med stöd, label_en: Supported employment,"
    " mechanism: prevention, unit: post, targets: [long_term], default_share: 1}\n"
    "  - {id: case_review, label_sv: Ärendegranskning, label_en: Case review, mechanism: review, unit: post}\n"
    "parameters:\n"
    + _p("population.inhabitants", 50_000)
    + _p("population.households", 20_000)
    + _p("population.growth_per_year", 0.0)
    + _p("economics.discount_rate", 0.035)
    + _p("economics.real_cost_growth", 0.0)
    + _p("reporting.small_count_threshold", 5)
    + "".join(_p(f"prices.{k}.index_per_year", 0.02) for k in ("purchased_care", "family_home_fees", "staff", "other"))
    + _p("care.in_work_support.children", 20)
    + _p("care.in_work_support.cost_per_day", 150)
    + _p("care.in_work_support.duration_months", 6)
    + _p("care.short_term.children", 300, 200, 400)
    + _p("care.short_term.cost_per_day", 300)
    + _p("care.short_term.duration_months", 4)
    + _p("care.long_term.children", 200, 150, 250)
    + _p("care.long_term.cost_per_day", 350)
    + _p("care.long_term.duration_months", 24, 12, 36)
    + _p("flow.in_work_support.left", 1.0)
    + _p("flow.short_term.left", 0.9)
    + _p("flow.short_term.long_term", 0.1)
    + _p("flow.long_term.left", 1.0)
    + _p("measure.supported_employment.cost_per_unit", 700_000)
    + _p("measure.supported_employment.families_per_unit", 20)
    + _p("measure.supported_employment.target_families_per_1000", 10)
    + _p("measure.supported_employment.at_risk_share", 0.3, 0.1, 0.5)
    + _p("measure.supported_employment.risk_reduction", 0.3, 0.0, 0.5)
    + _p("measure.supported_employment.delay_months", 3)
    + _p("measure.supported_employment.effect_months", 24)
    + _p("measure.supported_employment.fade_months", 12)
    + _p("measure.supported_employment.substitution_share", 0.5)
    + _p("measure.supported_employment.deadweight", 0.1, 0.0, 0.2)
    + _p("measure.supported_employment.startup_cost", 50_000)
    + _p("measure.supported_employment.lead_time_months", 3)
    + _p("measure.supported_employment.notice_months", 6)
    + _p("measure.case_review.cost_per_unit", 700_000)
    + _p("measure.case_review.placements_per_unit", 100, 50, 150)
    + _p("measure.case_review.redirect_in_home_share", 0.05, 0.0, 0.1)
    + _p("measure.case_review.redirect_own_home_share", 0.0)
    + _p("measure.case_review.stay_reduction", 0.1, 0.0, 0.2)
    + _p("measure.case_review.delay_months", 3)
    + _p("measure.case_review.deadweight", 0.0)
    + _p("measure.case_review.startup_cost", 30_000)
    + _p("measure.case_review.lead_time_months", 3)
    + _p("measure.case_review.notice_months", 6)
)


@pytest.fixture
def jobs(tmp_path):
    area_path = tmp_path / "jobs.yaml"
    area_path.write_text(AREA_FILE, encoding="utf-8")
    params_path = tmp_path / "kommun.yaml"
    params_path.write_text(PARAMETERS, encoding="utf-8")
    area = load_area(area_path)
    return area, model.load_parameters(params_path, area=area)


def test_the_area_is_read_from_its_file(jobs):
    area, params = jobs
    assert area.id == "jobs" and len(area.care_forms) == 4
    assert area.exit == "left" and area.substitute == "in_work_support" and not area.has_recruitment
    assert area.reported_forms == ("in_work_support", "short_term", "long_term")
    assert area.forms_with("purchased") == ("short_term", "long_term")
    assert params.area is area


def test_a_new_area_runs_end_to_end(jobs):
    _, params = jobs
    base = model.run(params, model.Scenario(mix={}))  # no change (the default mix names the embedded catalogue)
    res = model.run(params, model.Scenario(shift_sek_per_year=3_000_000, mix={"supported_employment": 1.0}))
    # Today's numbers are a steady state: the baseline holds them (no population growth).
    assert_allclose(base.yearly["children_placed_baseline"], 500.0, rtol=1e-9)
    assert set(res.by_form["care_form"]) == {"in_work_support", "short_term", "long_term"}
    for form in ("short_term", "long_term"):
        assert f"children_{form}_scenario" in res.yearly.columns
    # The measure keeps people out of long-term assistance and shortens it: fewer on assistance,
    # less paid out, some in in-work support instead.
    y = res.yearly
    assert (y["children_long_term_scenario"].iloc[1:] < y["children_long_term_baseline"].iloc[1:]).all()
    assert y["cost_external_scenario_sek"].sum() < y["cost_external_baseline_sek"].sum()
    assert y["children_in_work_support_scenario"].iloc[-1] > y["children_in_work_support_baseline"].iloc[-1]
    assert res.summary["placements_avoided"] > 0
    assert res.summary.prevention_spent_sek > 0
    assert res.summary.families_reached > 0
    assert np.isfinite(y.select_dtypes("number").to_numpy()).all()
    # Case review shortens long-term spells (every bought state of the area): fewer on long-term assistance.
    review = model.run(params, model.Scenario(shift_sek_per_year=1_000_000, mix={"case_review": 1.0})).yearly
    assert (review["children_long_term_scenario"].iloc[1:] < review["children_long_term_baseline"].iloc[1:]).all()
    np.testing.assert_allclose(
        res.by_mechanism.groupby("year")["net_sek"].sum().to_numpy(), y["net_sek"].to_numpy(), atol=1.0
    )


def test_a_new_area_has_uncertainty_and_exports(jobs):
    _, params = jobs
    scenario = model.Scenario(shift_sek_per_year=3_000_000, mix={"supported_employment": 1.0})
    u = model.run_uncertainty(params, scenario, draws=50, seed=1)
    assert 0.0 <= u.summary["probability_net_saving"] <= 1.0
    assert not model.tornado(params, scenario).empty
    data = to_xlsx_bytes(model.run(params, scenario), "en")
    assert data[:2] == b"PK"


def test_a_new_area_has_its_labels(jobs):
    _, params = jobs
    assert parameter_label("care.long_term.cost_per_day", params, "en").startswith("Long-term assistance")
    assert "Long-term assistance" in column_label("children_long_term_scenario", "en", params)


def test_a_set_round_trips_with_its_area(jobs, tmp_path):
    area, params = jobs
    text = parameters_to_yaml(params)
    assert "area: jobs" in text
    path = tmp_path / "again.yaml"
    path.write_text(text, encoding="utf-8")
    assert model.load_parameters(path, area=area) == params


def test_the_area_decides_what_a_set_must_have(jobs):
    area, params = jobs
    # A parameter of a care form the area does not have is refused, naming it.
    extra = model.Parameter("care.hvb.children", 1, "barn", 1, 1, "x")
    with pytest.raises(model.ParameterError) as err:
        dataclasses.replace(params, parameters=(*params.parameters, extra))
    assert err.value.code == "unknown_care_form" and err.value.field == "care.hvb.children"
    # Recruitment needs an area with the roles recruited_from and recruited_as.
    homes = model.Measure("homes", "Hem", "Homes", "recruitment", "home", targets=("long_term",))
    with pytest.raises(model.ParameterError) as err:
        dataclasses.replace(params, measures=(*params.measures, homes))
    assert err.value.code == "bad_choice" and err.value.field == "measures.homes.mechanism"
    # A measure may not target the exit or the substitute.
    wrong = dataclasses.replace(params.measures[0], targets=("left",))
    with pytest.raises(model.ParameterError) as err:
        dataclasses.replace(params, measures=(wrong,))
    assert err.value.code == "unknown_care_form"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda t: t.replace("  exit: left\n", ""), "jobs.yaml.roles.exit", "missing_field"),
        (lambda t: t.replace("exit: left", "exit: gone"), "jobs.yaml.roles.exit", "unknown_care_form"),
        (lambda t: t.replace("substitute:", "helper:"), "jobs.yaml.roles.helper", "bad_choice"),
        (lambda t: t.replace("id: long_term", "id: Long term"), "jobs.yaml.care_forms[3].id", "bad_id"),
        (lambda t: t.replace("placement: true, purchased", "placement: yes please, purchased", 1),
         "jobs.yaml.care_forms[2].placement", "bad_choice"),
        (lambda t: t.replace("id: long_term", "id: short_term"), "jobs.yaml.care_forms.short_term", "duplicate"),
        (lambda t: t.replace("substitute: in_work_support", "recruited_from: short_term"),
         "jobs.yaml.roles.recruited_as", "missing_field"),
    ],
)
def test_a_broken_area_file_names_the_field(tmp_path, change, field, code):
    path = tmp_path / "jobs.yaml"
    path.write_text(change(AREA_FILE), encoding="utf-8")
    with pytest.raises(model.ParameterError) as err:
        load_area(path)
    assert (err.value.field, err.value.code) == (field, code)


def test_the_childrens_area_is_a_frozen_value():
    area = model.load_area("children")
    assert area is model.load_area() and hash(area) == hash(model.load_area("children"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        area.exit = "in_home"  # type: ignore[misc]
    assert area.exit == "left_care" and area.substitute == "in_home"
    assert (area.recruited_from, area.recruited_as) == ("consultant_family_home", "municipal_family_home")
    assert model.load_parameters().area is area


def test_an_unknown_area_is_refused():
    for name in ("transport", "../base", "Children"):
        with pytest.raises(model.ParameterError) as err:
            model.load_area(name)
        assert err.value.details["reason"] == "unknown_area"
