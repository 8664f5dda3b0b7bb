"""Bad input, at the parser: each file gets a clear message and changes nothing.

One parametrized test runs every hostile or broken file of the issue's list
through the function the page calls (``ui.assumptions.actions.read_parameter_file``:
bytes -> validated set, or ``ParameterError``) and checks the code, the field it
names and the Swedish message a user sees. The app-level path (upload in the
page, previous set kept) is in ``tests/app/test_assumptions_app.py``.

Print every Swedish message with ``python tests/test_bad_input.py``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

import model
from model.files.incoming import MAX_FILE_BYTES
from model.files.parameter_csv import parameters_from_csv, parameters_to_csv
from model.files.parameter_xlsx import SHEET_PARAMETERS, parameters_from_xlsx
from model.files.parameter_xlsx import parameters_to_xlsx as to_xlsx
from model.files.parameter_yaml import parameters_from_yaml, parameters_to_yaml
from ui.assumptions import editing
from ui.assumptions.actions import read_parameter_file
from ui.errors import message

DEFAULT = model.load_parameters()
ENGLISH_WORDS = ("the file", "expected", "missing", "is not", "cannot", "unknown", "formula (")


def yaml_with(changes: dict[str, dict]) -> bytes:
    """The default set as YAML with some rows' fields replaced (or rows added)."""
    doc = yaml.safe_load(parameters_to_yaml(DEFAULT))
    rows = {r["name"]: r for r in doc["parameters"]}
    for name, fields in changes.items():
        rows.setdefault(name, {"name": name, "unit": "", "source": ""}).update(fields)
    doc["parameters"] = list(rows.values())
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode()


def csv_with(name: str, column: str, text: str) -> bytes:
    """The default set as CSV with one cell replaced by *text* (as typed)."""
    lines = parameters_to_csv(DEFAULT).decode("utf-8-sig").split("\r\n")
    header = lines[0].split(";")
    for i, line in enumerate(lines):
        if line.startswith(name + ";"):
            cells = line.split(";")
            cells[header.index(column)] = text
            lines[i] = ";".join(cells)
    return "\r\n".join(lines).encode("utf-8")


def xlsx_with(edit: Callable) -> bytes:
    """The default set as a workbook, changed by *edit(workbook)*."""
    wb = load_workbook(io.BytesIO(to_xlsx(DEFAULT)))
    edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(wb, name: str, column: str):
    ws = wb[SHEET_PARAMETERS]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == name:
            return row[header.index(column)]
    raise KeyError(name)


def _set(name: str, column: str, value: object) -> Callable:
    def edit(wb):
        _cell(wb, name, column).value = value

    return edit


def _drop_value_column(wb):
    ws = wb[SHEET_PARAMETERS]
    header = [c.value for c in ws[1]]
    ws.delete_cols(header.index("value") + 1)


HVB = "care.hvb.cost_per_day"
EVIL = b'name: x\nparameters: !!python/object/apply:os.system ["echo pwned > /tmp/omst-pwned"]\n'

# (id, filename, bytes, code, reason or None, text the field must contain)
CASES = [
    ("not-the-format-txt", "anteckningar.txt", b"hej", "bad_file", "unknown_type", "anteckningar.txt"),
    ("not-the-format-xlsx", "set.xlsx", b"PK but not really a workbook", "bad_file", "not_xlsx", "set.xlsx"),
    ("not-the-format-yaml", "set.yaml", b"bara en mening\n", "bad_file", "not_mapping", "set.yaml"),
    ("scenario-workbook", "scenario.xlsx", None, "bad_file", "missing_sheet", "scenario.xlsx"),
    ("empty-yaml", "set.yaml", b"", "bad_file", "empty", "set.yaml"),
    ("empty-xlsx", "set.xlsx", b"", "bad_file", "empty", "set.xlsx"),
    ("empty-csv", "set.csv", b"\xef\xbb\xbf\r\n", "bad_file", "empty", "set.csv"),
    (
        "missing-column-csv",
        "set.csv",
        b"name;low;high\ncare.hvb.cost_per_day;1;2\n",
        "bad_file",
        "missing_column",
        "set.csv",
    ),
    ("missing-column-xlsx", "set.xlsx", xlsx_with(_drop_value_column), "bad_file", "missing_column", SHEET_PARAMETERS),
    (
        "unknown-parameter",
        "set.yaml",
        yaml_with({"care.hvb.cost_per_night": {"value": 1}}),
        "unknown_parameter",
        None,
        "care.hvb.cost_per_night",
    ),
    (
        "unknown-care-form",
        "set.yaml",
        yaml_with({"flow.hvb.slottet": {"value": 0.0}}),
        "unknown_care_form",
        None,
        "flow.hvb.slottet",
    ),
    ("text-in-number-csv", "set.csv", csv_with(HVB, "value", "sexhundra"), "not_a_number", None, HVB),
    ("text-in-number-xlsx", "set.xlsx", xlsx_with(_set(HVB, "value", "6 500 kr")), "not_a_number", None, HVB),
    ("nan-csv", "set.csv", csv_with(HVB, "value", "NaN"), "not_a_number", None, HVB),
    ("nan-yaml", "set.yaml", yaml_with({HVB: {"value": float("nan")}}), "not_finite", None, HVB),
    ("negative-cost", "set.yaml", yaml_with({HVB: {"value": -6500, "low": -7000}}), "below_domain", None, HVB),
    (
        "share-above-1",
        "set.csv",
        csv_with("measure.parent_training.at_risk_share", "value", "1,5"),
        "above_domain",
        None,
        "measure.parent_training.at_risk_share",
    ),
    (
        "negative-lead-time",
        "set.yaml",
        yaml_with({"measure.family_homes.lead_time_months": {"value": -2, "low": -3}}),
        "below_domain",
        None,
        "measure.family_homes.lead_time_months",
    ),
    (
        "occupancy-zero",
        "set.csv",
        csv_with("measure.family_homes.occupancy", "value", "0"),
        "below_domain",
        None,
        "measure.family_homes.occupancy",
    ),
    (
        "target-groups-above-all-starts",
        "set.yaml",
        yaml_with({"measure.early_intervention.at_risk_share": {"value": 0.5, "high": 0.5},
                   "measure.family_treatment.at_risk_share": {"value": 0.45, "high": 0.45}}),
        "at_risk_sum",
        None,
        "measures.at_risk_share",
    ),
    ("starts-not-1", "set.xlsx", xlsx_with(_set("starts.hvb.age_0_12", "value", 0.15)), "shares_sum", None,
     "starts.hvb"),
    ("shares-not-1", "set.xlsx", xlsx_with(_set("flow.hvb.left_care", "value", 0.3)), "shares_sum", None, "flow.hvb"),
    ("low-above-high", "set.yaml", yaml_with({HVB: {"low": 9000, "high": 5000}}), "low_above_high", None, HVB),
    ("value-outside-range", "set.csv", csv_with(HVB, "value", "12000"), "outside_range", None, HVB),
    (
        "formula-cell",
        "set.xlsx",
        xlsx_with(_set(HVB, "value", "=6500*1.1")),
        "bad_file",
        "formula",
        f"{SHEET_PARAMETERS}!D6",
    ),
    ("too-large", "set.yaml", b"#" * (MAX_FILE_BYTES + 1), "bad_file", "too_large", "set.yaml"),
    ("yaml-object-tag", "set.yaml", EVIL, "bad_file", "yaml_tag", "set.yaml"),
    (
        "csv-not-utf8",
        "set.csv",
        parameters_to_csv(DEFAULT).decode("utf-8-sig").encode("cp1252", "replace"),
        "bad_file",
        "not_utf8",
        "set.csv",
    ),
    (
        "duplicate-parameter",
        "set.csv",
        parameters_to_csv(DEFAULT) + b"care.hvb.cost_per_day;care:hvb;6500;kr/dygn;3500;10000;2024;E;M;pert;;x;x\r\n",
        "bad_file",
        "duplicate_row",
        "set.csv",
    ),
    (
        "children-not-steady",
        "set.yaml",
        yaml_with({"care.sis.children": {"value": 0, "low": 0}, "care.hvb.children": {"value": 40, "high": 40}}),
        "negative_inflow",
        None,
        "care.sis.children",
    ),
    (
        "source-id-not-in-the-bibliography",
        "set.yaml",
        yaml_with({"care.hvb.cost_per_day": {"sources": ["riksrevisionen_2024_7", "okand_kalla_2099"]}}),
        "unknown_source",
        None,
        "care.hvb.cost_per_day",
    ),
    (
        "found-value-without-a-source-id",
        "set.csv",
        csv_with("care.sis.cost_per_day", "sources", ""),
        "missing_source",
        None,
        "care.sis.cost_per_day",
    ),
]


def _scenario_workbook() -> bytes:
    from model.files.result_export import to_xlsx_bytes

    return to_xlsx_bytes(model.run(DEFAULT, model.Scenario(shift_sek_per_year=5e6)))


def swedish(exc: model.ParameterError) -> str:
    """What the page shows: the field described, numbers in Swedish, the Swedish template."""
    return message(editing.localize(exc, DEFAULT, "sv"), "sv")


@pytest.mark.parametrize(
    ("filename", "data", "code", "reason", "field"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_file_gets_a_clear_swedish_message(filename, data, code, reason, field):
    if data is None:
        data = _scenario_workbook()
    with pytest.raises(model.ParameterError) as err:
        read_parameter_file(data, filename, DEFAULT)
    exc = err.value
    assert isinstance(exc, ValueError)
    assert exc.code == code, str(exc)
    if reason:
        assert exc.details.get("reason") == reason, str(exc)
    assert field in exc.field, exc.field
    text = swedish(exc)
    assert field.split("!")[0] in text
    assert not text.startswith("Något stämmer inte"), text  # a specific message, not the generic one
    assert not any(w in text for w in ENGLISH_WORDS), text
    assert "assumptions." not in text and "error." not in text, text  # no untranslated key
    assert str(exc) and field.split("!")[0] in str(exc)  # English for Python users


def test_a_yaml_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'name: x\nparameters: !!python/object/apply:os.system ["touch {marker}"]\n'.encode()
    with pytest.raises(model.ParameterError):
        read_parameter_file(text, "set.yaml", DEFAULT)
    assert not marker.exists()


@pytest.mark.parametrize(
    "parser",
    [parameters_from_yaml, parameters_from_xlsx, parameters_from_csv],
    ids=["yaml", "xlsx", "csv"],
)
def test_every_parser_enforces_the_size_limit(parser):
    """The server refuses uploads over 5 MB; the parsers refuse them too (Python users, tests, other fronts)."""
    with pytest.raises(model.ParameterError) as err:
        parser(b" " * (MAX_FILE_BYTES + 1))
    assert err.value.details["reason"] == "too_large"
    assert "MB" in swedish(err.value)


def test_a_workbook_that_unpacks_too_far_is_refused():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/huge.xml", b"\0" * 60_000_000)
    assert len(buf.getvalue()) < MAX_FILE_BYTES
    with pytest.raises(model.ParameterError) as err:
        parameters_from_xlsx(buf.getvalue(), "bomb.xlsx")
    assert err.value.details["reason"] == "too_large"


def test_upload_limit_matches_the_server_setting():
    config = (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text()
    assert f"maxUploadSize = {MAX_FILE_BYTES // 1_000_000}" in config


if __name__ == "__main__":  # print the Swedish message of every case (for the issue note)
    for case_id, filename, data, *_ in CASES:
        try:
            read_parameter_file(_scenario_workbook() if data is None else data, filename, DEFAULT)
            print(f"{case_id}: (accepted!)")
        except model.ParameterError as exc:
            print(f"{case_id}: {swedish(exc)}")
