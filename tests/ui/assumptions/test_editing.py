"""The pure glue behind the page's editors: edited table -> parameters, or messages naming the row."""

from __future__ import annotations

import pytest

import model
from ui.assumptions import editing
from ui.assumptions.measures import add_measure, remove_measure, slug
from ui.errors import message

HVB = "care.hvb.cost_per_day"


def edit(params: model.Parameters, group: str, changes: dict[str, dict[str, object]], default=None):
    """Apply {parameter name: {column: value}} the way the data editor reports it (row positions)."""
    frame = editing.editor_frame(params, group, default or params)
    rows = {int(frame.index[frame["name"] == name][0]): cols for name, cols in changes.items()}
    return editing.validate_edit(params, group, editing.apply_editor_state(frame, {"edited_rows": rows}))


def swedish(exc: model.ParameterError, params: model.Parameters) -> str:
    return message(editing.localize(exc, params, "sv"), "sv")


def test_groups_cover_every_parameter_once(default_params):
    groups = editing.groups(default_params)
    assert groups[0] == "population" and groups[-2:] == ["economics", "reporting"]
    names = [n for g in groups for n in editing.group_names(default_params, g)]
    assert sorted(names) == sorted(p.name for p in default_params.parameters)
    assert editing.group_names(default_params, "care:hvb")[:3] == [
        "care.hvb.children",
        "care.hvb.cost_per_day",
        "care.hvb.duration_months",
    ]


def test_editor_frame_round_trips_without_edits(default_params):
    for group in editing.groups(default_params):
        frame = editing.editor_frame(default_params, group, default_params)
        assert list(frame.columns) == list(editing.EDITOR_COLUMNS)
        new, problems = editing.validate_edit(default_params, group, frame)
        assert problems == [] and new == default_params, group


def test_a_valid_edit_becomes_the_new_set(default_params):
    new, problems = edit(default_params, "care:hvb", {HVB: {"value": 9000, "note_sv": "Egen siffra 2025"}})
    assert not problems
    assert new.value(HVB) == 9000 and new[HVB].note_sv == "Egen siffra 2025"
    assert editing.changed_names(new, default_params) == {HVB}
    frame = editing.editor_frame(new, "care:hvb", default_params)
    assert frame.loc[frame["name"] == HVB, "changed"].item() == editing.CHANGED_MARK
    diffs = editing.differences(new, default_params)
    assert set(diffs["field"]) == {"value", "note_sv"}
    assert diffs.loc[diffs["field"] == "value", ["default", "current"]].values.tolist() == [[6500.0, 9000.0]]


def test_every_invalid_row_gets_its_own_message(default_params):
    new, problems = edit(
        default_params,
        "care:hvb",
        {
            HVB: {"value": -5},
            "care.hvb.duration_months": {"low": 20, "high": 4},
            "care.hvb.children": {"value": None},
        },
    )
    assert new is None
    found = {(p.field, p.code) for p in problems}
    assert found == {
        (HVB, "below_domain"),
        ("care.hvb.duration_months", "low_above_high"),
        ("care.hvb.children", "missing_value"),
    }
    texts = [swedish(p, default_params) for p in problems]
    assert "HVB: kostnad per vårddygn (care.hvb.cost_per_day): −5 är mindre än det minsta tillåtna värdet 0." in texts
    assert "HVB: barn nu (care.hvb.children): värdet saknas." in texts


@pytest.mark.parametrize(
    ("group", "changes", "code", "field"),
    [
        ("care:hvb", {"flow.hvb.left_care": {"value": 0.5}}, "shares_sum", "flow.hvb"),
        ("care:hvb", {HVB: {"value": 12_000}}, "outside_range", HVB),
        ("care:sis", {"care.sis.children": {"value": 0, "low": 0}}, "negative_inflow", "care.sis.children"),
        (
            "measure:parent_training",
            {"measure.parent_training.risk_reduction": {"value": 1.2, "high": 1.2}},
            "above_domain",
            "measure.parent_training.risk_reduction",
        ),
        (
            "population",
            {"population.inhabitants": {"value": 100_000.5, "high": 100_001}},
            "not_integer",
            "population.inhabitants",
        ),
        ("economics", {"economics.discount_rate": {"confidence": "X"}}, "bad_choice", "economics.discount_rate"),
    ],
)
def test_invalid_edits_never_reach_the_set(default_params, group, changes, code, field):
    new, problems = edit(default_params, group, changes)
    assert new is None
    assert [(p.code, p.field.split(" (")[0]) for p in problems] == [(code, field)]
    text = swedish(problems[0], default_params)
    assert f"({field}" in text  # label plus id
    assert not text.startswith("Något stämmer inte")


def test_shares_message_is_swedish(default_params):
    _, problems = edit(default_params, "care:hvb", {"flow.hvb.left_care": {"value": 0.5}})
    assert swedish(problems[0], default_params) == (
        "HVB: vart barnen går när vården avslutas (flow.hvb): andelarna summerar till 1,1, inte 1."
    )


def test_only_editable_columns_change(default_params):
    frame = editing.editor_frame(default_params, "care:hvb", default_params)
    edited = editing.apply_editor_state(
        frame, {"edited_rows": {"1": {"name": "care.hvb.evil", "label": "x", "value": 7000}, 99: {"value": 1}}}
    )
    assert edited.loc[1, "name"] == HVB and edited.loc[1, "value"] == 7000


def test_reset_group_restores_the_defaults(default_params):
    changed = default_params.with_values({HVB: 9000, "economics.discount_rate": 0.03})
    back = editing.reset_group(changed, default_params, "care:hvb")
    assert back.value(HVB) == 6500 and back.value("economics.discount_rate") == 0.03
    assert editing.reset_group(back, default_params, "economics") == default_params


def test_added_and_removed_measures_are_differences(default_params):
    p = add_measure(
        default_params,
        default_params,
        label_sv="Familjerådslag",
        mechanism="prevention",
        unit="family",
        values={
            "cost_per_unit": 70_000,
            "target_families_per_1000": 5,
            "at_risk_share": 0.02,
            "risk_reduction": 0.1,
            "delay_months": 1,
            "effect_months": 12,
            "fade_months": 12,
            "substitution_share": 0.0,
            "deadweight": 0.1,
        },
        ranges={"risk_reduction": (0.0, 0.2)},
        targets=("kinship_home", "consultant_family_home"),
        source="Danish Socialstyrelsen 2016: ~45 500 DKK per family × 1.5",
    )
    assert "familjeradslag" in p.measure_ids
    assert p.value("measure.familjeradslag.families_per_unit") == 1.0
    assert p["measure.familjeradslag.cost_per_unit"].price_year == p.price_year
    assert p["measure.familjeradslag.risk_reduction"].price_year is None  # money only, as the template says
    assert p["measure.familjeradslag.risk_reduction"].distribution == "triangular"
    diffs = editing.differences(p, default_params)
    assert ("measures.familjeradslag", "added") in set(zip(diffs["name"], diffs["field"], strict=True))
    assert "measure:familjeradslag" in editing.groups(p)
    assert remove_measure(p, "familjeradslag") == default_params
    with pytest.raises(model.ParameterError) as err:
        add_measure(p, default_params, label_sv="Familjerådslag", mechanism="prevention", unit="family", values={})
    assert err.value.code == "measure_exists"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Nattvandrare", "nattvandrare"), ("Fontänhus – Växjö", "fontanhus_vaxjo"), ("3 ungdomar", "m_3_ungdomar")],
)
def test_slug(text, expected):
    assert slug(text) == expected


def test_describe_field(default_params):
    assert editing.describe_field("care.hvb.cost_per_day (low)", default_params, "sv") == (
        "HVB: kostnad per vårddygn (care.hvb.cost_per_day, lågt värde)"
    )
    assert editing.describe_field("Parametrar!D6", default_params) == "Parametrar!D6"
    assert editing.describe_field("care.hvb.cost_per_night", default_params) == "care.hvb.cost_per_night"


def test_target_groups_summing_to_more_than_all_starts_are_refused_in_swedish(default_params):
    """Bad input: an analyst gives early intervention half of all starts; the set stays, the measures are named."""
    new, problems = edit(default_params, "measure:early_intervention",
                         {"measure.early_intervention.at_risk_share": {"value": 0.6, "high": 0.6}})
    assert new is None
    assert problems[0].code == "at_risk_sum"
    text = swedish(problems[0], default_params)
    assert "Föräldrastöd i grupp, Tidiga insatser och öppenvårdsteam, Familjebehandling på hemmaplan" in text
    assert "1,04" in text and "högst 1" in text


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("measure.family_homes.occupancy", 0.0, "below_domain"),
        ("measure.family_homes.lead_time_months", -1.0, "below_domain"),
        ("measure.family_homes.non_substitutable_share", 1.5, "above_domain"),
    ],
)
def test_recruitment_realism_refuses_what_cannot_be_meant(default_params, name, value, code):
    new, problems = edit(default_params, "measure:family_homes", {name: {"value": value, "low": min(value, 0.0)}})
    assert new is None and problems[0].code == code
    assert f"({name}" in swedish(problems[0], default_params)
