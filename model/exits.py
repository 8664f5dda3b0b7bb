"""Measures that raise the monthly exit rate of the people they reach (mechanism ``exit_rate``).

The employment area's measures (IPS, workplace-based training, intensified
case management, a clubhouse, social enterprises, an occupational therapist)
bring households on financial assistance into work sooner. Money buys units
(a post or a participant place, ``cost_per_unit`` a year), each serving
``participants_per_unit`` households at a time, at most ``target_share`` of
the households in the measure's target states (``targets``; the baseline's
stock, growing with the population). From ``delay_months`` after the money
arrives, each participant's monthly probability of leaving rises by
``exit_increase`` (a hazard [1/month]), times the evidence class's transfer
factor and (1 − ``deadweight``); when the money falls the effect fades over
``fade_months``.

For a target state with exit hazard λ (``1 / duration``), participants that
are a share *c* of its households raise the state's hazard to ``λ + c·Δ``:
its stays are shorter by ``log(λ / (λ + c·Δ))`` on the log scale. That is the
mechanism of "shorter stays for those followed up" of placement review
(:func:`model.review.stay_cut`); the care model combines both kinds of
measure into one stay cut (:func:`model.care.simulate_care`). The extra
leavers go where the state's leavers go (a long-term spell ends in an exit;
a short-term one, at the baseline's share, also in long-term assistance).
Arrays carry a leading batch axis of draws ``D`` and months ``T``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model.baseline import Baseline, column
from model.parameters import Measure
from model.prevention import transfer
from model.review import covered, posts_used
from model.states import StateSpace

#: The field that says how many households one unit of an exit-rate measure serves at a time.
PER_UNIT = "participants_per_unit"


@dataclass(frozen=True)
class ExitEffect:
    """What one exit-rate measure does: its coverage (D, T) and its cut of stays per state (D, T, E).

    ``coverage`` is the share of its target group it reaches [1]; ``cut`` the
    log of the relative length of stays in each state (0 where it does not act).
    """

    measure: Measure
    coverage: np.ndarray
    cut: np.ndarray


def target_group(values: Mapping[str, np.ndarray], m: Measure, base: Baseline, states: StateSpace,
                 pop_factor: np.ndarray) -> np.ndarray:
    """Households the measure is for in each month: ``target_share`` of its target states' stock, (D, T)."""
    d = pop_factor.shape[0]
    idx = [states.index[t] for t in m.targets]
    stock = base.stock[:, idx].sum(-1) * column(values, f"measure.{m.id}.target_share", d)
    return stock[:, None] * pop_factor


def participants(values: Mapping[str, np.ndarray], m: Measure, money: np.ndarray,
                 group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Participants at a time the money pays for (at most the target group), and the money used: (D, T) each."""
    return posts_used(values, m, money, group, per_unit=PER_UNIT)


def exit_effect(values: Mapping[str, np.ndarray], m: Measure, reached: np.ndarray, group: np.ndarray,
                base: Baseline, states: StateSpace) -> ExitEffect:
    """The measure's cut of stays in its target states, from the participants it pays for (D, T)."""
    d, months = reached.shape
    key = f"measure.{m.id}."
    coverage = fade(covered(reached, group, column(values, key + "delay_months", d)),
                    column(values, key + "fade_months", d))
    share = column(values, key + "target_share", d)[:, None]
    size = transfer(values, m, d) * (1.0 - column(values, key + "deadweight", d))
    increase = coverage * share * (size * column(values, key + "exit_increase", d))[:, None]  # c·Δ, (D, T)
    rate = -np.log1p(-base.exit_probability)  # λ per state, (D, E)
    cut = np.zeros((d, months, rate.shape[1]))
    for t in m.targets:
        i = states.index[t]
        cut[:, :, i] = -np.log1p(np.divide(increase, rate[:, None, i], out=np.zeros_like(increase),
                                           where=rate[:, None, i] > 0))
    return ExitEffect(measure=m, coverage=coverage, cut=cut)


def fade(coverage: np.ndarray, fade_months: np.ndarray) -> np.ndarray:
    """*coverage* (D, T) that, where it falls, falls no faster than ``exp(-1 / fade_months)`` a month."""
    keep = np.exp(-1.0 / np.maximum(fade_months, 1e-9))
    out = coverage.copy()
    for t in range(1, out.shape[1]):  # a loop over months only; draws stay vectorised
        np.maximum(out[:, t], out[:, t - 1] * keep, out=out[:, t])
    return out
