"""The command line, run as analysts run it: ``python -m model ...`` in a subprocess.

The runs that write files run in a subprocess (:func:`cli`); the other cases call
:func:`model.cli.main` in this process (:func:`call`), which is all ``python -m model``
does (``sys.exit(main())``), without an interpreter start and its imports for each case.

Successful runs write files that read back (CSV: ``;``-separated, decimal
comma, UTF-8 with BOM; XLSX: results, assumptions with sources, summary);
bad input exits non-zero with the offending field named on stderr and no
traceback.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from numpy.testing import assert_allclose
from openpyxl import load_workbook

import model
from model.cli import main
from model.files.result_export import count_columns
from model.files.spreadsheet import safe_text
from model.text.i18n import t
from model.text.labels import column_label

ROOT = Path(__file__).resolve().parent.parent
RUN_OPTIONS = (
    "--shift-mnkr",
    "--mix",
    "--ramp-years",
    "--start-year",
    "--first-year",
    "--horizon",
    "--discount-rate",
    "--preset",
    "--parameters",
    "--name",
    "--language",
    "--output",
)


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "model", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def call(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """:func:`cli` in this process: ``model.cli.main`` with stdout and stderr captured, and its exit status."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(map(str, args)))
        except SystemExit as exc:  # argparse: --help, and a usage error
            status = exc.code if isinstance(exc.code, int) else 1
    command = ["python", "-m", "model", *map(str, args)]
    return subprocess.CompletedProcess(command, status, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def csv_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "resultat.csv"
    return cli("run", "--shift-mnkr", "10", "--output", out), out


@pytest.fixture(scope="module")
def xlsx_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "resultat.xlsx"
    return cli("run", "--shift-mnkr", "10", "--horizon", "12", "--ramp-years", "2", "--output", out), out


def test_csv_is_written_and_reads_back(csv_run, default_params):
    proc, out = csv_run
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "wrote" in proc.stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 correctly
    df = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    expected = model.run(default_params, model.Scenario(shift_sek_per_year=10_000_000))
    assert len(df) == 10
    assert list(df.columns) == [column_label(c, "sv", default_params) for c in expected.yearly.columns] + [
        t("summary.evidence_level", "sv"), t("summary.price_basis", "sv")
    ]
    assert set(df[t("summary.evidence_level", "sv")]) == {"Trolig"}
    assert set(df[t("summary.price_basis", "sv")]) == {"Fasta priser (2024)"}
    assert df.iloc[:, 0].tolist() == list(range(2027, 2037))
    numeric = expected.yearly.select_dtypes("number")
    withheld = count_columns(expected.yearly.columns)  # counts of children: "färre än 5" when small
    for j, col in enumerate(expected.yearly.columns):
        if col in numeric.columns and col not in withheld:
            assert_allclose(df.iloc[:, j].to_numpy(float), numeric[col].to_numpy(float), rtol=1e-12, err_msg=col)


def test_xlsx_is_written_and_reads_back(xlsx_run, default_params):
    proc, out = xlsx_run
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    wb = load_workbook(out, read_only=True)
    try:
        names = [t(f"export.sheet.{k}", "sv") for k in ("summary", "yearly", "assumptions", "mechanisms",
                                                               "budget_lines", "payers", "bibliography", "data")]
        assert wb.sheetnames == names
        yearly = list(wb[names[-1]].iter_rows(values_only=True))  # full precision
        assert len(yearly) == 12 + 1  # horizon + header
        assert [row[0] for row in yearly[1:]] == list(range(2027, 2039))
        expected = model.run(
            default_params, model.Scenario(shift_sek_per_year=10_000_000, horizon_years=12, ramp_years=2)
        ).yearly
        header = list(yearly[0])
        shift = header.index(column_label("shift_sek", "sv", default_params))
        assert_allclose([row[shift] for row in yearly[1:]], expected["shift_sek"], rtol=1e-12)
        net = header.index(column_label("net_sek", "sv", default_params))
        assert_allclose([row[net] for row in yearly[1:]], expected["net_sek"], rtol=1e-9)

        assumptions = list(wb[names[2]].iter_rows(values_only=True))
        assert len(assumptions) == len(default_params.parameters) + 1
        head = list(assumptions[0])
        name_col = head.index(t("assumptions.col.name", "sv"))
        source_col = head.index(t("assumptions.col.source", "sv"))
        assert [r[name_col] for r in assumptions[1:]] == [p.name for p in default_params.parameters]
        assert [r[source_col] for r in assumptions[1:]] == [safe_text(p.source) for p in default_params.parameters]
        assert all(r[source_col] for r in assumptions[1:])

        summary = list(wb[names[2]].iter_rows(values_only=True))
        assert len(summary) > 5
    finally:
        wb.close()


def test_run_help_lists_every_option():
    proc = call("run", "--help")
    assert proc.returncode == 0
    for option in RUN_OPTIONS:
        assert option in proc.stdout, option


def test_top_level_help_lists_the_commands():
    proc = call("--help")
    assert proc.returncode == 0
    for command in ("run", "presets", "measures"):
        assert command in proc.stdout


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--shift-mnkr", "-1"], "shift"),
        (["--shift-mnkr", "nan"], "shift"),
        (["--shift-mnkr", "1", "--mix", "family_homes=0.5"], "mix"),
        (["--shift-mnkr", "1", "--mix", "nope=1"], "nope"),
        (["--shift-mnkr", "1", "--mix", "family_homes"], "mix"),
        (["--horizon", "0"], "horizon"),
        (["--horizon", "40"], "horizon"),
        (["--start-year", "2050"], "start_year"),
        (["--discount-rate", "0.5"], "discount_rate"),
        (["--output", "{tmp}/x.txt"], "output"),
        (["--parameters", "{tmp}/missing.yaml"], "missing.yaml"),
        (["--preset", "atlantis"], "preset"),
        (["--shift-mnkr", "70"], "shift_sek_per_year"),
        (["--evidence-level", "magisk"], "evidence-level"),
    ],
    ids=[
        "negative-shift",
        "nan-shift",
        "mix-sum",
        "unknown-lever",
        "mix-syntax",
        "horizon-0",
        "horizon-40",
        "start-year",
        "discount-rate",
        "output-suffix",
        "missing-parameters",
        "unknown-preset",
        "shift-above-budget",
        "unknown-evidence-level",
    ],
)
def test_bad_input_exits_non_zero_naming_the_field(tmp_path, args, field):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--output" not in args:
        args += ["--output", str(tmp_path / "out.csv")]
    proc = call("run", *args)
    assert proc.returncode != 0
    assert field in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "x.txt").exists()


def test_presets_lists_the_presets():
    proc = call("presets")
    assert proc.returncode == 0, proc.stderr
    ids = [line.split("\t")[0] for line in proc.stdout.splitlines() if line.strip()]
    assert ids == list(model.presets())
    assert {"default", "small"} <= set(ids)


def test_measures_lists_the_catalogue(default_params, small_params):
    proc = call("measures")
    assert proc.returncode == 0, proc.stderr
    ids = [line.split("\t")[0] for line in proc.stdout.splitlines() if line.strip()]
    assert ids == list(default_params.measure_ids)
    proc = call("measures", "--preset", "small")
    assert proc.returncode == 0, proc.stderr
    assert [line.split("\t")[0] for line in proc.stdout.splitlines() if line.strip()] == list(small_params.measure_ids)


def test_run_with_a_parameter_file(tmp_path, default_params):
    """An analyst's own YAML file is used instead of the preset."""
    own = default_params.with_values({"care.hvb.cost_per_day": 9000})
    path = model.save_parameters(own, tmp_path / "kommun.yaml")
    out = tmp_path / "out.xlsx"
    proc = call("run", "--shift-mnkr", "10", "--parameters", path, "--output", out)
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(out, read_only=True)
    try:
        rows = list(wb[t("export.sheet.assumptions", "sv")].iter_rows(values_only=True))
    finally:
        wb.close()
    head = list(rows[0])
    name_col, value_col = head.index(t("assumptions.col.name", "sv")), head.index(t("assumptions.col.value", "sv"))
    values = {r[name_col]: r[value_col] for r in rows[1:]}
    assert values["care.hvb.cost_per_day"] == 9000


def test_csv_export_with_two_measures_of_the_same_label(default_params):
    import dataclasses

    from model.files.result_export import to_csv_bytes

    measures = tuple(
        dataclasses.replace(m, label_sv="Föräldrastöd", label_en="Parent support")
        if m.id in ("parent_training", "family_treatment")
        else m
        for m in default_params.measures
    )
    params = dataclasses.replace(default_params, measures=measures)
    data = to_csv_bytes(model.run(params, model.Scenario(shift_sek_per_year=1e6)))
    df = pd.read_csv(pd.io.common.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(df) == 10


def test_the_evidence_level_is_an_option_and_named_in_the_file(tmp_path, default_params):
    out = tmp_path / "forsiktig.csv"
    proc = call("run", "--shift-mnkr", "10", "--evidence-level", "cautious", "--output", out)
    assert proc.returncode == 0, proc.stderr
    assert "evidence level cautious" in proc.stdout
    df = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert set(df[t("summary.evidence_level", "sv")]) == {"Försiktig"}
    net = df[column_label("net_sek", "sv", default_params)].sum()
    expected = model.run(default_params, model.Scenario(shift_sek_per_year=10e6, evidence_level="cautious"))
    assert net == pytest.approx(expected.summary.net_total_sek, rel=1e-9)
