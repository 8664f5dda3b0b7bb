"""One scenario as a small JSON file: round trip, and validation as strict as a parameter file's."""

from __future__ import annotations

import json
import random

import pytest

import model
from model.errors import ParameterError, ScenarioFileError
from model.files.scenario_json import (
    FORMAT,
    MAX_FILE_BYTES,
    SavedScenario,
    from_json_bytes,
    lever_numbers,
    to_json_bytes,
)
from model.levers import check_levers, default_levers, levers_from_scenario, scenario_from_levers
from ui.state import scenario_from_state

SCENARIO = model.Scenario(shift_sek_per_year=25.5e6, ramp_years=3, start_year=2028, horizon_years=12)


@pytest.fixture(scope="module")
def saved(default_params) -> SavedScenario:
    return SavedScenario(
        name="Majoritetens förslag",
        scenario=SCENARIO.with_(name="Majoritetens förslag"),
        params=default_params,
        levers=tuple(levers_from_scenario(SCENARIO, default_params).items()),
        note="Två rader\nmed å, ä och ö.",
    )


@pytest.fixture(scope="module")
def changed(default_params) -> model.Parameters:
    return default_params.with_values({"care.hvb.cost_per_day": 9000})


def _doc(saved: SavedScenario) -> dict:
    return json.loads(to_json_bytes(saved))


def _bytes(doc: dict) -> bytes:
    return json.dumps(doc).encode()


def test_round_trip_on_the_unchanged_preset_is_a_small_file(saved, default_params):
    data = to_json_bytes(saved)
    assert len(data) < 2_000  # the preset is referenced, not copied
    doc = json.loads(data)
    assert doc["format"] == FORMAT and doc["preset"] == "default" and "parameters" not in doc
    assert len(doc["parameters_sha256"]) == 64
    back = from_json_bytes(data)
    assert back.name == saved.name and back.note == saved.note
    assert back.params == default_params and not back.params_changed
    assert back.scenario == saved.scenario
    assert model.run(back.params, back.scenario).summary == model.run(default_params, SCENARIO).summary


def test_a_changed_parameter_set_travels_in_the_file(saved, changed):
    data = to_json_bytes(SavedScenario(**{**_fields(saved), "params": changed}))
    doc = json.loads(data)
    assert doc["parameters"]["parameters"]
    back = from_json_bytes(data)
    assert back.params == changed and back.params_changed
    assert model.run(back.params, back.scenario).summary == model.run(changed, SCENARIO).summary


def _fields(s: SavedScenario) -> dict:
    return {f: getattr(s, f) for f in s.__dataclass_fields__}


def test_levers_alone_are_enough(saved, default_params):
    doc = _doc(saved)
    del doc["scenario"]
    back = from_json_bytes(_bytes(doc))
    assert model.run(back.params, back.scenario).summary == model.run(default_params, SCENARIO).summary


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda d: d.update(format="omstallningskalkylen/parameters-v1"), "format", "bad_format"),
        (lambda d: d.pop("format"), "format", "bad_format"),
        (lambda d: d.update(name="   "), "name", "empty_name"),
        (lambda d: d.update(name="x" * 500), "name", "too_long"),
        (lambda d: d.update(note=["not", "text"]), "note", "not_text"),
        (lambda d: d["levers"].update(horizon=99), "levers.horizon", "out_of_range"),
        (lambda d: d["levers"].update(shift_mnkr="abc"), "levers.shift_mnkr", "not_a_number"),
        (lambda d: d["levers"].update(ramp_years=1.5), "levers.ramp_years", "not_integer"),
        (lambda d: d["levers"].update(start_year=2070), "levers.start_year", "out_of_range"),
        (lambda d: d["levers"].update(mix_x=5), "levers.mix_x", "unknown_measure"),
        (lambda d: d["levers"].update(rm_rf=1), "levers.rm_rf", "unknown_lever"),
        (lambda d: d["levers"].update(shift_mnkr=1.0), "levers", "mismatch"),
        (lambda d: d["scenario"].update(ramp_years=9), "scenario.ramp_years", "bad_scenario"),
        (lambda d: d["scenario"].update(mix={"x": 1.0}), "scenario.mix.x", "unknown_measure"),
        (lambda d: d["scenario"].update(shift_sek_per_year="1e9"), "scenario.shift_sek_per_year", "not_a_number"),
        (lambda d: d.update(preset="../../etc"), "preset", "unknown_preset"),
        (lambda d: d.update(parameters_sha256="0" * 64), "parameters", "preset_changed"),
        (lambda d: d.update(saved="igår"), "saved", "bad_date"),
        (lambda d: (d.pop("levers"), d.pop("scenario")), "levers", "missing"),
    ],
)
def test_an_invalid_file_names_the_field_and_the_problem(saved, change, field, code):
    doc = _doc(saved)
    change(doc)
    with pytest.raises(ScenarioFileError) as err:
        from_json_bytes(_bytes(doc))
    assert (err.value.field, err.value.code) == (field, code)
    assert field.split(".")[-1] in str(err.value)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "not_json"),
        (b"{\n  \"format\": \n", "not_json"),
        (b"\xff\xfe\x00", "not_utf8"),
        (b"[1, 2]", "not_object"),
        (b'{"format": "omstallningskalkylen/scenario-v1", "name": NaN}', "not_json"),
        (b" " * (MAX_FILE_BYTES + 1), "too_large"),
    ],
)
def test_a_broken_file_is_refused_before_anything_else(data, code):
    with pytest.raises(ScenarioFileError) as err:
        from_json_bytes(data, "upload.json")
    assert err.value.code == code
    assert err.value.field == "upload.json"


def test_json_syntax_errors_give_the_line(saved):
    text = to_json_bytes(saved).decode().replace('"levers": {', '"levers": {,', 1)
    with pytest.raises(ScenarioFileError) as err:
        from_json_bytes(text.encode())
    assert err.value.code == "not_json" and err.value.details["line"] > 1


def test_an_invalid_embedded_parameter_set_names_the_parameter(saved, changed):
    doc = json.loads(to_json_bytes(SavedScenario(**{**_fields(saved), "params": changed})))
    row = next(r for r in doc["parameters"]["parameters"] if r["name"] == "care.hvb.cost_per_day")
    row["value"] = -5
    with pytest.raises(ParameterError) as err:
        from_json_bytes(_bytes(doc))
    assert err.value.field.startswith("care.hvb.cost_per_day")


def test_a_file_from_before_the_parameter_set_gained_a_field_opens_with_the_default(saved, changed):
    doc = json.loads(to_json_bytes(SavedScenario(**{**_fields(saved), "params": changed})))
    doc["parameters"]["parameters"] = [
        r for r in doc["parameters"]["parameters"] if r["name"] != "economics.real_cost_growth"
    ]
    back = from_json_bytes(_bytes(doc))
    assert back.upgraded == ("economics.real_cost_growth",)
    assert back.params.value("care.hvb.cost_per_day") == 9000


def test_yaml_tags_and_code_are_just_text(saved):
    doc = _doc(saved)
    doc["name"] = "!!python/object/apply:os.system ['rm -rf /']"
    back = from_json_bytes(_bytes(doc))
    assert back.name.startswith("!!python")


def test_check_levers_fills_defaults_and_rejects_unknown_measures(default_params):
    levers = check_levers(lever_numbers({"shift_mnkr": "12.5"}), default_params)
    assert levers == {**default_levers(default_params), "shift_mnkr": 12.5}
    with pytest.raises(ScenarioFileError):
        check_levers({"mix_nonexistent": 10}, default_params)


def test_the_models_lever_rule_is_the_sidebars(default_params):
    rng = random.Random(4)
    for _ in range(200):
        levers = {
            "shift_mnkr": rng.choice([0.0, 0.5, 10.0, 25.5, 80.0]),
            "ramp_years": rng.randint(1, 5),
            "horizon": rng.randint(1, 15),
            "start_year": rng.randint(2027, 2045),
            "discount_pct": rng.choice([0.0, 3.5, 100 * 0.035, 5.5]),
        }
        for mid in default_params.measure_ids:
            if rng.random() < 0.7:
                levers[f"mix_{mid}"] = rng.choice([0, 5, 35, 100])
        try:
            ui = scenario_from_state(levers, default_params)
        except ValueError:
            with pytest.raises(ValueError):
                scenario_from_levers(levers, default_params)
            continue
        assert scenario_from_levers(levers, default_params) == ui


def test_levers_from_scenario_round_trips_scenarios_made_in_the_app(default_params):
    for scenario in (SCENARIO, model.Scenario(), model.Scenario(shift_sek_per_year=3e6, discount_rate=0.05,
                                                                mix={"mst": 0.25, "parent_training": 0.75})):
        levers = levers_from_scenario(scenario, default_params)
        back = scenario_from_levers(levers, default_params)
        assert model.run(default_params, back).summary == pytest.approx(model.run(default_params, scenario).summary)


def test_the_evidence_level_is_saved_and_a_file_without_it_opens_as_central(saved, default_params):
    cautious = SCENARIO.with_(name="Försiktigt", evidence_level="cautious")
    file = SavedScenario(name="Försiktigt", scenario=cautious, params=default_params,
                         levers=tuple(levers_from_scenario(cautious, default_params).items()))
    doc = _doc(file)
    assert doc["scenario"]["evidence_level"] == "cautious" and doc["levers"]["evidence"] == "cautious"
    back = from_json_bytes(_bytes(doc))
    assert back.scenario.evidence_level == "cautious"
    assert model.run(back.params, back.scenario).summary == model.run(default_params, cautious).summary
    # A file from before evidence levels: neither field; it opens at the central level.
    old = _doc(saved)
    del old["scenario"]["evidence_level"], old["levers"]["evidence"]
    assert from_json_bytes(_bytes(old)).scenario.evidence_level == "central"
    # The levers and the scenario must agree; an unknown level is named.
    doc["levers"]["evidence"] = "central"
    with pytest.raises(ScenarioFileError) as err:
        from_json_bytes(_bytes(doc))
    assert err.value.code == "mismatch"
    doc["levers"]["evidence"] = "magisk"
    with pytest.raises(ScenarioFileError) as err:
        from_json_bytes(_bytes(doc))
    assert err.value.field == "levers.evidence" and err.value.code == "bad_choice"
