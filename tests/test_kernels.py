"""The compiled month loops (model/kernels.py, numba) give the numpy loops' numbers.

Each loop is run on the same inputs by both backends: the engine's stay-or-leave
months (constant and monthly exit probabilities), the recruitment recursion,
prevention's running sums, the inflows and the combination of overlapping
preventive measures on random inputs; then whole runs — the default
presets of both areas, deterministic with a batch large enough for the compiled
loops, and Monte Carlo draws — under each backend, every yearly figure compared.
Where numba is not installed these tests skip, except in CI (``CI=true``), which
installs it with ``.[test]`` and must test both paths. The golden files and the
published cohort cases (tests/test_golden.py, tests/test_cohort.py) run with the
backend in force, numba in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from numpy.testing import assert_allclose

import model
from model import care, kernels, overlaps, results
from model.analysis.distributions import sample_values
from model.analysis.uncertainty import batch_outcomes
from model.baseline import Baseline
from model.cohort import propagate_exits
from model.prevention import protected_families
from model.recruitment import place_in_recruited_homes
from model.scenario import applied_discount_rate
from model.states import state_space

RTOL = 1e-12
IN_CI = os.environ.get("CI") == "true"
NO_NUMBA = "numba is not installed (pip install -e '.[fast]')"


@pytest.fixture(autouse=True)
def needs_numba():
    if not kernels.available():
        pytest.fail(f"CI=true but {NO_NUMBA}") if IN_CI else pytest.skip(NO_NUMBA)
    previous = kernels.backend()
    yield
    kernels.use(previous)


def both(fn):
    """*fn*() under numba, then under numpy."""
    out = []
    for name in (kernels.NUMBA, kernels.NUMPY):
        kernels.use(name)
        out.append(fn())
    return out


def close(a, b, what: str) -> None:
    """Equal within RTOL of the larger magnitude of the array (a difference of large numbers may be ~0)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = max(float(np.nanmax(np.abs(b), initial=0.0)), 1.0)
    assert_allclose(a, b, rtol=RTOL, atol=RTOL * scale, err_msg=what)


@pytest.mark.parametrize("varying", [False, True], ids=["constant exits", "monthly exits"])
def test_the_engine_months_agree(varying):
    rng = np.random.default_rng(11)
    n, months, s = 300, 48, 6
    p = rng.uniform(0.0, 0.2, (n, months if varying else 1, s))
    p[:, :, -1] = 0.0  # an absorbing state
    dest = rng.random((n, s, s)) * (rng.random((s, s)) < 0.5)
    dest[:, np.arange(s), np.arange(s)] = 0.0
    dest[:, :, -1] += 1e-3
    dest /= dest.sum(-1, keepdims=True)
    args = (rng.uniform(0, 50, (n, s)), p, dest, rng.uniform(0, 3, (n, months, s)))
    compiled, numpy_ = both(lambda: propagate_exits(*args))
    close(compiled, numpy_, "occupancy")


def test_the_recruitment_recursion_agrees():
    rng = np.random.default_rng(12)
    d, months = 200, 60
    pool = np.cumsum(rng.uniform(0, 2, (d, months + 1)), axis=1)
    levers = [
        {
            "money": rng.uniform(0, 2e5, (d, months)) * (rng.random((d, months)) < 0.8),
            "cost": rng.uniform(5e4, 2e5, d),
            "support": rng.uniform(1e3, 1e4, d),
            "stay": rng.uniform(0.95, 1.0, d),
            "cap": rng.uniform(0.1, 2.0, d),
            "places": rng.uniform(0.5, 2.0, d),
            "lead": np.rint(rng.uniform(0, 9, d)),
        }
        for _ in range(2)
    ]
    args = (pool, rng.uniform(0.0, 0.05, (d, months)), levers, rng.uniform(0.2, 1.0, d))
    compiled, numpy_ = both(lambda: place_in_recruited_homes(*args))
    for a, b, what in zip(compiled, numpy_, ("placed", "homes", "recruited", "used"), strict=True):
        close(a, b, what)


def test_prevention_running_sums_agree_bit_for_bit():
    rng = np.random.default_rng(13)
    d, months = 300, 120
    reached = rng.uniform(0, 40, (d, months)) * (rng.random((d, months)) < 0.9)
    delay, effect, fade = rng.uniform(0, 8, d), rng.uniform(0, 40, d), rng.uniform(0, 30, d)
    fade[::5] = 0.0  # no fade: the protection ends at once
    compiled, numpy_ = both(lambda: protected_families(reached, delay, effect, fade))
    assert np.array_equal(compiled, numpy_)


def test_the_inflows_agree_bit_for_bit():
    """The baseline's and the scenario's inflows of one change, clipped at 0, and the starts: the same numbers."""
    rng = np.random.default_rng(15)
    d, months, e = 100, 36, 5
    base = Baseline(destinations=None, exit_probability=None, stock=None, inflow=rng.uniform(0, 3, (d, e)))
    growth = rng.uniform(0.9, 1.2, (d, months))
    changes = care._Changes(inflow={("avoided", ""): -rng.uniform(0, 4, (d, months, e))}, stay_cut=None, stays={})
    for forms in ([0, 2, 3], [1], []):  # the placement forms whose inflows are the placements started
        placement = np.array(forms, dtype=np.intp)
        compiled, numpy_ = both(lambda placement=placement: care._inflows(base, growth, changes, placement))
        assert np.array_equal(compiled[0], numpy_[0])
        assert np.array_equal(compiled[1], numpy_[1]) and compiled[1].shape == (2, d, months)
        assert_allclose(numpy_[1], numpy_[0][..., forms].sum(-1), rtol=RTOL)
    assert (numpy_[0][1] == 0.0).any() and (numpy_[0][1] > 0.0).any()  # the clip at work


@pytest.mark.parametrize("shortened", [False, True], ids=["today's stays", "shortened stays"])
def test_the_inflows_made_in_the_engine_loop_agree_bit_for_bit(shortened, monkeypatch):
    """The engine's loop that makes the baseline's and the scenario's inflows itself (model/exit_months.py)
    gives the occupancy and the placements started of the inflows made first (care._inflows)."""
    kernels.use(kernels.NUMBA)
    rng = np.random.default_rng(17)
    states = state_space(model.load_parameters().area)
    d, months, e = kernels.MIN_BATCH, 36, states.n_care_forms
    dest = rng.random((d, e, e)) * (rng.random((e, e)) < 0.5) + 1e-3
    dest[:, np.arange(e), np.arange(e)] = 0.0
    base = Baseline(destinations=dest / dest.sum(-1, keepdims=True), exit_probability=rng.uniform(0, 0.1, (d, e)),
                    stock=rng.uniform(0, 50, (d, e)), inflow=rng.uniform(0, 3, (d, e)))
    growth, change = rng.uniform(0.9, 1.2, (d, months)), -rng.uniform(0, 4, (d, months, e))
    p_scen = rng.uniform(0, 0.2, (d, months, e)) if shortened else None

    def engine():
        changes = care._Changes(inflow={("avoided", ""): change.copy()}, stay_cut=None, stays={})
        return care._engine(base, p_scen, growth, changes, states, False)

    in_loop = engine()
    monkeypatch.setattr(care, "inflows_in_loop", lambda draws: False)
    made_first = engine()
    assert np.array_equal(in_loop[0], made_first[0]) and np.array_equal(in_loop[1], made_first[1])
    assert (made_first[1][1] < made_first[1][0]).any()  # the change at work


def test_the_yearly_stock_and_cost_agree_bit_for_bit():
    """Children and cost summed over each year's months in one compiled pass: numpy's sum and einsum's numbers."""
    rng = np.random.default_rng(16)
    d, months, s = 100, 36, 4
    engine = rng.uniform(0, 5, (months + 1, s, 2, d))  # the engine's layout: months first, draws last
    price = rng.uniform(1e3, 9e4, (months, s, d)).transpose(2, 0, 1)
    occupancy = engine.transpose(2, 3, 0, 1)[:, :, :-1, :]
    compiled, numpy_ = both(lambda: results._yearly_stock_and_cost(occupancy, price))
    for a, b in zip(compiled, numpy_, strict=True):
        assert np.array_equal(a, b) and a.shape == (2, d, months // 12, s)


@pytest.mark.parametrize("terms", [0, 3], ids=["no overlaps", "overlaps"])
def test_prevention_combination_agrees(terms):
    """The compiled pass over (D, T, E) gives the numpy steps' placements avoided and shares in each group."""
    rng = np.random.default_rng(14)
    d, months, n, forms = 100, 36, 3, 8
    reached = rng.uniform(0, 2, (d, months, n))
    reached[:, :5] = 0.0  # months where nothing is reached: a share of 0
    group = rng.uniform(0, 1, (d, n, forms)) * (rng.random((n, forms)) < 0.6)
    coefficients, groups = rng.uniform(0, 0.5, (d, months, terms)), -rng.uniform(0, 1.5, (d, terms, forms))
    first = np.matmul(reached, group)
    avoided = np.empty_like(first)
    overlaps.by_inclusion_exclusion(avoided, first, coefficients, groups)
    np.clip(avoided, 0.0, first, out=avoided)
    in_group = np.matmul(np.divide(avoided, first, out=np.zeros_like(first), where=first > 0), group.transpose(0, 2, 1))
    kernels.use(kernels.NUMBA)
    compiled_avoided, compiled_in_group = np.empty((months, forms, d)), np.empty((months, n, d))
    draws_last = (np.ascontiguousarray(np.moveaxis(a, 0, -1)) for a in (reached, group, coefficients, groups))
    kernels.compiled(overlaps.combined, d)(*draws_last, compiled_avoided, compiled_in_group)
    close(np.moveaxis(compiled_avoided, -1, 0), avoided, "avoided")
    close(np.moveaxis(compiled_in_group, -1, 0), in_group, "in group")
    assert terms == 0 or (avoided == 0.0).any() and (avoided < first).any()  # the clip and the overlaps at work


AREAS = {
    "children, default 10 mnkr": (None, model.Scenario(shift_sek_per_year=10_000_000)),
    "children, every mechanism": (
        None,
        model.Scenario(
            shift_sek_per_year=20_000_000,
            mix={"family_homes": 0.3, "parent_training": 0.2, "placement_review": 0.2, "mst": 0.3},
        ),
    ),
    "children, three preventive measures": (
        None,
        model.Scenario(
            shift_sek_per_year=30_000_000,
            mix={"parent_training": 0.3, "early_intervention": 0.3, "youth_support_workers": 0.4},
        ),
    ),
    "employment, three measures": (
        "employment",
        model.Scenario(
            shift_sek_per_year=5_000_000, mix={"ips": 0.4, "workplace_training": 0.3, "case_management": 0.3}
        ),
    ),
}


@pytest.mark.parametrize("case", list(AREAS))
def test_the_default_presets_agree_in_a_batch_of_their_central_values(case):
    """The preset's own values, repeated to a batch the compiled loops take: every yearly figure agrees."""
    area, scenario = AREAS[case]
    params = model.load_parameters(area=area)
    values = {k: np.full(kernels.MIN_BATCH, v) for k, v in params.values().items()}
    rate = applied_discount_rate(params, scenario)
    compiled, numpy_ = both(lambda: batch_outcomes(values, params, scenario, rate))
    for key in numpy_:
        close(compiled[key], numpy_[key], f"{case}: {key}")
    # ... and they are the deterministic run's (which runs numpy: a batch of one).
    one = model.run(params, scenario)
    close(compiled["npv_sek"][0], one.summary.npv_sek, f"{case}: npv of model.run")


@pytest.mark.parametrize("case", list(AREAS))
def test_random_draws_agree(case):
    area, scenario = AREAS[case]
    params = model.load_parameters(area=area)
    values = sample_values(params, 150, seed=4)
    rate = applied_discount_rate(params, scenario)
    compiled, numpy_ = both(lambda: batch_outcomes(values, params, scenario, rate))
    for key in numpy_:
        close(compiled[key], numpy_[key], f"{case}: {key}")
    assert kernels.backend() == kernels.NUMPY  # the last run was numpy's: both paths ran


def test_a_monte_carlo_gives_the_same_summary_on_both_paths():
    params = model.load_parameters()
    scenario = model.Scenario(shift_sek_per_year=10_000_000)
    compiled, numpy_ = both(lambda: model.run_uncertainty(params, scenario, 200, 3))
    for col in numpy_.yearly.columns:
        close(compiled.yearly[col], numpy_.yearly[col], col)
    close(compiled.per_draw.to_numpy(), numpy_.per_draw.to_numpy(), "per draw")


def test_import_model_does_not_load_numba_nor_does_one_run():
    code = (
        "import sys, model\n"
        "model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10_000_000))\n"
        "assert 'numba' not in sys.modules, 'numba loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONWARNINGS": "error"})


def test_without_numba_the_numpy_loops_run():
    """numba hidden from the import system, as where it is not installed: a batch runs on numpy."""
    code = (
        "import sys\n"
        "sys.modules['numba'] = None  # what import and find_spec see of a package that is not there\n"
        "import model\n"
        "from model import kernels\n"
        "assert not kernels.available() and kernels.backend() == 'numpy'\n"
        "r = model.run_uncertainty(model.load_parameters(), model.Scenario(shift_sek_per_year=10_000_000), 100, 1)\n"
        "assert sys.modules['numba'] is None and r.draws == 100\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_environment_can_turn_the_compiled_loops_off():
    code = "from model import kernels\nassert kernels.backend() == 'numpy'\n"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, kernels.ENV: "0"})


def test_an_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="backend"):
        kernels.use("fortran")
