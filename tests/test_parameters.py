"""Parameter sets: the embedded presets, validation, and reading and writing them.

Every number must carry a unit, a source, a confidence (H/M/L), a status
(F found / D derived / E estimate) and a plausible range around it; money
carries its price year. Errors are :class:`model.ParameterError` (a
``ValueError``) with a machine-readable ``field`` and ``code``. Files are read
with safe YAML loading only.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
import yaml
from numpy.testing import assert_allclose

import model
from model.files.parameter_yaml import parameters_from_yaml, parameters_to_yaml
from model.files.presets import preset_name, set_name
from model.resources import DATA_DIR

PRESETS = ("default", "small")
CARE_FORM_IDS = model.load_area("children").reported_forms


@pytest.fixture(scope="module", params=PRESETS)
def params(request):
    return model.load_parameters(preset=request.param)


# --- the presets ------------------------------------------------------------------------------


def test_presets_are_listed_and_load():
    listed = model.presets()
    assert set(PRESETS) <= set(listed)
    assert next(iter(listed)) == "default"  # the default first
    for preset in PRESETS:
        p = model.load_parameters(preset=preset)
        assert isinstance(p, model.Parameters)
        assert p.preset == preset
        assert p.name == listed[preset]


def test_a_presets_name_for_people_in_both_languages():
    listed = model.presets()
    assert preset_name("default", "sv") == listed["default"]
    assert preset_name("default", "en") != listed["default"]  # translated: preset.default
    assert preset_name("no_such_preset", "sv") == "no_such_preset" and preset_name("", "en") == "–"


def test_a_sets_name_is_translated_only_while_it_is_the_presets_own(default_params):
    assert set_name(default_params, "sv") == default_params.name
    assert set_name(default_params, "en") == preset_name("default", "en")
    assert set_name(dataclasses.replace(default_params, name="Vår kommun"), "en") == "Vår kommun"


def test_default_is_a_municipality_of_about_100_000(default_params, small_params):
    assert default_params.value("population.inhabitants") == 100_000
    assert small_params.value("population.inhabitants") < default_params.value("population.inhabitants")
    assert model.load_parameters() == default_params
    assert hash(model.load_parameters()) == hash(default_params)  # usable as a cache key


def test_unknown_preset_is_refused():
    with pytest.raises(model.ParameterError) as err:
        model.load_parameters(preset="atlantis")
    assert err.value.field == "preset"
    assert err.value.code == "bad_choice"


def test_every_parameter_is_documented(params):
    assert len(params.parameters) > 50
    for p in params.parameters:
        assert p.unit.strip(), f"{p.name}: no unit"
        assert p.note_sv.strip() and p.note_en.strip(), f"{p.name}: no note on its source"
        assert p.confidence in ("H", "M", "L"), p.name
        assert p.status in ("F", "D", "E"), p.name
        assert p.low <= p.value <= p.high, p.name
        assert all(math.isfinite(x) for x in (p.value, p.low, p.high)), p.name


def test_every_money_parameter_has_a_price_year(params):
    money = [p for p in params.parameters if "kr" in p.unit]
    assert len(money) >= 10
    for p in money:
        assert p.price_year is not None, f"{p.name} ({p.unit}): no price year"
        assert p.price_year == params.price_year, p.name


@pytest.mark.parametrize(
    "path",
    ["economics.yaml", "base.yaml", "base_employment.yaml", "presets/default.yaml", "presets/average.yaml",
     "presets/small.yaml", "presets/employment/default.yaml", "presets/employment/small.yaml"],
)
def test_files_state_every_field_explicitly(path):
    """The loader defaults a missing confidence to 'L' and status to 'E'; the files must not rely on it.

    A row that places a shared value (``shared: true``) states nothing else.
    """
    doc = yaml.safe_load((DATA_DIR / path).read_text(encoding="utf-8"))
    for row in doc["parameters"]:
        if row.get("shared") is True:
            assert set(row) == {"name", "shared"}, f"{path}: {row['name']} places a shared value and states more"
            continue
        for key in ("name", "value", "unit", "low", "high", "status", "confidence", "sources", "note_sv", "note_en"):
            assert key in row, f"{path}: {row.get('name')} has no '{key}'"


def test_flows_sum_to_one_per_care_form(params):
    for form in CARE_FORM_IDS:
        flows = params.flows(form)
        assert flows, f"{form}: no destinations"
        assert_allclose(sum(flows.values()), 1.0, atol=1e-9, err_msg=form)
        assert form not in flows  # no flow to itself
        assert all(0 <= share <= 1 for share in flows.values())


def test_every_care_form_and_measure_has_its_parameters(params):
    for form in CARE_FORM_IDS:
        for field in ("children", "cost_per_day", "duration_months"):
            assert f"care.{form}.{field}" in params
    assert {"family_homes", "parent_training", "early_intervention"} <= set(params.measure_ids)
    for m in params.measures:
        assert m.label_sv and m.label_en and m.sources and m.note_sv and m.note_en, m.id


# --- with_values ---------------------------------------------------------------------------------


def test_with_values_returns_a_validated_copy(default_params):
    changed = default_params.with_values({"care.hvb.cost_per_day": 7000, "economics.discount_rate": 0.02})
    assert changed.value("care.hvb.cost_per_day") == 7000
    assert changed.value("economics.discount_rate") == 0.02
    assert default_params.value("care.hvb.cost_per_day") == 6500
    assert changed != default_params
    # A value outside the plausible range widens the range rather than failing.
    wide = default_params.with_values({"care.hvb.cost_per_day": 25_000})
    assert wide["care.hvb.cost_per_day"].high == 25_000
    assert wide["care.hvb.cost_per_day"].low == default_params["care.hvb.cost_per_day"].low


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("care.hvb.cost_per_day", -1, "below_domain"),
        ("measure.family_homes.recruitment_cost", -50_000, "below_domain"),
        ("care.hvb.duration_months", 0, "below_domain"),
        ("measure.parent_training.risk_reduction", 1.2, "above_domain"),
        ("flow.hvb.left_care", 1.5, "above_domain"),
        ("measure.placement_review.stay_reduction", 0.95, "above_domain"),
        ("measure.family_homes.occupancy", 0.0, "below_domain"),
        ("measure.family_homes.lead_time_months", -1, "below_domain"),
        ("measure.mst.at_risk_share", 1.2, "above_domain"),
        ("care.hvb.cost_per_day", math.nan, "not_finite"),
        ("care.hvb.cost_per_day", math.inf, "not_finite"),
        ("care.hvb.cost_per_day", "abc", "not_a_number"),
        ("care.hvb.cost_per_day", None, "not_a_number"),
        ("care.hvb.cost_per_day", True, "not_a_number"),
        ("population.inhabitants", 100_000.5, "not_integer"),
    ],
)
def test_with_values_rejects_bad_values(default_params, name, value, code):
    with pytest.raises(model.ParameterError) as err:
        default_params.with_values({name: value})
    assert isinstance(err.value, ValueError)
    assert err.value.field == name
    assert err.value.code == code
    assert name in str(err.value)


def test_with_values_rejects_unknown_names(default_params):
    with pytest.raises(model.ParameterError) as err:
        default_params.with_values({"care.hvb.cost_per_night": 1})
    assert (err.value.field, err.value.code) == ("care.hvb.cost_per_night", "unknown_parameter")


def test_flows_that_no_longer_sum_to_one_are_refused(default_params):
    with pytest.raises(model.ParameterError) as err:
        default_params.with_values({"flow.hvb.left_care": 0.5})
    assert err.value.field == "flow.hvb"
    assert err.value.code == "shares_sum"


def test_children_that_cannot_be_a_steady_state_are_refused_by_run(default_params):
    """Almost nobody in SiS while many step up from HVB: the inflow to SiS would be negative."""
    params = default_params.with_values({"care.sis.children": 0.01})
    with pytest.raises(model.ParameterError) as err:
        model.run(params)
    assert (err.value.field, err.value.code) == ("care.sis.children", "negative_inflow")


# --- YAML and tables -------------------------------------------------------------------------------


def test_yaml_round_trip(params):
    text = parameters_to_yaml(params)
    back = parameters_from_yaml(text)
    assert back == params
    assert [(p.sources, p.note_sv, p.note_en) for p in back.parameters] == [
        (p.sources, p.note_sv, p.note_en) for p in params.parameters
    ]
    assert back.measures == params.measures


def test_yaml_file_round_trip_of_a_modified_set(default_params, tmp_path):
    changed = default_params.with_values({"care.hvb.cost_per_day": 7123.5, "measure.mst.risk_reduction": 0.125})
    path = model.save_parameters(changed, tmp_path / "kommun.yaml")
    back = model.load_parameters(path)
    assert back == changed
    assert back.value("care.hvb.cost_per_day") == 7123.5
    assert model.run(back).summary == model.run(changed).summary


def test_table_round_trip(params):
    table = model.parameter_table(params)
    assert len(table) == len(params.parameters)
    assert {"name", "value", "unit", "low", "high", "sources", "note_sv", "note_en", "confidence", "status"} <= set(
        table.columns
    )
    assert model.parameters_from_table(table, params) == params


def test_table_edit_is_validated(default_params):
    table = model.parameter_table(default_params)
    table.loc[table["name"] == "care.hvb.cost_per_day", "value"] = -5
    with pytest.raises(model.ParameterError) as err:
        model.parameters_from_table(table, default_params)
    assert (err.value.field, err.value.code) == ("care.hvb.cost_per_day", "below_domain")


# --- broken and hostile files ---------------------------------------------------------------------------


def test_python_object_tags_are_refused_and_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'name: x\nparameters: !!python/object/apply:os.system ["echo hi > {marker}"]\n'
    for loader in (
        lambda: parameters_from_yaml(text),
        lambda: model.load_parameters(_write(tmp_path / "evil.yaml", text.encode())),
    ):
        with pytest.raises(model.ParameterError) as err:
            loader()
        assert err.value.code == "bad_file"
    assert not marker.exists(), "the YAML tag was executed"
    # A bare top-level tag too.
    with pytest.raises(model.ParameterError):
        parameters_from_yaml(f'!!python/object/apply:os.system ["touch {marker}"]\n')
    assert not marker.exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\xff\xfe\x00n\x00a\x00m\x00e", "UTF-8"),
        (b"name: ok\nparameters: [unclosed\n", "YAML"),
        (b"just a sentence, not a parameter set\n", "mapping"),
        (b"- a\n- list\n", "mapping"),
        (b"format: something/else\nparameters: []\n", "format"),
        (b"name: no parameters\n", "parameters"),
    ],
    ids=["empty", "blank", "not-utf8", "broken-yaml", "text", "list", "wrong-format", "no-parameters"],
)
def test_bad_files_raise_bad_file(tmp_path, content, why):
    path = _write(tmp_path / "set.yaml", content)
    with pytest.raises(model.ParameterError) as err:
        model.load_parameters(path)
    assert err.value.code == "bad_file"
    assert why.lower() in str(err.value).lower()
    with pytest.raises(model.ParameterError) as err:
        parameters_from_yaml(content)
    assert err.value.code == "bad_file"


def test_missing_file(tmp_path):
    with pytest.raises(model.ParameterError) as err:
        model.load_parameters(tmp_path / "missing.yaml")
    assert err.value.code == "bad_file"
    assert "missing.yaml" in err.value.field


def test_unknown_suffix(tmp_path):
    # model.files.parameter_files imports model.files.parameter_xlsx before it looks at the suffix.
    pytest.importorskip("model.files.parameter_xlsx")
    with pytest.raises(model.ParameterError) as err:
        model.load_parameters(_write(tmp_path / "set.txt", b"name: x\n"))
    assert err.value.code == "bad_file"


def test_an_uploaded_set_must_be_complete(default_params):
    """A file naming a shared base ('extends') is only for the embedded presets."""
    text = "extends: base.yaml\n" + parameters_to_yaml(default_params)
    with pytest.raises(model.ParameterError) as err:
        parameters_from_yaml(text)
    assert (err.value.field, err.value.code) == ("extends", "bad_file")


def test_a_set_missing_a_parameter_names_it(default_params):
    doc = yaml.safe_load(parameters_to_yaml(default_params))
    doc["parameters"] = [r for r in doc["parameters"] if r["name"] != "care.hvb.cost_per_day"]
    with pytest.raises(model.ParameterError) as err:
        parameters_from_yaml(yaml.safe_dump(doc, allow_unicode=True))
    assert (err.value.field, err.value.code) == ("care.hvb.cost_per_day", "missing_parameter")
