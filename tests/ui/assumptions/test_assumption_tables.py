"""The assumptions page's tables as shown: own figures, the catalogue, the changes; a new measure's unit."""

from __future__ import annotations

import pytest

import model
from model.analysis.calibration import baseline_figures, placement_forms
from model.analysis.stock_calibration import calibrate_stock, stock_figures
from ui.assumptions import changes, editing, own, own_figures
from ui.assumptions.catalogue import catalogue_table
from ui.assumptions.measures import DEFAULT_MECHANISM, DEFAULT_UNIT, add_measure, template_parameters, unit_for
from ui.numbers import read_fields


def test_own_figures_now_or_before_and_after(default_params):
    now = baseline_figures(default_params)
    area = default_params.area
    single = own.figure_table(None, now, area, "sv")
    assert list(single.columns) == ["Uppgift", "Värde"]
    assert len(single) == len(own.FIGURES["placements"]) + len(placement_forms(area))
    changed = baseline_figures(default_params.with_values({"care.hvb.cost_per_day": 7400}))
    both = own.figure_table(now, changed, area, "sv")
    assert list(both.columns) == ["Uppgift", "Före", "Efter"]
    hvb = both[both["Uppgift"].str.contains("HVB")].iloc[0]
    assert hvb["Före"] != hvb["Efter"] and hvb["Efter"] == "7\u00a0400"


def test_own_figures_of_the_employment_area_in_its_words():
    params = model.load_parameters(area="employment")
    before = stock_figures(params)
    after = calibrate_stock(params, households=1_000, paid_per_year_sek=120_000_000).after
    table = own.figure_table(before, after, params.area, "en").set_index("Figure")
    assert table.loc["Households on assistance in a month", "Before"] == "780.0"
    assert table.loc["Households on assistance in a month", "After"] == "1,000.0"
    assert table.loc["Assistance paid a year", "After"] == "120.0\u00a0MSEK"
    assert table.loc["Assistance per household and month (SEK)", "After"] == "10,000"
    assert "Share of spells that turn long-term, Short-term assistance" in table.index
    assert not any("child" in label.lower() for label in table.index)


def test_the_employment_form_reads_swedish_numbers_into_its_calibration():
    params = model.load_parameters(area="employment")
    shown = own_figures.shown(own_figures.prefill(params), "sv")
    assert shown["households"] == "780" and shown["long_term_share"] == "0,65"
    labels = own_figures.labels(params.area, "sv")
    entered = {**shown, "households": "1 150", "long_term_share": "0,55"}
    changed, problems = read_fields(entered, shown, own_figures.bounds(params.area), labels, "sv")
    assert not problems and changed == {"households": 1150, "long_term_share": 0.55}
    assert own_figures.calibration_arguments(changed, params.area) == {
        "population": None,
        "households": 1150,
        "households_during_year": None,
        "paid_per_year_sek": None,
        "long_term_share": 0.55,
    }
    _, problems = read_fields({**shown, "long_term_share": "1,4"}, shown, own_figures.bounds(params.area), labels, "sv")
    assert [(p.field, p.code) for p in problems] == [("Andel långvariga av hushållen en månad (0–1)", "above_domain")]


def test_the_catalogue_marks_added_measures(default_params):
    new = add_measure(
        default_params,
        default_params,
        label_sv="Nattvandrare",
        mechanism="prevention",
        unit="post",
        values={f: p.value for f, p in template_parameters(default_params, "prevention", "post").items()},
    )
    table = catalogue_table(new, [new.measure("nattvandrare")], "sv")
    assert len(table) == len(new.measures)
    added = dict(zip(table["Id"], table["Tillagd"], strict=True))
    assert added["nattvandrare"] == "Ja" and added["parent_training"] == "Nej"


def test_the_changes_name_the_parameter_and_show_numbers_the_swedish_way(default_params):
    changed = default_params.with_values({"care.hvb.cost_per_day": 9000.5, "economics.discount_rate": 0.013})
    shown = changes.changes_table(editing.differences(changed, default_params), changed, default_params, "sv")
    rows = {r["Parameter (id)"]: r for r in shown.to_dict("records")}
    assert rows["care.hvb.cost_per_day"]["Nu"] == "9\u00a0000,5"
    assert rows["economics.discount_rate"]["Nu"] == "0,013"
    assert rows["care.hvb.cost_per_day"]["Beskrivning"].startswith("HVB")


@pytest.mark.parametrize(
    ("mechanism", "chosen", "unit"),
    [("prevention", "post", "post"), ("prevention", None, "family"), ("recruitment", "family", "home")],
)
def test_a_new_measures_unit_is_one_its_mechanism_has(mechanism, chosen, unit):
    assert unit_for(mechanism, chosen) == unit
    assert (DEFAULT_MECHANISM, DEFAULT_UNIT) == ("prevention", "family")
