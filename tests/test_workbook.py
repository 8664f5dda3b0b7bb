"""Parameter sets as files: YAML, Excel workbook and CSV, lossless both ways.

Round trips must give an *equal* :class:`model.Parameters` (``==``), including
an analyst's own measure, values that need all 17 digits, and text that a
spreadsheet would otherwise run as a formula.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import pytest
from openpyxl import load_workbook

import model
from model.files.parameter_csv import parameters_from_csv, parameters_to_csv
from model.files.parameter_files import parameters_from_bytes
from model.files.parameter_table import COLUMNS, number_cells
from model.files.parameter_xlsx import (
    MEASURE_COLUMNS,
    SHEET_ABOUT,
    SHEET_MEASURES,
    SHEET_PARAMETERS,
    SHEET_SOURCES,
    parameters_from_xlsx,
    parameters_to_xlsx,
)
from model.files.parameter_yaml import parameters_from_yaml, parameters_to_yaml
from ui.assumptions.measures import add_measure


@pytest.fixture(scope="module")
def awkward(default_params: model.Parameters) -> model.Parameters:
    """A set with everything that is easy to lose: own measure, 17-digit floats, formula-like text."""
    p = add_measure(
        default_params,
        default_params,
        label_sv="Nattvandrare i Fisksätra",
        label_en="Night walkers",
        mechanism="prevention",
        unit="post",
        values={
            "cost_per_unit": 120_000,
            "families_per_unit": 40,
            "target_families_per_1000": 20,
            "at_risk_share": 0.02,
            "risk_reduction": 0.05,
            "delay_months": 3,
            "effect_months": 12,
            "fade_months": 12,
            "substitution_share": 0.0,
            "deadweight": 0.1,
        },
        ranges={"risk_reduction": (0.0, 0.1)},
        targets=("hvb", "sis"),
        age_groups={"age_13_17": 0.8, "age_18_20": 0.2},
        evidence_class="local_example",
        evidence="Ingen effektstudie",
        source="=SUM(A1) is text; Lidingö 10 000 kr per 6 kvällar",
    )
    hvb = p["care.hvb.cost_per_day"]
    changed = replace(
        hvb, value=0.1 + 0.2 + 6499.7, note_sv="+46 kommunens egen siffra; “citat”; rad\nbrytning", low=1000.0
    )
    return replace(
        p,
        name="Kommunens egna – test",
        price_year=2025,
        parameters=tuple(changed if q.name == hvb.name else q for q in p.parameters),
    )


@pytest.mark.parametrize("preset", ["default", "small"])
def test_xlsx_round_trip_of_the_presets(preset):
    params = model.load_parameters(preset=preset)
    assert parameters_from_xlsx(parameters_to_xlsx(params)) == params


def test_xlsx_round_trip_keeps_everything(awkward):
    data = parameters_to_xlsx(awkward)
    back = parameters_from_xlsx(data, "kollega.xlsx")
    assert back == awkward
    assert back.value("care.hvb.cost_per_day") == awkward.value("care.hvb.cost_per_day")  # all 17 digits
    assert back.measure("nattvandrare_i_fisksatra").targets == ("hvb", "sis")
    assert back.price_year == 2025 and back.name == "Kommunens egna – test"


def test_xlsx_layout(awkward):
    wb = load_workbook(io.BytesIO(parameters_to_xlsx(awkward)))
    assert wb.sheetnames == [SHEET_PARAMETERS, SHEET_MEASURES, SHEET_ABOUT, SHEET_SOURCES]
    header = [c.value for c in wb[SHEET_PARAMETERS][1]]
    assert header[0] == "name" and header[1] == "label"
    assert set(COLUMNS) <= set(header)
    assert [c.value for c in wb[SHEET_MEASURES][1]] == list(MEASURE_COLUMNS)
    assert wb[SHEET_MEASURES].max_row == 1 + len(awkward.measures)
    assert wb[SHEET_PARAMETERS].max_row == 1 + len(awkward.parameters)
    about = {r[0].value: r[1].value for r in wb[SHEET_ABOUT].iter_rows(max_row=4)}
    assert about["format"] == "omstallningskalkylen/parameters-v1" and about["price_year"] == 2025
    # Text that begins with '=' is a text cell with the apostrophe of every export, never a formula.
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.value for c in texts if c.value[:1] in ("=", "+", "@")]
    guarded = [c for c in texts if c.value.startswith("'=")]
    assert guarded and all(c.data_type == "s" for c in guarded)
    labels = {r[0].value: r[1].value for r in wb[SHEET_PARAMETERS].iter_rows(min_row=2, max_col=2)}
    assert labels["care.hvb.cost_per_day"] == "HVB: kostnad per vårddygn"


def test_yaml_round_trip_keeps_everything(awkward):
    assert parameters_from_yaml(parameters_to_yaml(awkward)) == awkward


def test_csv_round_trip(awkward, default_params):
    data = parameters_to_csv(awkward)
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(COLUMNS)
    assert ";0,013;" in text  # decimal comma, as Swedish Excel writes it
    assert "'=SUM(A1)" in text or "'+46" in text  # formula-like text neutralised for Excel
    back = parameters_from_csv(data, template=awkward)
    assert back == awkward
    # The default set against the default template.
    assert parameters_from_csv(parameters_to_csv(default_params)) == default_params


def test_csv_written_by_other_programs(default_params):
    """Comma-separated with decimal points (pandas, R, English Excel) and '6 500' typed by hand."""
    df = model.parameter_table(default_params)
    text = df.to_csv(index=False)
    assert parameters_from_csv(text.encode()) == default_params
    swedish = parameters_to_csv(default_params).decode("utf-8-sig").replace(";6500;", ";6 500;")
    assert ";6 500;" in swedish
    assert parameters_from_csv(swedish.encode("utf-8")) == default_params


def test_csv_measures_come_from_the_template(default_params):
    """A CSV holds parameters only: the measures it has rows for are the template's."""
    df = model.parameter_table(default_params)
    df = df[~df["name"].str.startswith("measure.mst.")]
    back = parameters_from_csv(df.to_csv(index=False).encode())
    assert "mst" not in back.measure_ids
    assert set(back.measure_ids) == set(default_params.measure_ids) - {"mst"}


def test_save_and_load_by_suffix(tmp_path, awkward):
    for suffix in (".yaml", ".xlsx"):
        path = model.save_parameters(awkward, tmp_path / f"set{suffix}")
        assert model.load_parameters(path) == awkward, suffix
    path = model.save_parameters(awkward, tmp_path / "set.csv")
    assert parameters_from_bytes(path.read_bytes(), "set.csv", template=awkward) == awkward


def test_the_model_gives_the_same_result_after_a_round_trip(awkward):
    scenario = model.Scenario(shift_sek_per_year=10e6, mix={"family_homes": 0.5, "nattvandrare_i_fisksatra": 0.5})
    back = parameters_from_xlsx(parameters_to_xlsx(awkward))
    assert model.run(back, scenario).summary == model.run(awkward, scenario).summary


def test_table_round_trip_with_an_own_measure(awkward):
    table = model.parameter_table(awkward)
    assert isinstance(table, pd.DataFrame)
    assert model.parameters_from_table(table, awkward) == awkward


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [("6 500", ",", 6500), ("0,035", ",", 0.035), ("\u22121", ",", -1), ("1\u00a0234,5", ",", 1234.5),
     ("6500.5", ".", 6500.5), ("0.5", None, 0.5), ("", ",", None)],
)
def test_number_cells_read_text_by_the_files_convention(text, decimal, expected):
    assert number_cells({"name": "x", "value": text}, 2, decimal)["value"] == expected


@pytest.mark.parametrize(("text", "decimal"), [("6.500", ","), ("6,500", "."), ("6,500", None), ("abc", ",")])
def test_number_cells_refuse_what_is_ambiguous_or_no_number(text, decimal):
    with pytest.raises(model.ParameterError):
        number_cells({"name": "x", "value": text}, 2, decimal)
