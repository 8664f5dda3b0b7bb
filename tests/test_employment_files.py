"""The employment area's files: the scenario file keeps the area and the municipal-tax switch, and the
result workbook, CSV and decision memo speak of households and assistance, name the area and carry its
caveats, with the municipal tax apart (issue 13)."""

from __future__ import annotations

import dataclasses
import io
import json
import re

import pytest
from openpyxl import load_workbook

import model
from model.errors import ScenarioFileError
from model.files.scenario_json import SavedScenario, from_json_bytes, to_json_bytes

#: Words of the children's area that must not appear in the employment area's files.
CHILDREN_WORDS = re.compile(r"\bbarn|placer(?!ing and support)|\bhvb\b|\bsis\b|familjehem|child|foster|family home",
                            re.IGNORECASE)


@pytest.fixture(scope="module")
def employment():
    return model.load_parameters(area="employment", preset="employment_default")


@pytest.fixture(scope="module")
def scenario():
    return model.Scenario(shift_sek_per_year=5e6, mix={"ips": 0.5, "workplace_training": 0.5},
                          count_municipal_tax=True, name="IPS och utbildning")


def test_the_scenario_file_stores_the_area_and_the_tax_switch_and_reading_it_reproduces_the_run(
    employment, scenario
):
    data = to_json_bytes(SavedScenario(name=scenario.name, scenario=scenario, params=employment))
    doc = json.loads(data)
    assert doc["area"] == "employment" and doc["preset"] == "employment_default"
    assert doc["scenario"]["count_municipal_tax"] is True
    back = from_json_bytes(data)
    assert back.params.area.id == "employment" and back.scenario.count_municipal_tax
    before, after = model.run(employment, scenario), model.run(back.params, back.scenario)
    assert after.summary["net_total_sek"] == before.summary["net_total_sek"]
    # The tax is in the net effect only because the file says so: without it the net is larger by the tax.
    off = model.run(employment, dataclasses.replace(scenario, count_municipal_tax=False))
    assert off.summary["net_total_sek"] - after.summary["net_total_sek"] == pytest.approx(
        after.summary["municipal_tax_sek"], rel=1e-9)
    assert after.summary["municipal_tax_sek"] > 0


def test_a_file_whose_area_is_not_its_sets_is_refused_naming_the_field(employment, scenario):
    doc = json.loads(to_json_bytes(SavedScenario(name="x", scenario=scenario, params=employment)))
    doc["area"] = "children"
    with pytest.raises(ScenarioFileError, match="^area:"):
        from_json_bytes(json.dumps(doc).encode())
    doc["area"], doc["scenario"]["count_municipal_tax"] = "employment", "ja"
    with pytest.raises(ScenarioFileError, match="count_municipal_tax"):
        from_json_bytes(json.dumps(doc).encode())


def test_a_childrens_scenario_file_stays_as_it_was(scenario):
    params = model.load_parameters()
    plain = model.Scenario(shift_sek_per_year=5e6)
    doc = json.loads(to_json_bytes(SavedScenario(name="x", scenario=plain, params=params)))
    assert "area" not in doc and "count_municipal_tax" not in doc["scenario"]
