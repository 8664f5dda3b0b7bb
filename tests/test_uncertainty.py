"""Monte Carlo analysis and the distributions it draws from (issue 5).

Invariants: collapsed ranges reproduce the deterministic run in every draw;
the same seed gives the same result; symmetric ranges put the median near the
deterministic run; chunking does not change the answer; probabilities are
shares and payback probability never falls with time.
"""

from __future__ import annotations

import tracemalloc
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import model
from model.analysis import distributions, uncertainty
from model.analysis.distributions import PERT_LAMBDA, mean, sample, sample_values
from model.analysis.uncertainty import run_uncertainty
from model.parameters import DOMAINS, Parameter

SCENARIO = model.Scenario(shift_sek_per_year=10e6)
#: A scenario whose payback is genuinely uncertain: parent training only, slow to pay back.
#: The default scenario: whether it pays back is genuinely uncertain (the evidence of the measures is weak).
UNCERTAIN = model.Scenario(shift_sek_per_year=10e6)


def collapsed(params: model.Parameters) -> model.Parameters:
    """Every range collapsed to its value (low = high = value)."""
    return replace(params, parameters=tuple(replace(p, low=p.value, high=p.value) for p in params.parameters))


def symmetric(params: model.Parameters) -> model.Parameters:
    """Every range made symmetric around its value (the narrower side on both sides)."""
    out = []
    for p in params.parameters:
        w = min(p.value - p.low, p.high - p.value)
        out.append(replace(p, low=p.value - w, high=p.value + w))
    return replace(params, parameters=tuple(out))


@pytest.fixture(scope="module")
def default_mc(default_params) -> model.UncertaintyResult:
    return run_uncertainty(default_params, UNCERTAIN, draws=400, seed=1)


# --- distributions ----------------------------------------------------------------------------


def _param(distribution: str, low: float = 2.0, value: float = 3.0, high: float = 7.0) -> Parameter:
    return Parameter("care.hvb.duration_months", value, "månader", low, high, "test", distribution=distribution)


@pytest.mark.parametrize(
    ("distribution", "expected"),
    [
        ("pert", (2.0 + PERT_LAMBDA * 3.0 + 7.0) / (PERT_LAMBDA + 2.0)),
        ("triangular", (2.0 + 3.0 + 7.0) / 3.0),
        ("uniform", (2.0 + 7.0) / 2.0),
        ("fixed", 3.0),
    ],
)
def test_samples_lie_in_the_range_and_have_the_documented_mean(distribution, expected):
    p = _param(distribution)
    assert mean(p) == pytest.approx(expected)
    x = sample(p, 200_000, np.random.default_rng(7))
    assert x.shape == (200_000,)
    assert x.min() >= p.low and x.max() <= p.high
    standard_error = max(x.std(), 1e-12) / np.sqrt(len(x))
    assert abs(x.mean() - expected) < 5 * standard_error + 1e-12


def test_pert_mode_is_the_value():
    x = sample(_param("pert", 0.0, 0.2, 1.0), 200_000, np.random.default_rng(3))
    counts, edges = np.histogram(x, bins=50, range=(0.0, 1.0))
    peak = 0.5 * (edges[counts.argmax()] + edges[counts.argmax() + 1])
    assert peak == pytest.approx(0.2, abs=0.04)


@pytest.mark.parametrize("distribution", ["pert", "triangular", "uniform", "fixed"])
def test_a_collapsed_range_always_gives_the_value(distribution):
    p = _param(distribution, 3.0, 3.0, 3.0)
    assert not distributions.is_uncertain(p)
    assert (sample(p, 50, np.random.default_rng(0)) == 3.0).all()


def test_value_at_the_end_of_its_range_is_sampled_within_it():
    x = sample(_param("pert", 0.0, 0.0, 0.3), 10_000, np.random.default_rng(0))
    assert x.min() >= 0.0 and x.max() <= 0.3 and x.mean() == pytest.approx(0.3 / 6, rel=0.05)


def test_effect_sizes_are_declared_triangular_in_the_data(default_params):
    effects = [p for p in default_params.parameters if p.kind in ("risk_reduction", "stay_reduction")]
    assert effects and all(p.distribution == "triangular" for p in effects if p.low < p.high)
    assert default_params["care.hvb.cost_per_day"].distribution == "pert"  # the default for everything else


def test_the_discount_rate_is_a_choice_and_not_drawn(default_params):
    values = sample_values(default_params, 100, seed=0)
    assert (values["economics.discount_rate"] == default_params.value("economics.discount_rate")).all()
    assert "economics.discount_rate" not in {p.name for p in distributions.uncertain_parameters(default_params)}


def test_draws_are_reproducible_and_per_parameter(default_params):
    a = sample_values(default_params, 300, seed=5)
    b = sample_values(default_params, 300, seed=5)
    c = sample_values(default_params, 300, seed=6)
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])
    name = "care.hvb.cost_per_day"
    assert not np.array_equal(a[name], c[name])
    # A parameter's draws do not depend on which other parameters are drawn.
    alone = sample_values(default_params, 300, seed=5, names=[name])
    np.testing.assert_array_equal(alone[name], a[name])
    assert (alone["care.sis.cost_per_day"] == default_params.value("care.sis.cost_per_day")).all()


def test_sampled_values_stay_within_range_and_domain(default_params):
    values = sample_values(default_params, 2_000, seed=11)
    for p in default_params.parameters:
        v = values[p.name]
        assert v.shape == (2_000,)
        assert v.min() >= p.low - 1e-12 and v.max() <= p.high + 1e-12, p.name
        lo, hi, _ = DOMAINS.get(p.kind, (-np.inf, np.inf, False))
        assert v.min() >= lo and v.max() <= hi, p.name


@pytest.mark.parametrize("seed", [-1, 1.5, "1", True])
def test_bad_seed_is_refused(default_params, seed):
    with pytest.raises(ValueError, match="seed"):
        sample_values(default_params, 10, seed=seed)


# --- the Monte Carlo run ---------------------------------------------------------------------


@pytest.mark.parametrize("scenario", [SCENARIO, UNCERTAIN], ids=["default", "prevention_only"])
def test_collapsed_ranges_give_the_deterministic_run_in_every_draw(default_params, scenario):
    params = collapsed(default_params)
    det = model.run(params, scenario)
    mc = run_uncertainty(params, scenario, draws=40, seed=3)
    y = mc.yearly
    for prefix, column in (
        ("net_sek", "net_sek"),
        ("cumulative_net_sek", "cumulative_net_sek"),
        ("children_placed_scenario", "children_placed_scenario"),
        ("external_budget_deviation_sek", "external_budget_deviation_sek"),
    ):
        for suffix in ("p05", "p25", "median", "p75", "p95", "central"):
            assert_allclose(y[f"{prefix}_{suffix}"], det.yearly[column], rtol=1e-9, atol=1e-6, err_msg=prefix)
    assert_allclose(mc.per_draw["npv_sek"], det.summary["npv_sek"], rtol=1e-9)
    assert_allclose(mc.per_draw["net_total_sek"], det.summary["net_total_sek"], rtol=1e-9)
    payback = det.summary["payback_year"]
    expected = [1.0 if payback is not None and year >= payback else 0.0 for year in y["year"]]
    assert y["probability_paid_back"].tolist() == expected
    assert mc.summary["payback_year_central"] == payback


def test_central_run_equals_model_run(default_params, default_mc):
    det = model.run(default_params, UNCERTAIN)
    assert_allclose(default_mc.yearly["cumulative_net_sek_central"], det.yearly["cumulative_net_sek"], rtol=1e-9)
    assert default_mc.summary["npv_sek_central"] == pytest.approx(det.summary["npv_sek"], rel=1e-9)


def test_same_seed_same_result_other_seed_other_result(default_params, default_mc):
    again = run_uncertainty(default_params, UNCERTAIN, draws=400, seed=1)
    assert again.yearly.equals(default_mc.yearly)
    assert again.per_draw.equals(default_mc.per_draw)
    assert again.summary == default_mc.summary
    other = run_uncertainty(default_params, UNCERTAIN, draws=400, seed=2)
    assert not np.allclose(other.per_draw["npv_sek"], default_mc.per_draw["npv_sek"])


def test_draws_really_vary(default_mc):
    assert default_mc.per_draw["npv_sek"].std() > 1e5
    assert len(default_mc.per_draw) == 400
    y = default_mc.yearly
    assert (y["cumulative_net_sek_p95"].iloc[-1] - y["cumulative_net_sek_p05"].iloc[-1]) > 1e6


def test_symmetric_ranges_put_the_median_near_the_deterministic_run(default_params):
    params = symmetric(default_params)
    det = model.run(params, SCENARIO)
    mc = run_uncertainty(params, SCENARIO, draws=2_000, seed=4)
    end = mc.yearly.iloc[-1]
    spread = end["cumulative_net_sek_p95"] - end["cumulative_net_sek_p05"]
    assert abs(end["cumulative_net_sek_median"] - det.yearly["cumulative_net_sek"].iloc[-1]) < 0.1 * spread
    assert abs(mc.summary["npv_sek_median"] - det.summary["npv_sek"]) < 0.1 * (
        mc.summary["npv_sek_p95"] - mc.summary["npv_sek_p05"]
    )
    assert mc.summary["npv_sek_p05"] < det.summary["npv_sek"] < mc.summary["npv_sek_p95"]


def test_percentiles_are_ordered(default_mc):
    y = default_mc.yearly
    for prefix in uncertainty.YEARLY_QUANTITIES:
        cols = [f"{prefix}_{s}" for _, s in uncertainty.PERCENTILES]
        values = y[cols].to_numpy()
        assert (np.diff(values, axis=1) >= -1e-6).all(), prefix
    s = default_mc.summary
    assert s["npv_sek_p05"] <= s["npv_sek_p25"] <= s["npv_sek_median"] <= s["npv_sek_p75"] <= s["npv_sek_p95"]


def test_probabilities_are_shares_and_payback_never_falls(default_mc):
    y = default_mc.yearly
    for col in ("probability_paid_back", "probability_cumulative_saving", "probability_budget_holds"):
        assert y[col].between(0.0, 1.0).all(), col
    assert (np.diff(y["probability_paid_back"]) >= 0).all()
    s = default_mc.summary
    by_year = s["probability_paid_back_by_year"]
    assert list(by_year) == y["year"].tolist()
    assert list(by_year.values()) == y["probability_paid_back"].tolist()
    assert s["probability_payback_horizon"] == by_year[s["last_year"]]
    assert s["term_year"] == s["first_year"] + 3
    assert s["probability_payback_term"] == by_year[s["term_year"]]
    for key in ("probability_net_saving", "probability_npv_saving", "probability_budget_holds_every_year"):
        assert 0.0 <= s[key] <= 1.0
    # The chance is genuinely uncertain in this scenario (neither 0 nor 1), so the test can fail.
    assert 0.0 < s["probability_payback_horizon"] < 1.0


def test_summary_agrees_with_the_draws(default_mc):
    d = default_mc.per_draw
    s = default_mc.summary
    assert s["probability_net_saving"] == pytest.approx((d["cumulative_net_end_sek"] < 0).mean())
    assert s["probability_npv_saving"] == pytest.approx((d["npv_sek"] < 0).mean())
    assert s["npv_sek_median"] == pytest.approx(np.median(d["npv_sek"]))
    paid = d["payback_year"].notna()
    assert s["probability_payback_horizon"] == pytest.approx(paid.mean())
    for year, p in s["probability_paid_back_by_year"].items():
        assert p == pytest.approx((d["payback_year"] <= year).mean())


def test_chunks_give_the_same_answer_as_one_pass(default_params, monkeypatch):
    monkeypatch.setattr(uncertainty, "CHUNK_DRAWS", 10_000)
    one = run_uncertainty(default_params, UNCERTAIN, draws=300, seed=9)
    monkeypatch.setattr(uncertainty, "CHUNK_DRAWS", 70)
    seen = []
    chunked = run_uncertainty(default_params, UNCERTAIN, draws=300, seed=9, progress=seen.append)
    assert seen == [70, 140, 210, 280, 300]
    # Every draw is computed from the same random numbers; only the order of BLAS reductions may depend on
    # a chunk's size (a last chunk of 20 draws differed by 2e-15 relative after the start-up costs and the
    # engine's matrix products met), so the same to round-off, never to a different draw.
    pd.testing.assert_frame_equal(chunked.yearly, one.yearly, check_exact=False, rtol=1e-12, atol=1e-6)
    pd.testing.assert_frame_equal(chunked.per_draw, one.per_draw, check_exact=False, rtol=1e-12, atol=1e-6)
    assert chunked.summary.keys() == one.summary.keys()
    for key, value in one.summary.items():
        assert chunked.summary[key] == (pytest.approx(value, rel=1e-12) if isinstance(value, float) else value), key


def test_the_streamed_run_is_the_one_pass_over_sample_values(default_params):
    """The reference path: every draw of sample_values and the central run in one batch, then summarised."""
    draws, seed = 2_500, 4
    values = sample_values(default_params, draws, seed)
    central = default_params.values()
    batch = {k: np.concatenate(([central[k]], v)) for k, v in values.items()}
    rate = model.scenario.discount_rate(default_params, UNCERTAIN)
    out = uncertainty.batch_outcomes(batch, default_params, UNCERTAIN, rate)
    reference = uncertainty._summarise(default_params, UNCERTAIN, draws, seed, out)
    streamed = run_uncertainty(default_params, UNCERTAIN, draws=draws, seed=seed)
    assert streamed.yearly.equals(reference.yearly)
    assert streamed.per_draw.equals(reference.per_draw)
    assert streamed.summary == reference.summary


@pytest.mark.parametrize(
    "mix",
    [
        None,  # the default mix: three of the seven measures
        {"placement_review": 0.5, "parent_training": 0.5},
        {"youth_support_workers": 0.6, "mst": 0.4, "parent_training": 0.0},
        {"family_treatment": 0.5, "early_intervention": 0.3, "family_homes": 0.2},
    ],
)
def test_a_batch_runs_only_the_measures_with_money_and_gets_the_full_catalogue_s_totals(default_params, mix):
    """Measures without money add only zeros: every total of the run is the same, bit for bit, without them."""
    from model.care import simulate_care
    from model.results import yearly_arrays

    scenario = SCENARIO if mix is None else SCENARIO.with_(mix=mix)
    measures, narrowed = uncertainty.with_money(default_params.measures, scenario)
    assert 0 < len(measures) < len(default_params.measures)
    assert {m.id for m in measures} == {k for k, v in scenario.mix_dict.items() if v > 0} == set(narrowed.mix_dict)
    values = sample_values(default_params, 200, seed=8)
    rate = model.scenario.discount_rate(default_params, scenario)

    def totals(catalogue, levers):
        run = simulate_care(values, catalogue, levers, default_params.area, strict=False,
                            price_year=default_params.price_year)
        return yearly_arrays(run, levers, np.array([rate]))

    full, narrow = totals(default_params.measures, scenario), totals(measures, narrowed)
    for key, a in full.items():
        if not key.endswith("_by_measure"):
            assert np.array_equal(narrow[key], a), key
    assert uncertainty.with_money(default_params.measures, scenario.with_(shift_sek_per_year=0.0))[0] == tuple(
        default_params.measures
    )


@pytest.mark.parametrize("n", [1, 2, 3, 7, 20, 999, 1_000, 1_001, 20_000])
def test_the_percentiles_are_numpy_s_to_the_last_bit(n):
    """uncertainty._percentiles (one sort) gives np.percentile's linear interpolation exactly, ties included."""
    rng = np.random.default_rng(n)
    q = [p for p, _ in uncertainty.PERCENTILES]
    for a in (
        rng.standard_normal(n) * 1e7,
        rng.standard_normal((n, 5, 10)) * 10.0 ** rng.integers(-3, 9, size=(5, 10)),
        np.round(rng.standard_normal((n, 4)) * 3),  # many equal values
        np.full((n, 2), 3.3),
    ):
        expected = np.percentile(a, q, axis=0)
        actual = uncertainty._percentiles(a)
        assert actual.shape == expected.shape and np.array_equal(actual, expected)


def test_draw_chunks_are_sample_values_in_pieces(default_params):
    whole = sample_values(default_params, 1_234, seed=3)
    pieces = list(distributions.draw_chunks(default_params, 1_234, 3, 500))
    assert [len(next(iter(c.values()))) for c in pieces] == [500, 500, 234]
    for name, a in whole.items():
        assert np.array_equal(np.concatenate([c[name] for c in pieces]), a), name


@pytest.mark.parametrize("seed", [0, 7, 2**32 - 1, 2**32, 2**40 + 3])
def test_a_parameter_stream_is_default_rng_of_the_seed_and_the_name(seed):
    """The documented stream, ``default_rng([seed, crc32(name)])``, however rng_for builds it."""
    import zlib

    name = "measure.parent_training.risk_reduction"
    expected = np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))]).beta(2.0, 3.0, 20)
    assert np.array_equal(distributions.rng_for(name, seed).beta(2.0, 3.0, 20), expected)


@pytest.mark.parametrize("seed", [0, 1, 7, 2**31, 2**32 - 1])
def test_every_stream_s_seed_words_are_numpy_seed_sequence_s(default_params, seed):
    """The hashing of all streams at once (model/analysis/streams.py) gives SeedSequence's words, name by name."""
    import zlib

    from model.analysis.streams import seed_states

    names = [p.name for p in default_params.parameters] + ["", "ö" * 40]
    words = seed_states(seed, names)
    expected = [np.random.SeedSequence([seed, zlib.crc32(n.encode())]).generate_state(4, np.uint64) for n in names]
    assert words.dtype == np.uint64 and np.array_equal(words, np.stack(expected))
    assert seed_states(2**32, names) is None  # a longer entropy: numpy builds those streams itself


def test_a_parameter_is_drawn_when_read_and_a_piece_that_skips_it_changes_nothing(default_params, monkeypatch):
    """Pieces draw only what is read; a parameter first read in a later piece gets that piece's numbers."""
    whole = sample_values(default_params, 1_234, seed=3)
    calls = []
    real_sample = distributions.sample
    monkeypatch.setattr(
        distributions, "sample", lambda p, n, rng, out=None: calls.append(p.name) or real_sample(p, n, rng, out)
    )
    pieces = distributions.draw_chunks(default_params, 1_234, 3, 500)
    first = next(pieces)
    assert first.batch == 500 and "measure.mst.risk_reduction" in first and calls == []
    name = "measure.mst.risk_reduction"
    read = "measure.parent_training.risk_reduction"
    assert np.array_equal(first[read], whole[read][:500]) and calls == [read]
    second = next(pieces)  # the first piece never read *name*: its 500 numbers are skipped, not given here
    assert np.array_equal(second[name], whole[name][500:1_000])
    with pytest.raises(RuntimeError, match="read after a later piece"):
        first[name]


def test_the_first_piece_can_carry_the_central_run(default_params):
    central = default_params.values()
    piece = next(distributions.draw_chunks(default_params, 10, 5, 4, first=central))
    assert piece.batch == 5 and model.baseline.batch_size(piece) == 5
    whole = sample_values(default_params, 10, seed=5)
    for name in ("measure.parent_training.risk_reduction", "population.growth_per_year"):
        assert np.array_equal(piece[name], np.concatenate(([central[name]], whole[name][:4]))), name


def test_a_progress_callback_can_stop_a_run(default_params, monkeypatch):
    monkeypatch.setattr(uncertainty, "CHUNK_DRAWS", 100)

    def stop(done):
        if done >= 200:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_uncertainty(default_params, UNCERTAIN, draws=1_000, seed=0, progress=stop)


def test_memory_of_a_run_does_not_grow_with_the_draws(default_params):
    """20 000 draws peak at 1 000 draws plus the per-draw figures kept for the percentiles (tracemalloc)."""
    scenario = SCENARIO.with_(horizon_years=5)

    def peak(draws: int) -> int:
        tracemalloc.start()
        try:
            run_uncertainty(default_params, scenario, draws=draws, seed=1)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(1_000)  # warm-up: caches and lazily imported modules
    small, large = peak(1_000), peak(20_000)
    # What must be kept per draw: every yearly quantity for every year, and three headline figures.
    kept = (20_000 + 1) * (len(uncertainty.YEARLY_QUANTITIES) * scenario.horizon_years + 3) * 8
    assert large <= small + 2 * kept, (small, large, kept)


def test_no_shift_has_nothing_to_pay_back(default_params):
    mc = run_uncertainty(default_params, model.Scenario(), draws=50, seed=0)
    assert (mc.yearly["net_sek_p95"] == 0).all() and (mc.yearly["net_sek_p05"] == 0).all()
    assert mc.summary["probability_payback_horizon"] == 0.0
    assert mc.summary["probability_net_saving"] == 0.0


def test_horizon_shorter_than_the_term(default_params):
    mc = run_uncertainty(default_params, SCENARIO.with_(horizon_years=2), draws=50, seed=0)
    assert len(mc.yearly) == 2
    assert mc.summary["term_year"] == SCENARIO.first_year + 1


@pytest.mark.parametrize("draws", [0, -5, uncertainty.MAX_DRAWS + 1, 2.5, True, "100"])
def test_bad_number_of_draws_is_refused(default_params, draws):
    with pytest.raises(ValueError, match="draws"):
        run_uncertainty(default_params, SCENARIO, draws=draws)


def test_not_parameters_is_refused():
    with pytest.raises(TypeError, match="params"):
        run_uncertainty({"care.hvb.cost_per_day": 1.0}, SCENARIO)


def test_exported_from_the_package():
    assert model.run_uncertainty is run_uncertainty
    assert model.UncertaintyResult is uncertainty.UncertaintyResult


def test_one_transfer_factor_per_evidence_class_is_drawn_once_and_shared(default_params):
    """The effects of measures resting on the same kind of evidence move together across draws.

    Every range is collapsed except the rct_placements factor, which carries early intervention
    and family treatment. Each draw's net effect is then a function of that one factor: the larger
    it is, the more both measures avoid, the lower the net.
    """
    factor = "evidence.rct_placements.transfer_factor"
    params = replace(
        default_params,
        parameters=tuple(p if p.name == factor else replace(p, low=p.value, high=p.value)
                         for p in default_params.parameters),
    )
    scenario = model.Scenario(shift_sek_per_year=10e6, mix={"early_intervention": 0.5, "family_treatment": 0.5})
    u = run_uncertainty(params, scenario, draws=200, seed=3)
    drawn = sample_values(params, 200, 3)[factor]
    net = u.per_draw["net_total_sek"].to_numpy()
    order = np.argsort(drawn)
    assert (np.diff(net[order]) <= 1e-6).all()  # more transfer, never a worse net
    assert net[order][0] - net[order][-1] > 1e5  # and it matters
    assert len(np.unique(np.round(drawn, 12))) == 200  # one factor per draw, not one per measure


def test_the_evidence_level_moves_the_distribution(default_params):
    scenario = model.Scenario(shift_sek_per_year=10e6)
    medians = [
        run_uncertainty(default_params, scenario.with_(evidence_level=level), draws=300, seed=2).summary.npv_sek_median
        for level in ("cautious", "central", "optimistic")
    ]
    assert medians[0] > medians[1] > medians[2]  # cautious costs more, optimistic saves more
