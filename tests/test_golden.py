"""Golden files (back test, as pydesrap ``tests/test_backtest.py``): the default results, frozen.

``tests/golden/`` holds the yearly table, the summary and the net effect by
mechanism of the embedded default preset for the baseline and for the default
scenario (10 mnkr a year, the default mix), rounded to 6 decimals. Any change to the model or to the
default parameters that moves a number fails this test.

If the change is intended, regenerate the files on purpose and commit the diff
of ``tests/golden/`` together with the change::

    python tests/regenerate_golden.py

The cases, the rounding and the file names live in ``tests/regenerate_golden.py``
so the test and the command cannot drift apart.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import regenerate_golden as golden
from numpy.testing import assert_allclose

HINT = f"If this change of results is intended, run `{golden.COMMAND}` and commit the diff of tests/golden/."
RTOL = 1e-9
ATOL = 10.0**-golden.DECIMALS  # one unit of the rounding


@pytest.fixture(scope="module", params=list(golden.CASES))
def case(request):
    name = request.param
    path = golden.yearly_path(name)
    if not all(p.exists() for p in (path, golden.summary_path(name), golden.mechanisms_path(name))):
        pytest.fail(f"golden files for '{name}' are missing. {HINT}")
    expected_yearly = pd.read_csv(path)
    expected_summary = json.loads(golden.summary_path(name).read_text(encoding="utf-8"))
    expected_mechanisms = pd.read_csv(golden.mechanisms_path(name), dtype={"measure": str})
    actual_yearly, actual_summary, actual_mechanisms = golden.compute(name)
    return (name, expected_yearly, actual_yearly, expected_summary, actual_summary, expected_mechanisms,
            actual_mechanisms)


def test_yearly_columns_match(case):
    name, expected, actual, *_ = case
    assert list(actual.columns) == list(expected.columns), f"{name}: the columns of Result.yearly changed. {HINT}"
    assert len(actual) == len(expected), f"{name}: number of years changed. {HINT}"


def test_yearly_values_match(case):
    name, expected, actual, *_ = case
    common = [c for c in expected.columns if c in actual.columns]
    for col in common:
        exp, act = expected[col], actual[col]
        if exp.dtype == bool or act.dtype == bool:
            assert act.tolist() == exp.tolist(), f"{name}: column '{col}' changed. {HINT}"
            continue
        assert_allclose(
            act.to_numpy(dtype=float),
            exp.to_numpy(dtype=float),
            rtol=RTOL,
            atol=ATOL,
            err_msg=f"{name}: column '{col}' of Result.yearly differs from tests/golden/. {HINT}",
        )


def test_summary_matches(case):
    name, _, _, expected, actual, *_ = case
    assert sorted(actual) == sorted(expected), f"{name}: the keys of Result.summary changed. {HINT}"
    for key, exp in expected.items():
        act = actual[key]
        if exp is None or act is None or isinstance(exp, (bool, str)):
            assert act == exp, f"{name}: summary['{key}'] is {act!r}, golden {exp!r}. {HINT}"
        else:
            assert_allclose(act, exp, rtol=RTOL, atol=ATOL, err_msg=f"{name}: summary['{key}'] differs. {HINT}")


def test_mechanisms_match(case):
    name, *_, expected, actual = case
    if expected.empty and actual.empty:
        return
    keys = ["year", "mechanism", "measure", "group"]
    assert actual[keys].astype(str).values.tolist() == expected[keys].astype(str).values.tolist(), (
        f"{name}: the rows of Result.by_mechanism changed. {HINT}"
    )
    assert_allclose(actual["net_sek"], expected["net_sek"], rtol=RTOL, atol=ATOL, err_msg=f"{name}: {HINT}")


def test_golden_files_tell_the_story():
    """Sanity of the frozen numbers themselves, so a wrong regeneration is caught too."""
    base = pd.read_csv(golden.yearly_path("default_baseline"))
    scen = pd.read_csv(golden.yearly_path("default_scenario"))
    assert (base["net_sek"] == 0).all()
    assert_allclose(scen["cost_baseline_sek"], base["cost_baseline_sek"], rtol=RTOL)
    # The default mix costs more than it saves over ten years: own homes save, but the preventive
    # measures' effects on placements are as small as their evidence (issue 9).
    assert scen["net_sek"].sum() > 0
    mechanisms = pd.read_csv(golden.mechanisms_path("default_scenario"))
    by_year = mechanisms.groupby("year")["net_sek"].sum()
    assert_allclose(by_year.to_numpy(), scen["net_sek"].to_numpy(), atol=1e-3)  # the parts add up to the net
    groups = mechanisms.groupby("group")["net_sek"].sum()
    assert groups["make_or_buy"] < 0 < groups["prevention"]
    assert np.all(np.diff(base["population_0_20"]) > 0)
