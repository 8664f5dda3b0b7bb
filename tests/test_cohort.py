"""Tests for model.cohort: hand-computed cases, published models, invariants.

Convention under test (see the module docstring of ``model.cohort``)::

    occ[0] = initial
    occ[t + 1] = occ[t] @ transitions[t] + inflow[t]
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from model.cohort import propagate, propagate_exits, simulate

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def random_stochastic(
    rng: np.random.Generator, shape: tuple[int, ...], n_states: int, sparsity: float = 0.0
) -> np.ndarray:
    """Random row-stochastic matrices of shape ``(*shape, S, S)``.

    With ``sparsity > 0`` that share of off-diagonal entries is set to zero
    (the diagonal is kept so that every row stays non-empty), which produces
    absorbing states and exact zeros.
    """
    matrices = rng.dirichlet(np.ones(n_states), size=(*shape, n_states))
    if sparsity:
        keep = rng.random(matrices.shape) >= sparsity
        keep |= np.eye(n_states, dtype=bool)
        matrices = matrices * keep
        matrices /= matrices.sum(axis=-1, keepdims=True)
    return matrices


def reference_loop(initial, transitions, inflow):
    """Plain Python/numpy loop over batch and time, written independently.

    ``initial`` (S,), ``transitions`` (T, S, S), ``inflow`` (T, S).
    """
    occ = [np.asarray(initial, dtype=float)]
    for t in range(len(transitions)):
        current = occ[-1]
        following = np.zeros_like(current)
        for i in range(len(current)):
            for j in range(len(current)):
                following[j] += current[i] * transitions[t][i][j]
        occ.append(following + inflow[t])
    return np.array(occ)


# ---------------------------------------------------------------------------
# Hand-computed cases
# ---------------------------------------------------------------------------

P2 = np.array([[0.9, 0.1], [0.2, 0.8]])


def test_two_states_closed_two_steps():
    # State 0 = at home, state 1 = in care; start with 100 at home.
    # step 1: home = 100*0.9 + 0*0.2 = 90      care = 100*0.1 + 0*0.8 = 10
    # step 2: home = 90*0.9 + 10*0.2 = 81 + 2 = 83
    #         care = 90*0.1 + 10*0.8 =  9 + 8 = 17
    expected = [[100.0, 0.0], [90.0, 10.0], [83.0, 17.0]]
    occ = simulate([100.0, 0.0], np.stack([P2, P2]))
    assert occ.shape == (3, 2)
    assert_allclose(occ, expected, rtol=1e-14)
    # The same with a constant (S, S) matrix and an explicit zero inflow.
    assert_allclose(simulate([100.0, 0.0], P2, np.zeros((2, 2))), expected, rtol=1e-14)


def test_two_states_with_inflow():
    # inflow = [[5, 0], [5, 1]], added after each step's transition.
    # step 1: home = 100*0.9 + 0*0.2 + 5 = 95       care = 100*0.1 + 0*0.8 + 0 = 10
    # step 2: home = 95*0.9 + 10*0.2 + 5 = 85.5 + 2 + 5 = 92.5
    #         care = 95*0.1 + 10*0.8 + 1 =  9.5 + 8 + 1 = 18.5
    # totals: 100 -> 105 -> 111 (= previous total + inflow total)
    occ = simulate([100.0, 0.0], P2, [[5.0, 0.0], [5.0, 1.0]])
    assert_allclose(occ, [[100.0, 0.0], [95.0, 10.0], [92.5, 18.5]], rtol=1e-14)
    assert_allclose(occ.sum(axis=1), [100.0, 105.0, 111.0], rtol=1e-14)


# Three states: 0 = home care, 1 = nursing home, 2 = deceased (absorbing),
# with a different matrix in each of three steps.
P3_TIME_VARYING = np.array(
    [
        [[0.8, 0.15, 0.05], [0.0, 0.9, 0.1], [0.0, 0.0, 1.0]],
        [[0.7, 0.2, 0.1], [0.0, 0.85, 0.15], [0.0, 0.0, 1.0]],
        [[0.5, 0.3, 0.2], [0.1, 0.8, 0.1], [0.0, 0.0, 1.0]],
    ]
)


def test_three_states_time_varying_closed():
    # start [1000, 200, 0]
    # step 1 (P0): home = 1000*0.8                  = 800
    #              nh   = 1000*0.15 + 200*0.9       = 150 + 180 = 330
    #              dead = 1000*0.05 + 200*0.1       =  50 +  20 =  70
    # step 2 (P1): home = 800*0.7                   = 560
    #              nh   = 800*0.2 + 330*0.85        = 160 + 280.5 = 440.5
    #              dead = 800*0.1 + 330*0.15 + 70   =  80 + 49.5 + 70 = 199.5
    # step 3 (P2): home = 560*0.5 + 440.5*0.1       = 280 + 44.05 = 324.05
    #              nh   = 560*0.3 + 440.5*0.8       = 168 + 352.4 = 520.4
    #              dead = 560*0.2 + 440.5*0.1 + 199.5 = 112 + 44.05 + 199.5 = 355.55
    # every row totals 1200
    expected = [[1000.0, 200.0, 0.0], [800.0, 330.0, 70.0], [560.0, 440.5, 199.5], [324.05, 520.4, 355.55]]
    occ = simulate([1000.0, 200.0, 0.0], P3_TIME_VARYING)
    assert_allclose(occ, expected, rtol=1e-13)


def test_three_states_time_varying_with_inflow():
    # inflow = [[50, 0, 0], [40, 10, 0], [30, 0, 0]]
    # step 1 (P0): [800 + 50, 330, 70] = [850, 330, 70]            total 1250
    # step 2 (P1): home = 850*0.7 + 40             = 595 + 40 = 635
    #              nh   = 850*0.2 + 330*0.85 + 10  = 170 + 280.5 + 10 = 460.5
    #              dead = 850*0.1 + 330*0.15 + 70  =  85 + 49.5 + 70 = 204.5
    #                                                              total 1300
    # step 3 (P2): home = 635*0.5 + 460.5*0.1 + 30 = 317.5 + 46.05 + 30 = 393.55
    #              nh   = 635*0.3 + 460.5*0.8      = 190.5 + 368.4 = 558.9
    #              dead = 635*0.2 + 460.5*0.1 + 204.5 = 127 + 46.05 + 204.5 = 377.55
    #                                                              total 1330
    inflow = [[50.0, 0.0, 0.0], [40.0, 10.0, 0.0], [30.0, 0.0, 0.0]]
    expected = [[1000.0, 200.0, 0.0], [850.0, 330.0, 70.0], [635.0, 460.5, 204.5], [393.55, 558.9, 377.55]]
    occ = simulate([1000.0, 200.0, 0.0], P3_TIME_VARYING, inflow)
    assert_allclose(occ, expected, rtol=1e-13)
    assert_allclose(occ.sum(axis=1), [1200.0, 1250.0, 1300.0, 1330.0], rtol=1e-14)


def test_inflow_enters_after_the_transition():
    # Everybody moves 0 -> 1 in each step. Ten people arrive in state 0 during
    # step 0: they are counted in state 0 at the start of step 1 (they did not
    # make the step-0 transition) and reach state 1 only at the start of step 2.
    # occ[1] = [0, 0] @ P + [10, 0] = [10, 0]
    # occ[2] = [10, 0] @ P + [0, 0]  = [0, 10]
    move = np.array([[0.0, 1.0], [0.0, 1.0]])
    occ = simulate([0.0, 0.0], move, [[10.0, 0.0], [0.0, 0.0]])
    assert_array_equal(occ, [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])


def test_matches_independent_reference_loop():
    rng = np.random.default_rng(11)
    n_steps, n_states = 9, 5
    transitions = random_stochastic(rng, (n_steps,), n_states, sparsity=0.3)
    inflow = rng.random((n_steps, n_states)) * 20
    initial = rng.random(n_states) * 100
    assert_allclose(simulate(initial, transitions, inflow), reference_loop(initial, transitions, inflow), rtol=1e-12)


# ---------------------------------------------------------------------------
# Published cohort models
# ---------------------------------------------------------------------------

# HIV model: counts of observed annual transitions (Chancellor et al. 1997,
# as tabulated in Briggs, Claxton & Sculpher 2006, Example 2.5) from which the
# book's Excel model derives its probabilities. States A, B, C, D (death).
HIV_COUNTS_A = np.array([1251, 350, 116, 17])  # from A to A, B, C, D
HIV_COUNTS_B = np.array([731, 512, 15])  # from B to B, C, D
HIV_COUNTS_C = np.array([1312, 437])  # from C to C, D
# Annual costs of one person-year in A, B, C, D [GBP]: health-care costs
# (2756, 3052, 9007) plus zidovudine 2278; lamivudine adds 2086.5.
HIV_COST_MONO = np.array([2756.0 + 2278, 3052.0 + 2278, 9007.0 + 2278, 0.0])
HIV_COST_LAMIVUDINE = np.array([2086.5, 2086.5, 2086.5, 0.0])
HIV_RR = 0.509  # relative risk of progression with combination therapy


def hiv_matrix(rr: float = 1.0) -> np.ndarray:
    """Briggs' HIV matrix from counts; off-diagonal entries scaled by ``rr``."""
    matrix = np.zeros((4, 4))
    matrix[0, 1:] = HIV_COUNTS_A[1:] / HIV_COUNTS_A.sum() * rr
    matrix[1, 2:] = HIV_COUNTS_B[1:] / HIV_COUNTS_B.sum() * rr
    matrix[2, 3] = HIV_COUNTS_C[1] / HIV_COUNTS_C.sum() * rr
    matrix[np.diag_indices(4)] = 0.0
    matrix[np.diag_indices(4)] = 1.0 - matrix.sum(axis=1)
    return matrix


def hiv_outcomes(occ: np.ndarray, lamivudine_cycles: int) -> tuple[float, float]:
    """Undiscounted life years and costs discounted at 6 % [GBP], per person.

    Briggs counts years 1..20, i.e. occupancy after each annual transition
    (``occ[1:]``), discounting the costs of year ``k`` by ``1.06**-k``.
    """
    years = np.arange(1, occ.shape[0])
    life_years = occ[1:, :3].sum()
    annual_cost = occ[1:] @ HIV_COST_MONO
    annual_cost[:lamivudine_cycles] += occ[1 : lamivudine_cycles + 1] @ HIV_COST_LAMIVUDINE
    cost = (annual_cost / 1.06**years).sum()
    return float(life_years), float(cost)


def test_published_hiv_model_briggs_example_2_5():
    """HIV/AIDS Markov model, monotherapy vs combination therapy, 20 cycles.

    Model: Chancellor JV, Hill AM, Sabin CA, Simpson KN, Youle M (1997).
    "Modelling the cost effectiveness of lamivudine/zidovudine combination
    therapy in HIV infection." PharmacoEconomics 12(1):54-66; as worked in
    Briggs A, Claxton K, Sculpher M (2006). "Decision Modelling for Health
    Economic Evaluation", Oxford University Press, Example/Exercise 2.5
    (transition matrix Table 2.2, results Tables 2.3-2.4) and its online
    Excel solution. Cohort of 1 in state A; lamivudine (rr = 0.509 on every
    progression probability, cost 2086.5 GBP/year) for the first 2 cycles.

    Published figures, read from the R package heemod, file
    ``tests/testthat/test_dmhee.R`` (GitHub pierucci/heemod, test "exactly
    match HIV model", which reproduces "Example 2.5 and related online Excel
    model" of the book): cost_mono = 44663.4535637, cost_comb =
    50601.6513312, ly_mono = 7.9912066, ly_comb = 8.9373889, ICER =
    6275.95560 GBP per life year. The R package rdecision
    (``tests/testthat/test-model-AZT.R``, GitHub ajsims1704/rdecision) quotes
    the same results as printed in the book: cost 44663 and 50602 GBP, life
    years 8.937 (combination) and 7.991 (monotherapy, "from spreadsheet"),
    ICER 6276 GBP. Tolerances below are half a unit in the last printed
    digit.
    """
    monotherapy = hiv_matrix()
    combination = hiv_matrix(HIV_RR)
    n_cycles = 20
    initial = [1.0, 0.0, 0.0, 0.0]

    # Monotherapy with a constant matrix (zero inflow fixes T = 20).
    occ_mono = simulate(initial, monotherapy, np.zeros((n_cycles, 4)))
    # Combination therapy: time-varying matrices (rr for cycles 1-2 only).
    stacked = np.stack([combination] * 2 + [monotherapy] * (n_cycles - 2))
    occ_comb = simulate(initial, stacked)

    ly_mono, cost_mono = hiv_outcomes(occ_mono, lamivudine_cycles=0)
    ly_comb, cost_comb = hiv_outcomes(occ_comb, lamivudine_cycles=2)

    assert_allclose(ly_mono, 7.9912066, rtol=0, atol=5e-8)
    assert_allclose(ly_comb, 8.9373889, rtol=0, atol=5e-8)
    assert_allclose(cost_mono, 44663.4535637, rtol=0, atol=5e-8)
    assert_allclose(cost_comb, 50601.6513312, rtol=0, atol=5e-8)
    icer = (cost_comb - cost_mono) / (ly_comb - ly_mono)
    assert_allclose(icer, 6275.95560, rtol=0, atol=5e-6)

    # The cohort of 1000 of the book: first cycle equals row A of the matrix.
    assert_allclose(1000 * occ_mono[1], 1000 * monotherapy[0], rtol=1e-14)

    # Same model in one batched run: B = 2 strategies, (B, T, S, S).
    batch = simulate([initial, initial], np.stack([np.stack([monotherapy] * n_cycles), stacked]))
    assert_allclose(batch[0], occ_mono, rtol=1e-13)
    assert_allclose(batch[1], occ_comb, rtol=1e-13)


def test_published_hiv_model_heemod_vignette_rounded_matrix():
    """The same HIV model with the rounded matrix of heemod's vignette.

    Source: R package heemod, vignette "Simple Markov models (homogenous)"
    (``vignettes/homogenous.md``, GitHub pierucci/heemod; today's
    ``vignette("c-homogeneous", "heemod")``), based on Chancellor et al.
    (1997) and Briggs, Claxton & Sculpher (2006, p. 32). Monotherapy matrix
    A: 0.721 0.202 0.067 0.010; B: 0 0.581 0.407 0.012; C: 0 0 0.750 0.250;
    D: 0 0 0 1; combination therapy multiplies every progression probability
    by rr = 0.509 for all 20 cycles; one person starting in A. The rendered
    ``summary(res_mod)`` prints

        mono  cost_total 44613.85  life_year  7.979173
        comb  cost_total 81026.56  life_year 13.864239

    (costs discounted at 6 %, counting cycles 1..20, with the vignette's
    state costs: monotherapy health care 2756, 3052, 9007 plus zidovudine
    2278 in A, B, C; combination therapy lamivudine 2086 plus zidovudine in
    every state, with health care 3052 in A as well as B, as the vignette
    defines ``A_comb``).
    """
    mono = np.array(
        [[0.721, 0.202, 0.067, 0.010], [0.0, 0.581, 0.407, 0.012], [0.0, 0.0, 0.750, 0.250], [0.0, 0.0, 0.0, 1.0]]
    )
    rr = 0.509
    comb = mono * rr
    comb[np.diag_indices(4)] = 0.0
    comb[np.diag_indices(4)] = 1.0 - comb.sum(axis=1)
    years = np.arange(1, 21)
    discount = 1.06**-years
    cost_mono = np.array([2756.0 + 2278, 3052.0 + 2278, 9007.0 + 2278, 0.0])
    cost_comb = np.array([3052.0 + 2278 + 2086, 3052.0 + 2278 + 2086, 9007.0 + 2278 + 2086, 0.0])

    # Both strategies in one batched run with constant (B, S, S) matrices.
    occ = simulate([[1.0, 0.0, 0.0, 0.0]] * 2, np.stack([mono, comb]), np.zeros((2, 20, 4)))
    life_years = occ[:, 1:, :3].sum(axis=(1, 2))
    costs = [(occ[0, 1:] @ cost_mono * discount).sum(), (occ[1, 1:] @ cost_comb * discount).sum()]

    assert_allclose(life_years, [7.979173, 13.864239], rtol=0, atol=5e-7)
    assert_allclose(costs, [44613.85, 81026.56], rtol=0, atol=5e-3)
    # Cohort of 1000 after one cycle: 721, 202, 67, 10 (Briggs' first row).
    assert_allclose(1000 * occ[0, 1], [721.0, 202.0, 67.0, 10.0], rtol=1e-13)


# Total hip replacement (THR) model, Briggs, Claxton & Sculpher (2006),
# Example/Exercise 3.5. States: PrimaryTHR, SuccessP, RevisionTHR, SuccessR,
# Death. Woman aged 60 at the start; cycle k (1-based) uses age 60 + k.
THR_LAMBDA = np.exp(-5.490935 + -0.0367022 * 60 + 0.768536 * 0)
THR_GAMMA = np.exp(0.3740968)
THR_RR_NP1 = np.exp(-1.344474)
# Female background mortality per year by age band (lower edge) [1/year].
THR_FEMALE_MORTALITY = {35: 0.99e-3, 45: 2.6e-3, 55: 6.7e-3, 65: 19.3e-3, 75: 53.5e-3, 85: 154.8e-3}


def thr_matrix(cycle: int, relative_risk: float) -> np.ndarray:
    """THR transition matrix of 1-based ``cycle`` (time-varying)."""
    revision = 1.0 - np.exp(THR_LAMBDA * relative_risk * ((cycle - 1) ** THR_GAMMA - cycle**THR_GAMMA))
    band = max(edge for edge in THR_FEMALE_MORTALITY if edge <= 60 + cycle)
    mortality = THR_FEMALE_MORTALITY[band]
    operative_mortality, re_revision = 0.02, 0.04
    return np.array(
        [
            [0.0, 1 - operative_mortality, 0.0, 0.0, operative_mortality],
            [0.0, 1 - revision - mortality, revision, 0.0, mortality],
            [0.0, 0.0, 0.0, 1 - operative_mortality - mortality, operative_mortality + mortality],
            [0.0, 0.0, re_revision, 1 - re_revision - mortality, mortality],
            [0.0, 0.0, 0.0, 0.0, 1.0],
        ]
    )


@pytest.mark.parametrize(
    ("prosthesis", "relative_risk", "published"),
    [
        (
            "standard",
            1.0,
            [
                [0.98000000, 0.0000000, 0.0000000, 0.0200000],
                [0.97265720, 0.0007768, 0.0000000, 0.02656600],
                [0.96516548, 0.00097491, 0.00075606, 0.03310354],
                [0.95757109, 0.00115802, 0.00166964, 0.03960125],
                [0.93783561, 0.00132115, 0.00268314, 0.05816010],
                [0.91838963, 0.00145307, 0.00379326, 0.07636404],
                [0.89924305, 0.00157339, 0.00496429, 0.09421927],
                [0.88040225, 0.00168398, 0.00618146, 0.11173231],
            ],
        ),
        (
            "NP1",
            THR_RR_NP1,
            [
                [0.98000000, 0.00000000, 0.00000000, 0.02000000],
                [0.97323145, 0.00020255, 0.00000000, 0.02656600],
                [0.96645641, 0.00025438, 0.00019715, 0.03309206],
                [0.95968665, 0.00030239, 0.00043553, 0.03957543],
                [0.94083683, 0.00034529, 0.00070021, 0.05811767],
                [0.92232657, 0.00038012, 0.00099040, 0.07630291],
                [0.90415327, 0.00041201, 0.00129686, 0.09413786],
                [0.88631355, 0.00044144, 0.00161577, 0.11162924],
            ],
        ),
    ],
)
def test_published_thr_markov_trace(prosthesis, relative_risk, published):
    """Per-cycle Markov trace of the total hip replacement model.

    Source: Briggs A, Claxton K, Sculpher M (2006). "Decision Modelling for
    Health Economic Evaluation", Oxford University Press, Example 3.5 (THR
    model, standard vs NP1 prosthesis) and its online Excel model. The trace
    (state probabilities of SuccessP, RevisionTHR, SuccessR, Death after
    cycles 1-8) and all parameters (operative mortality 0.02, re-revision
    0.04, Weibull revision hazard with cons -5.490935, age coefficient
    -0.0367022, male 0.768536, ln gamma 0.3740968, ln RR(NP1) -1.344474,
    female life table 0.99, 2.6, 6.7, 19.3, 53.5, 154.8 per 1000 for ages
    35, 45, ..., 85) are read from the R package heemod, file
    ``tests/testthat/test_dmhee.R`` (GitHub pierucci/heemod, test "Exactly
    match THR model", matrices ``briggs_std_counts`` and
    ``briggs_new_counts``, printed to 8 decimals).

    The revision probability and mortality change every cycle, so this
    exercises time-varying transitions both via ``simulate`` with a stacked
    ``(T, S, S)`` array and via ``propagate`` with a callable.
    """
    n_cycles = 8
    initial = [1.0, 0.0, 0.0, 0.0, 0.0]
    stacked = np.stack([thr_matrix(k, relative_risk) for k in range(1, n_cycles + 1)])

    occ = simulate(initial, stacked)
    assert_allclose(occ[1:, 1:], published, rtol=0, atol=5e-9, err_msg=prosthesis)

    occ_callable = propagate(initial, lambda t: thr_matrix(t + 1, relative_risk), np.zeros((n_cycles, 5)))
    assert_allclose(occ_callable, occ, rtol=1e-15, atol=0)


# ---------------------------------------------------------------------------
# Batching
# ---------------------------------------------------------------------------


def test_batched_time_varying_equals_separate_runs():
    rng = np.random.default_rng(2024)
    n_batch, n_steps, n_states = 6, 7, 4
    transitions = random_stochastic(rng, (n_batch, n_steps), n_states, sparsity=0.4)
    inflow = rng.random((n_batch, n_steps, n_states)) * 10
    initial = rng.random((n_batch, n_states)) * 100

    occ = simulate(initial, transitions, inflow)
    assert occ.shape == (n_batch, n_steps + 1, n_states)
    for b in range(n_batch):
        single = simulate(initial[b], transitions[b], inflow[b])
        assert_allclose(occ[b], single, rtol=1e-13, atol=1e-13)
    # Members really differ, so a mix-up of batch members would be caught.
    assert not np.allclose(occ[0], occ[1])


def test_batched_constant_equals_separate_runs():
    rng = np.random.default_rng(7)
    n_batch, n_steps, n_states = 5, 12, 3
    transitions = random_stochastic(rng, (n_batch,), n_states)
    inflow = rng.random((n_batch, n_steps, n_states))
    initial = rng.random((n_batch, n_states)) * 50

    occ = simulate(initial, transitions, inflow)
    for b in range(n_batch):
        assert_allclose(occ[b], simulate(initial[b], transitions[b], inflow[b]), rtol=1e-13, atol=1e-13)


def test_batched_closed_time_varying_without_inflow():
    rng = np.random.default_rng(3)
    transitions = random_stochastic(rng, (4, 6), 3)
    initial = rng.random((4, 3))
    occ = simulate(initial, transitions)
    assert occ.shape == (4, 7, 3)
    for b in range(4):
        assert_allclose(occ[b], simulate(initial[b], transitions[b]), rtol=1e-13)


def test_constant_matrix_equals_stacked_matrices():
    rng = np.random.default_rng(5)
    matrix = random_stochastic(rng, (), 4)
    inflow = rng.random((10, 4))
    initial = rng.random(4)
    assert_allclose(simulate(initial, matrix, inflow), simulate(initial, np.stack([matrix] * 10), inflow), rtol=1e-14)


# ---------------------------------------------------------------------------
# Invariants
# ---------------------------------------------------------------------------


def test_closed_model_conserves_total():
    rng = np.random.default_rng(8)
    transitions = random_stochastic(rng, (20, 50), 6, sparsity=0.5)
    initial = rng.random((20, 6)) * 1000
    occ = simulate(initial, transitions)
    totals = occ.sum(axis=-1)
    assert_allclose(totals, np.repeat(initial.sum(axis=-1)[:, None], 51, axis=1), rtol=1e-12)


def test_inflow_adds_exactly_its_total():
    rng = np.random.default_rng(9)
    transitions = random_stochastic(rng, (8,), 5)
    inflow = rng.random((8, 40, 5)) * 30
    initial = rng.random((8, 5)) * 1000
    occ = simulate(initial, transitions, inflow)
    totals = occ.sum(axis=-1)
    # total(t + 1) = total(t) + inflow total of step t
    assert_allclose(np.diff(totals, axis=-1), inflow.sum(axis=-1), rtol=1e-10)
    assert_allclose(totals[:, -1], initial.sum(-1) + inflow.sum(axis=(1, 2)), rtol=1e-12)


def test_occupancy_stays_non_negative():
    rng = np.random.default_rng(10)
    transitions = random_stochastic(rng, (50, 30), 9, sparsity=0.8)
    # include exact 0/1 probabilities: first state is absorbing everywhere
    transitions[..., 0, :] = 0.0
    transitions[..., 0, 0] = 1.0
    inflow = rng.random((50, 30, 9)) * (rng.random((50, 30, 9)) < 0.3)
    initial = rng.random((50, 9)) * (rng.random((50, 9)) < 0.5)
    occ = simulate(initial, transitions, inflow)
    assert np.all(occ >= 0.0)
    assert np.all(np.isfinite(occ))


def test_initial_row_and_inputs_untouched():
    initial = np.array([3.0, 4.0])
    transitions = np.stack([P2, P2])
    inflow = np.ones((2, 2))
    copies = initial.copy(), transitions.copy(), inflow.copy()
    occ = simulate(initial, transitions, inflow)
    assert occ.dtype == np.float64
    assert_array_equal(occ[0], initial)
    occ[...] = -1.0  # the result must not share memory with the inputs
    for original, copy in zip((initial, transitions, inflow), copies, strict=True):
        assert_array_equal(original, copy)


def test_accepts_lists_and_integers():
    occ = simulate([100, 0], [[[1, 0], [0, 1]], [[0, 1], [0, 1]]], [[1, 2], [3, 4]])
    # step 1: [100, 0] @ I + [1, 2] = [101, 2]
    # step 2: [101, 2] @ [[0, 1], [0, 1]] + [3, 4] = [0 + 3, 103 + 4] = [3, 107]
    assert_allclose(occ, [[100, 0], [101, 2], [3, 107]], rtol=0)


def test_probability_and_row_sum_tolerances():
    # A probability of -1e-13 is within the 1e-12 tolerance ...
    tiny_negative = np.array([[1.0 + 1e-13, -1e-13], [0.0, 1.0]])
    simulate([1.0, 1.0], tiny_negative, np.zeros((1, 2)))
    # ... a row sum off by 5e-10 is within the 1e-9 tolerance ...
    simulate([1.0, 1.0], np.array([[0.5, 0.5 + 5e-10], [0.0, 1.0]]), np.zeros((1, 2)))
    # ... but 2e-9 is not.
    with pytest.raises(ValueError, match=r"^transitions row 0 sums to 1\.000000002, not 1$"):
        simulate([1.0, 1.0], np.array([[0.5, 0.5 + 2e-9], [0.0, 1.0]]), np.zeros((1, 2)))


# ---------------------------------------------------------------------------
# Validation errors
# ---------------------------------------------------------------------------

_PT = np.stack([P2, P2, P2])  # (T=3, S=2, S=2)
_INIT = np.array([100.0, 0.0])  # (S=2,)
_INIT_B = np.array([[100.0, 0.0], [50.0, 50.0]])  # (B=2, S=2)
_PT_B = np.stack([_PT, _PT])  # (B=2, T=3, S=2, S=2)


def _with(array, index, value):
    out = np.array(array, dtype=float)
    out[index] = value
    return out


_3_STATE_BAD_ROW = _with(P3_TIME_VARYING, (0, 1), [0.6, 0.5, -0.1])

VALIDATION_CASES = [
    # wrong number of dimensions
    (
        "initial ndim 0",
        dict(initial=5.0, transitions=_PT),
        r"^initial must have shape \(S,\) or \(B, S\), got shape \(\) \(ndim 0\)",
    ),
    ("initial ndim 3", dict(initial=np.zeros((1, 1, 2)), transitions=_PT), r"^initial must have shape .*ndim 3"),
    (
        "transitions ndim 4 unbatched",
        dict(initial=_INIT, transitions=_PT_B),
        r"^transitions must have shape \(S, S\) constant or \(T, S, S\) \(unbatched\)",
    ),
    (
        "transitions ndim 1",
        dict(initial=_INIT, transitions=[1.0, 0.0], inflow=np.zeros((3, 2))),
        r"^transitions must have shape .*ndim 1",
    ),
    (
        "transitions ndim 2 batched",
        dict(initial=_INIT_B, transitions=P2, inflow=np.zeros((2, 3, 2))),
        r"^transitions must have shape \(B, S, S\) constant or \(B, T, S, S\) \(batched",
    ),
    (
        "inflow ndim unbatched",
        dict(initial=_INIT, transitions=_PT, inflow=np.zeros((1, 3, 2))),
        r"^inflow must have shape \(T, S\) \(unbatched\), got shape \(1, 3, 2\)",
    ),
    (
        "inflow ndim batched",
        dict(initial=_INIT_B, transitions=_PT_B, inflow=np.zeros((3, 2))),
        r"^inflow must have shape \(B, T, S\) \(batched",
    ),
    # mismatched S
    ("transitions not square", dict(initial=_INIT, transitions=np.zeros((3, 2, 3))), r"^transitions must be square"),
    (
        "S mismatch transitions",
        dict(initial=[1.0, 2.0, 3.0], transitions=_PT),
        r"^transitions has shape \(3, 2, 2\) but initial has S=3 states",
    ),
    (
        "S mismatch inflow",
        dict(initial=_INIT, transitions=_PT, inflow=np.zeros((3, 3))),
        r"^inflow has shape \(3, 3\) but transitions imply T=3, S=2$",
    ),
    (
        "S mismatch inflow constant",
        dict(initial=_INIT, transitions=P2, inflow=np.zeros((3, 3))),
        r"^inflow has shape \(3, 3\) but initial and transitions imply S=2$",
    ),
    # mismatched T
    (
        "T mismatch",
        dict(initial=_INIT, transitions=_PT, inflow=np.zeros((2, 2))),
        "^" + re.escape("inflow has shape (2, 2) but transitions imply T=3, S=2") + "$",
    ),
    (
        "T mismatch batched",
        dict(initial=_INIT_B, transitions=_PT_B, inflow=np.zeros((2, 4, 2))),
        r"^inflow has shape \(2, 4, 2\) but initial and transitions imply B=2, T=3, S=2$",
    ),
    # mismatched B
    (
        "B mismatch transitions",
        dict(initial=_INIT_B, transitions=np.stack([_PT] * 3)),
        r"^transitions has shape \(3, 3, 2, 2\) with batch size 3, but initial has B=2",
    ),
    (
        "B mismatch constant transitions",
        dict(initial=_INIT_B, transitions=np.stack([P2] * 3), inflow=np.zeros((2, 3, 2))),
        r"^transitions has shape \(3, 2, 2\) with batch size 3, but initial has B=2",
    ),
    (
        "B mismatch inflow",
        dict(initial=_INIT_B, transitions=_PT_B, inflow=np.zeros((3, 3, 2))),
        r"^inflow has shape \(3, 3, 2\) but initial and transitions imply B=2, T=3, S=2$",
    ),
    # NaN and inf
    ("NaN initial", dict(initial=[1.0, np.nan], transitions=_PT), r"^initial contains NaN at \[1\]$"),
    (
        "NaN transitions",
        dict(initial=_INIT, transitions=_with(_PT, (1, 0, 1), np.nan)),
        r"^transitions contains NaN at \[1, 0, 1\]$",
    ),
    (
        "NaN inflow",
        dict(initial=_INIT, transitions=_PT, inflow=_with(np.zeros((3, 2)), (2, 0), np.nan)),
        r"^inflow contains NaN at \[2, 0\]$",
    ),
    ("inf initial", dict(initial=[np.inf, 0.0], transitions=_PT), r"^initial contains inf \(inf\) at \[0\]$"),
    (
        "-inf transitions",
        dict(initial=_INIT, transitions=_with(_PT, (2, 1, 0), -np.inf)),
        r"^transitions contains inf \(-inf\) at \[2, 1, 0\]$",
    ),
    (
        "inf inflow batched",
        dict(initial=_INIT_B, transitions=_PT_B, inflow=_with(np.zeros((2, 3, 2)), (1, 2, 1), np.inf)),
        r"^inflow contains inf \(inf\) at \[1, 2, 1\]$",
    ),
    # probabilities outside [0, 1]
    (
        "probability > 1",
        dict(initial=_INIT, transitions=_with(_PT, (0, 0), [1.1, -0.1])),
        r"^transitions contains a probability outside \[0, 1\]: 1\.1 at \[0, 0, 0\]$",
    ),
    (
        "probability < 0",
        dict(initial=[1.0, 1.0, 1.0], transitions=_3_STATE_BAD_ROW),
        "^" + re.escape("transitions contains a probability outside [0, 1]: -0.1 at [0, 1, 2]") + "$",
    ),
    # rows not summing to 1
    (
        "row sum time-varying",
        dict(initial=_INIT, transitions=_with(_PT, (1, 0), [0.9, 0.08])),
        "^" + re.escape("transitions[1] row 0 sums to 0.98, not 1") + "$",
    ),
    (
        "row sum constant",
        dict(initial=_INIT, transitions=_with(P2, 1, [0.2, 0.7]), inflow=np.zeros((3, 2))),
        r"^transitions row 1 sums to 0\.9, not 1$",
    ),
    (
        "row sum batched",
        dict(initial=_INIT_B, transitions=_with(_PT_B, (1, 2, 0), [0.5, 0.6])),
        r"^transitions\[1, 2\] row 0 sums to 1\.1, not 1$",
    ),
    # negative counts
    (
        "negative initial",
        dict(initial=[1.0, -1.0], transitions=_PT),
        r"^initial contains a negative count: -1 at \[1\]",
    ),
    (
        "negative inflow",
        dict(initial=_INIT, transitions=_PT, inflow=_with(np.zeros((3, 2)), (1, 1), -0.5)),
        r"^inflow contains a negative count: -0\.5 at \[1, 1\]",
    ),
    # constant transitions without inflow: number of steps unknown
    (
        "constant without inflow",
        dict(initial=_INIT, transitions=P2),
        r"^the number of steps is unknown: transitions has shape \(2, 2\) .*inflow is None; "
        r"give transitions of shape \(T, S, S\) or an inflow of shape \(T, S\)$",
    ),
    (
        "batched constant without inflow",
        dict(initial=_INIT_B, transitions=np.stack([P2, P2])),
        r"^the number of steps is unknown: transitions has shape \(2, 2, 2\) .*"
        r"\(B, T, S, S\) or an inflow of shape \(B, T, S\)$",
    ),
    # not convertible to float arrays
    (
        "initial not numeric",
        dict(initial=["a", "b"], transitions=_PT),
        r"^initial cannot be converted to an array of floats",
    ),
    (
        "transitions ragged",
        dict(initial=_INIT, transitions=[[0.5, 0.5], [1.0]], inflow=np.zeros((3, 2))),
        r"^transitions cannot be converted to an array of floats",
    ),
    (
        "inflow not numeric",
        dict(initial=_INIT, transitions=_PT, inflow={"a": 1}),
        r"^inflow cannot be converted to an array of floats",
    ),
]


@pytest.mark.parametrize(
    ("kwargs", "pattern"), [case[1:] for case in VALIDATION_CASES], ids=[case[0] for case in VALIDATION_CASES]
)
def test_validation_errors(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        simulate(**kwargs)


def test_validation_cases_are_otherwise_valid():
    # Guard against the parametrized cases failing for an unintended reason:
    # the base arrays they perturb are themselves accepted.
    simulate(_INIT, _PT)
    simulate(_INIT_B, _PT_B)
    simulate(_INIT, _PT, np.zeros((3, 2)))
    simulate(_INIT_B, _PT_B, np.zeros((2, 3, 2)))
    simulate([1.0, 1.0, 1.0], P3_TIME_VARYING)


# ---------------------------------------------------------------------------
# propagate
# ---------------------------------------------------------------------------


def test_propagate_callable_equals_simulate_stacked_unbatched():
    rng = np.random.default_rng(12)
    transitions = random_stochastic(rng, (15,), 6)
    inflow = rng.random((15, 6))
    initial = rng.random(6) * 10
    assert_allclose(
        propagate(initial, lambda t: transitions[t], inflow), simulate(initial, transitions, inflow), rtol=1e-15
    )


def test_propagate_callable_equals_simulate_stacked_batched():
    rng = np.random.default_rng(13)
    transitions = random_stochastic(rng, (7, 11), 5)
    inflow = rng.random((7, 11, 5))
    initial = rng.random((7, 5)) * 10
    occ = propagate(initial, lambda t: transitions[:, t], inflow)
    assert occ.shape == (7, 12, 5)
    assert_allclose(occ, simulate(initial, transitions, inflow), rtol=1e-15)


def test_propagate_shared_matrix_and_broadcast_inflow():
    # One (S, S) matrix per step shared by all batch members and a (T, S)
    # inflow shared by all of them equal the explicitly tiled batched run.
    rng = np.random.default_rng(14)
    n_batch, n_steps, n_states = 4, 9, 3
    shared = random_stochastic(rng, (n_steps,), n_states)
    inflow = rng.random((n_steps, n_states))
    initial = rng.random((n_batch, n_states))
    occ = propagate(initial, lambda t: shared[t], inflow)
    assert occ.shape == (n_batch, n_steps + 1, n_states)
    tiled = simulate(
        initial, np.broadcast_to(shared, (n_batch, *shared.shape)), np.broadcast_to(inflow, (n_batch, *inflow.shape))
    )
    assert_allclose(occ, tiled, rtol=1e-13)


def test_propagate_calls_transition_at_once_per_step_in_order():
    calls = []

    def transition_at(t):
        calls.append(t)
        return P2

    propagate([1.0, 0.0], transition_at, np.zeros((5, 2)))
    assert calls == [0, 1, 2, 3, 4]


def test_propagate_zero_steps_returns_initial():
    occ = propagate([[1.0, 2.0], [3.0, 4.0]], lambda t: P2, np.zeros((2, 0, 2)))
    assert occ.shape == (2, 1, 2)
    assert_array_equal(occ[:, 0], [[1.0, 2.0], [3.0, 4.0]])


def test_propagate_does_not_validate():
    # Documented behaviour: no checks, garbage in, garbage out.
    occ = propagate([1.0, -1.0], lambda t: np.full((2, 2), np.nan), np.zeros((1, 2)))
    assert np.isnan(occ[1]).all()


# ---------------------------------------------------------------------------
# propagate_exits (stay-or-leave models, batch-last)
# ---------------------------------------------------------------------------


def _random_exit_model(rng, batch, steps, states, varying):
    p = rng.uniform(0.0, 0.4, size=(*batch, steps if varying else 1, states))
    dest = rng.uniform(size=(*batch, states, states))
    dest /= dest.sum(axis=-1, keepdims=True)
    initial = rng.uniform(0, 50, size=(*batch, states))
    inflow = rng.uniform(0, 5, size=(*batch, steps, states))
    return initial, p, dest, inflow


@pytest.mark.parametrize("varying", [False, True])
@pytest.mark.parametrize("batch", [(), (7,), (2, 3)])
def test_propagate_exits_equals_the_matrix_recursion(varying, batch):
    rng = np.random.default_rng(7)
    initial, p, dest, inflow = _random_exit_model(rng, batch, steps=12, states=5, varying=varying)
    eye = np.eye(5)
    matrices = eye * (1 - p)[..., None] + p[..., :, None] * dest[..., None, :, :]  # (..., T|1, S, S)

    def at(t):
        return matrices[..., t if varying else 0, :, :]

    expected = propagate(initial, at, inflow)
    assert_allclose(propagate_exits(initial, p, dest, inflow), expected, rtol=1e-12, atol=1e-12)
    # The matrices are valid for the validating front end too.
    if varying and batch == (7,):
        assert_allclose(simulate(initial, matrices, inflow), expected, rtol=1e-12)


def test_propagate_exits_hand_computed_two_states():
    # 10 % of state 0 leaves each step, all to state 1; 2 arrive in state 0 each step.
    # step 1: 100*0.9 + 2 = 92, 0 + 10 = 10; step 2: 92*0.9 + 2 = 84.8, 10 + 9.2 = 19.2
    occ = propagate_exits([100.0, 0.0], [[0.1, 0.0]], [[0.0, 1.0], [0.0, 1.0]], [[2.0, 0.0], [2.0, 0.0]])
    assert_allclose(occ, [[100.0, 0.0], [92.0, 10.0], [84.8, 19.2]])


def test_propagate_exits_broadcasts_shared_arguments():
    # One destination matrix and one initial state shared by a batch of two exit paths.
    rng = np.random.default_rng(3)
    initial, p, dest, inflow = _random_exit_model(rng, (), steps=6, states=4, varying=True)
    p2 = np.stack([p, p * 0.5])
    occ = propagate_exits(initial, p2, dest, inflow)
    assert occ.shape == (2, 7, 4)
    assert_allclose(occ[0], propagate_exits(initial, p, dest, inflow))
    assert_allclose(occ[1], propagate_exits(initial, p * 0.5, dest, inflow))
