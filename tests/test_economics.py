"""One home for the economics every area shares (data/economics.yaml), and each area's own price indices."""

from __future__ import annotations

import pytest
import yaml

import model
from model.area import area_ids, load_area
from model.errors import ParameterError
from model.fields import PRICE_INDEX, PRICE_INDEXES
from model.files.document import document_from_parameters, parameters_from_document
from model.files.presets import _merge, upgrade_document
from model.resources import DATA_DIR

SHARED = DATA_DIR / "economics.yaml"


def _rows(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))["parameters"]


def test_each_shared_value_has_one_home():
    """No other data file states a value of the shared file; an area's file may only place it."""
    shared = {r["name"] for r in _rows(SHARED)}
    assert shared == {"economics.discount_rate", PRICE_INDEX.format("staff"), PRICE_INDEX.format("other")}
    others = [p for p in sorted(DATA_DIR.rglob("*.yaml")) if p != SHARED and "parameters" in (yaml.safe_load(
        p.read_text(encoding="utf-8")) or {})]
    assert len(others) >= 7
    for path in others:
        for row in _rows(path):
            if row["name"] in shared:
                assert row == {"name": row["name"], "shared": True}, f"{path.name} repeats {row['name']}"


@pytest.mark.parametrize("area", area_ids())
def test_every_preset_takes_the_shared_values(area):
    shared = {r["name"]: r for r in _rows(SHARED)}
    for preset in model.presets(area):
        params = model.load_parameters(area=area, preset=preset)
        for name, row in shared.items():
            assert params.value(name) == row["value"], (preset, name)
            assert params[name].sources == tuple(row["sources"]), (preset, name)


def test_each_area_has_the_indices_of_its_cost_kinds_only():
    assert load_area("children").price_kinds == PRICE_INDEXES
    assert load_area("employment").price_kinds == ("staff", "other")  # the assistance follows "other" (CPI)
    for area in area_ids():
        params = model.load_parameters(area=area)
        present = {k for k in PRICE_INDEXES if PRICE_INDEX.format(k) in params}
        assert present == set(load_area(area).price_kinds), area
    employment = model.load_parameters(area="employment")
    cited = {i for p in employment.parameters if p.name.startswith("prices.") for i in p.sources}
    assert "dn_hvb_allt_dyrare" not in cited and "skr_2023_familjehem" not in cited  # no HVB prices cited


def test_shared_rows_keep_their_place_and_a_missing_one_is_named():
    base = {"parameters": [{"name": "a", "value": 1}, {"name": "b", "value": 2}]}
    area = {"parameters": [{"name": "x", "value": 0}, {"name": "b", "shared": True}, {"name": "y", "value": 3}]}
    merged = _merge(base, area)
    assert [r["name"] for r in merged["parameters"]] == ["a", "x", "b", "y"]
    assert merged["parameters"][2] == {"name": "b", "value": 2}
    with pytest.raises(ParameterError) as err:
        _merge(base, {"parameters": [{"name": "c", "shared": True}]})
    assert (err.value.field, err.value.code) == ("c", "missing_parameter")


def test_a_set_saved_with_the_unused_indices_still_opens_without_them():
    """Employment sets written before #13 carried the children's purchased-care and family-home indices."""
    params = model.load_parameters(area="employment")
    doc = document_from_parameters(params)
    staff = next(r for r in doc["parameters"] if r["name"] == PRICE_INDEX.format("staff"))
    extra = [{**staff, "name": PRICE_INDEX.format(k)} for k in ("purchased_care", "family_home_fees")]
    old = {**doc, "parameters": [*doc["parameters"], *extra]}
    upgraded, _ = upgrade_document(old, params)
    assert {r["name"] for r in upgraded["parameters"]} == {r["name"] for r in doc["parameters"]}
    assert parameters_from_document(old).value(PRICE_INDEX.format("purchased_care")) >= 0  # still read


@pytest.mark.parametrize("suffix", ["yaml", "xlsx", "csv"])
@pytest.mark.parametrize("area", area_ids())
def test_each_areas_parameter_files_round_trip(area, suffix, tmp_path):
    """The files a user downloads and uploads again (a CSV table takes its measures from the area's preset)."""
    from model.files.document import params_hash
    from model.files.parameter_files import load_parameters, save_parameters

    params = model.load_parameters(area=area)
    path = save_parameters(params, tmp_path / f"set.{suffix}")
    back = load_parameters(path, area=area)
    assert params_hash(back) == params_hash(params)
