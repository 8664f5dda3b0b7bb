"""Numbers typed the Swedish way everywhere: forms, tables, own figures and the new-measure form.

The findings of issue 11: "0,1" typed in "Relativ minskning av risken" became
1.000 (a 100 % effect) and "0,02" became "002", with no message; "1e12" in a
table became 112. Every numeric input is now a text field read by the one
parser (``model.text.numbers.parse_number``) through ``ui.numbers``; these
tests drive the pure functions behind the fields and tables.
"""

from __future__ import annotations

import pytest

import model
from model.errors import ParameterError
from model.parameters import MECHANISM_FIELDS
from model.text.i18n import has
from ui.assumptions import editing, measure_actions, own_figures
from ui.assumptions.measures import template_parameters
from ui.errors import message
from ui.numbers import implausible, read_bounded, read_fields, read_number, shown_number

NBSP = "\u00a0"
RISK = "measure.parent_training.risk_reduction"


def swedish(exc: ParameterError, params: model.Parameters) -> str:
    return message(editing.localize(exc, params, "sv"), "sv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0,1", 0.1), ("0.1", 0.1), ("0,02", 0.02), ("1 234,5", 1234.5), (f"1{NBSP}234,5", 1234.5), ("−6 500", -6500)],
)
def test_swedish_forms_are_read_as_meant(text, expected):
    assert read_number(text, "fält", "sv") == pytest.approx(expected)


@pytest.mark.parametrize("text", ["6.500", "1.5", "1,5.3"])
def test_ambiguous_or_malformed_swedish_input_is_refused(text):
    with pytest.raises(ParameterError) as err:
        read_number(text, "Relativ minskning av risken", "sv")
    assert err.value.code in ("ambiguous_number", "not_a_number")
    assert "Relativ minskning av risken" in message(err.value, "sv")


def test_an_ambiguous_number_names_both_readings():
    with pytest.raises(ParameterError) as err:
        read_number("6.500", "HVB, kostnad per vårddygn", "sv")
    text = message(err.value, "sv")
    assert text.startswith(f"HVB, kostnad per vårddygn: '6.500' kan läsas både som 6,5 och som 6{NBSP}500")


def test_out_of_range_names_the_field_in_swedish():
    with pytest.raises(ParameterError) as err:
        read_bounded("1e12", "Barn och unga 0–20 år i kommunen", "sv", 1, 3_000_000, integer=True)
    assert message(err.value, "sv") == (
        f"Barn och unga 0–20 år i kommunen: 1{NBSP}000{NBSP}000{NBSP}000{NBSP}000 är större än "
        f"det största tillåtna värdet 3{NBSP}000{NBSP}000."
    )


def test_a_field_left_as_shown_keeps_its_exact_value():
    shown = {"x": shown_number(0.12345678901, "sv")}
    values, problems = read_fields({"x": shown["x"]}, shown, {"x": (0, 1, False)}, {}, "sv")
    assert values == {} and problems == []  # untouched: not passed on, so the exact value stays
    values, _ = read_fields({"x": "0,2"}, shown, {"x": (0, 1, False)}, {}, "sv")
    assert values == {"x": 0.2}


# --- the assumption tables ----------------------------------------------------------------------------


def edit(params, group, changes, lang="sv"):
    frame = editing.editor_frame(params, group, params, lang)
    rows = {int(frame.index[frame["name"] == name][0]): cols for name, cols in changes.items()}
    return editing.validate_edit(params, group, editing.apply_editor_state(frame, {"edited_rows": rows}), lang)


def test_table_cells_are_text_in_the_users_format(default_params):
    frame = editing.editor_frame(default_params, "care:hvb", default_params, "sv")
    row = frame.loc[frame["name"] == "care.hvb.cost_per_day"].iloc[0]
    assert row["value"] == f"6{NBSP}500" and isinstance(row["low"], str)
    english = editing.editor_frame(default_params, "care:hvb", default_params, "en")
    assert english.loc[english["name"] == "care.hvb.cost_per_day", "value"].item() == "6,500"


@pytest.mark.parametrize(("text", "value"), [("0,1", 0.1), ("0.1", 0.1), (f"0{NBSP}", 0.0)])
def test_a_share_typed_the_swedish_way_in_a_table(default_params, text, value):
    new, problems = edit(default_params, "measure:parent_training", {RISK: {"value": text, "low": "0"}})
    assert problems == [] and new.value(RISK) == pytest.approx(value)


def test_1e12_in_a_table_is_a_trillion_and_refused_not_112(default_params):
    new, problems = edit(default_params, "care:hvb", {"care.hvb.cost_per_day": {"value": "1e12", "high": "1e12"}})
    assert new is None
    assert {p.code for p in problems} == {"above_domain"}
    assert "1 000 000 000 000".replace(" ", NBSP) in swedish(problems[0], default_params)


def test_an_ambiguous_table_cell_is_refused_with_both_readings(default_params):
    new, problems = edit(default_params, "care:hvb", {"care.hvb.cost_per_day": {"value": "6.500"}})
    assert new is None
    text = swedish(problems[0], default_params)
    assert text.startswith("HVB: kostnad per vårddygn (care.hvb.cost_per_day): '6.500' kan läsas både som 6,5")


def test_an_untouched_table_keeps_values_with_many_decimals(default_params):
    precise = default_params.with_values({"population.growth_per_year": 0.0012345678})
    new, problems = edit(precise, "population", {"population.inhabitants": {"note_sv": "Egen"}})
    assert problems == [] and new.value("population.growth_per_year") == 0.0012345678


def test_a_bad_price_year_cell_names_the_column(default_params):
    _, problems = edit(default_params, "care:hvb", {"care.hvb.cost_per_day": {"price_year": "2024,5"}})
    assert problems and "prisår" in swedish(problems[0], default_params)


def test_a_table_value_three_times_off_the_preset_warns(default_params):
    new, _ = edit(default_params, "care:hvb", {"care.hvb.cost_per_day": {"value": "25 000", "high": "30 000"}})
    warnings = editing.plausibility_warnings(default_params, new, default_params, "sv")
    assert len(warnings) == 1 and "tre gånger" in warnings[0] and "HVB: kostnad per vårddygn" in warnings[0]
    near, _ = edit(default_params, "care:hvb", {"care.hvb.cost_per_day": {"value": "9 000"}})
    assert editing.plausibility_warnings(default_params, near, default_params, "sv") == []


# --- the new-measure form and own figures ---------------------------------------------------------------


def form_start(params, mechanism="prevention", unit="post"):
    fields = measure_actions.shown_fields(mechanism, unit)
    return measure_actions.start_values(template_parameters(params, mechanism, unit), fields, mechanism)


@pytest.mark.parametrize(("typed", "value"), [("0,1", 0.1), ("0,02", 0.02), ("0.1", 0.1)])
def test_the_new_measure_form_reads_a_decimal_comma(default_params, typed, value):
    start = form_start(default_params)
    entered = {k: shown_number(v, "sv") for k, v in start.items()} | {"risk_reduction": typed}
    entered |= {"risk_reduction.low": "0", "risk_reduction.high": "0,5"}
    values, ranges, problems = measure_actions.form_figures(entered, start, "sv")
    assert problems == []
    assert values["risk_reduction"] == pytest.approx(value) and ranges["risk_reduction"] == (0.0, 0.5)


def test_the_new_measure_form_names_its_own_fields(default_params):
    start = form_start(default_params)
    entered = {"risk_reduction": "1,5", "cost_per_unit": "mycket"}
    _, _, problems = measure_actions.form_figures(entered, start, "sv")
    texts = sorted(message(p, "sv") for p in problems)
    assert texts == [
        "Kostnad per enhet: 'mycket' är inte ett tal.",
        "Relativ minskning av risken: 1,5 är större än det största tillåtna värdet 1.",
    ]


def test_an_empty_name_is_named_as_the_form_names_it(default_params):
    text = swedish(ParameterError("measures.ny.label_sv", "missing_field"), default_params)
    assert text == "Namn: ett obligatoriskt fält saknas."
    exc = ParameterError("measure.nattvandrare.risk_reduction (high)", "low_above_high", low=0.5, high=0.2)
    assert message(measure_actions.form_problem(exc, "sv"), "sv").startswith(
        "Relativ minskning av risken – högt värde:"
    )


def test_every_figure_of_every_mechanism_has_a_label_and_a_help():
    for fields in MECHANISM_FIELDS.values():
        for f in fields:
            for lang in ("sv", "en"):
                assert has(f"assumptions.measures.field.{f}", lang) and has(f"assumptions.measures.help.{f}", lang), f


def test_own_figures_three_times_off_the_preset_warn_but_are_not_refused(default_params):
    warnings = own_figures.warnings({"hvb": 30_000, "starts": 80}, default_params, "sv")
    assert len(warnings) == 1
    assert warnings[0].startswith(f"HVB, kostnad per vårddygn (kr, Kolada N33100): 30{NBSP}000 skiljer sig")
    assert implausible({"a": 0.0, "b": 10.0, "c": 5.0}, {"a": 3.0, "b": 3.0, "c": 0.0}) == ["a", "b"]
