"""How far float32 arithmetic in the engine would move the Monte Carlo's figures (a probe, not a test).

    python bench/float32_engine.py

Runs 1 000 draws of the default scenario through the batch engine twice: as it
is (float64), and with the monthly recursion (the constant-probability loop of
:func:`model.cohort.propagate_exits`) in float32, and prints the largest and the
median relative difference of the figures the Monte Carlo reports. Issue 14
allows float32 where the results stay within 1e-6 relative; the net effect is a
small difference of two large costs, so it does not (measured: up to about
1e-2 relative for a year's net, 1e-3 for the net over the horizon, medians
2-3e-6), and the engine stays float64.
"""

from __future__ import annotations

import numpy as np

import model
import model.care as care
from model.analysis.distributions import sample_values
from model.analysis.uncertainty import batch_outcomes
from model.evidence import at_level
from model.scenario import discount_rate


def propagate_float32(initial, p_exit, dest, inflow, out=None):
    """The constant-probability recursion of propagate_exits with float32 occupancy, inflow and transitions."""
    initial, p_exit, dest, inflow = (np.asarray(a, dtype=np.float64) for a in (initial, p_exit, dest, inflow))
    steps, states = inflow.shape[-2:]
    batch = np.broadcast_shapes(initial.shape[:-1], inflow.shape[:-2], p_exit.shape[:-2], dest.shape[:-2])
    n = int(np.prod(batch))

    def batch_first(a, tail):
        return np.broadcast_to(a, batch + tail).reshape((n, *tail))

    p = batch_first(p_exit, (p_exit.shape[-2], states))
    if p.shape[1] != 1:
        raise ValueError("the probe covers exit probabilities constant over time (the default scenario)")
    occ = np.empty((steps + 1, states, n), dtype=np.float32)
    occ[0] = batch_first(initial, (states,)).T
    flows = np.ascontiguousarray(batch_first(inflow, (steps, states)).transpose(1, 2, 0)).astype(np.float32)
    p_once = p[:, 0].T
    transition = batch_first(dest, (states, states)).transpose(1, 2, 0) * p_once[:, None, :]
    transition[np.arange(states), np.arange(states)] += 1.0 - p_once
    transition = transition.astype(np.float32)
    for t in range(steps):
        np.einsum("ib,ijb->jb", occ[t], transition, out=occ[t + 1])
        occ[t + 1] += flows[t]
    result = occ.astype(np.float64).reshape((steps + 1, states, *batch))
    if out is None:
        return np.moveaxis(result, (0, 1), (-2, -1))
    out[...] = result
    return np.moveaxis(out, (0, 1), (-2, -1))


def main() -> None:
    scenario = model.Scenario(shift_sek_per_year=10_000_000)
    params = at_level(model.load_parameters(), scenario.evidence_level)
    values = sample_values(params, 1_000, 3)
    rate = discount_rate(params, scenario)
    reference = batch_outcomes(values, params, scenario, rate)
    engine = care.propagate_exits
    care.propagate_exits = propagate_float32
    try:
        probe = batch_outcomes(values, params, scenario, rate)
    finally:
        care.propagate_exits = engine
    for key in ("net", "cumulative_net", "children_placed_scenario", "npv_sek", "net_total_sek"):
        a, b = reference[key], probe[key]
        rel = np.abs(a - b) / np.maximum(np.abs(a), 1e-300)
        print(f"{key}: float32 engine vs float64, relative difference max {rel.max():.2e}, median {np.median(rel):.2e}")


if __name__ == "__main__":
    main()
