"""Placement review (the Växjö model): posts that review every external placement and follow it up.

A measure of mechanism ``review`` buys posts (``cost_per_unit`` a year). A
post reviews and follows up ``placements_per_unit`` external placements a
year, new and ongoing; the placements to review are the baseline's new
external placements a year plus the children in external care (every care
form flagged ``purchased``: HVB, SiS, agency family homes, supported
housing). Coverage is what the posts can review over what there is, at most
1, from ``delay_months`` after the money arrives (hiring); money beyond full
coverage is not used.

At full coverage, times the evidence-transfer factor of the measure's class
and (1 − ``deadweight``):

* ``redirect_in_home_share`` of the new external placements get in-home
  support instead (a placement avoided);
* ``redirect_own_home_share`` go to an own or kinship home instead (the
  area's family care forms that are not bought, in proportion to their
  inflow): still a placement, at the municipality's own cost;
* stays in external care are ``stay_reduction`` shorter for the children it
  follows up.

Review acts on the placements that still start after prevention; several
review measures combine multiplicatively. It is the only mechanism that
shortens stays. Arrays carry a leading batch axis of draws ``D`` and months ``T``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model.baseline import Baseline, column
from model.parameters import Measure
from model.prevention import transfer
from model.states import StateSpace


@dataclass(frozen=True)
class ReviewEffect:
    """What one review measure does in each month: shares of new external placements and of stays, (D, T) each.

    ``coverage`` is the share of external placements its posts review [1];
    ``in_home`` and ``own_home`` the shares of new external placements
    redirected [1]; ``stay`` the relative cut in the stays it follows up [1].
    """

    measure: Measure
    coverage: np.ndarray
    in_home: np.ndarray
    own_home: np.ndarray
    stay: np.ndarray


def to_review(baseline: Baseline, states: StateSpace, pop_factor: np.ndarray) -> np.ndarray:
    """External placements to review a year in each month: new ones a year plus those ongoing, (D, T)."""
    e = baseline.inflow.shape[1]
    purchased = states.purchased[:e]
    per_year = 12.0 * baseline.inflow[:, purchased].sum(-1) + baseline.stock[:, purchased].sum(-1)
    return per_year[:, None] * pop_factor


def posts_used(
    values: Mapping[str, np.ndarray],
    m: Measure,
    money: np.ndarray,
    need: np.ndarray,
    per_unit: str = "placements_per_unit",
) -> tuple[np.ndarray, np.ndarray]:
    """Placements a year the posts can review, and the money used, per month: two (D, T) arrays.

    The money buys posts (its yearly rate over the cost of a post a year), but
    no more than it takes to review every external placement (*need*). A
    measure that raises exit rates (:mod:`model.exits`) buys units the same
    way, each serving ``participants_per_unit`` (*per_unit*) households.
    """
    d = money.shape[0]
    key = f"measure.{m.id}."
    cost = column(values, key + "cost_per_unit", d)[:, None]
    per_post = column(values, key + per_unit, d)[:, None]
    capacity = np.minimum(12.0 * money / cost * per_post, need)
    return capacity, capacity / per_post * cost / 12.0


def review_effect(
    values: Mapping[str, np.ndarray], m: Measure, capacity: np.ndarray, need: np.ndarray
) -> ReviewEffect:
    """The shares a review measure redirects and the stays it shortens, from its capacity (D, T)."""
    d = capacity.shape[0]
    key = f"measure.{m.id}."
    coverage = covered(capacity, need, column(values, key + "delay_months", d))
    size = coverage * (transfer(values, m, d) * (1.0 - column(values, key + "deadweight", d)))[:, None]
    in_home = np.clip(size * column(values, key + "redirect_in_home_share", d)[:, None], 0.0, 1.0)
    own_home = np.clip(size * column(values, key + "redirect_own_home_share", d)[:, None], 0.0, 1.0 - in_home)
    stay = np.clip(size * column(values, key + "stay_reduction", d)[:, None], 0.0, 0.9)
    return ReviewEffect(measure=m, coverage=coverage, in_home=in_home, own_home=own_home, stay=stay)


def covered(capacity: np.ndarray, need: np.ndarray, delay_months: np.ndarray) -> np.ndarray:
    """Share of *need* the *capacity* bought covers in each month, from *delay_months* (D,) on: (D, T) within 0–1."""
    lag = np.rint(delay_months).astype(int)[:, None]
    t = np.arange(capacity.shape[1])[None, :]
    lagged = np.where(t >= lag, np.take_along_axis(capacity, np.clip(t - lag, 0, None), 1), 0.0)
    return np.minimum(np.divide(lagged, need, out=np.zeros_like(lagged), where=need > 0), 1.0)


def redirect(
    inflow: np.ndarray, effects: list[ReviewEffect], states: StateSpace, baseline: Baseline
) -> dict[str, np.ndarray]:
    """What review does to the scenario's inflow (D, T, E): the change each measure makes, by measure id.

    The measures together redirect ``1 - prod(1 - share)`` of the new external
    placements that still start (*inflow*, after prevention), split between
    them in proportion to their own shares; each measure's part goes to
    in-home support and to own or kinship homes by its own two shares.
    """
    e = inflow.shape[2]
    purchased = states.purchased[:e]
    external = inflow[:, :, purchased]  # (D, T, P)
    total = [fx.in_home + fx.own_home for fx in effects]
    combined = 1.0 - np.prod([1.0 - x for x in total], axis=0)
    summed = np.sum(total, axis=0)
    scale = np.divide(combined, summed, out=np.zeros_like(combined), where=summed > 0)
    own = _own_home_shares(states, baseline)  # (D, E)
    out = {}
    for fx, x in zip(effects, total, strict=True):
        change = np.zeros_like(inflow)
        moved = external * (x * scale)[:, :, None]
        change[:, :, purchased] = -moved
        moved_total = moved.sum(-1)
        share_in = np.divide(fx.in_home, x, out=np.zeros_like(x), where=x > 0)
        if states.substitute_state is not None:
            change[:, :, states.substitute_state] += moved_total * share_in
        change += (moved_total * (1.0 - share_in))[:, :, None] * own[:, None, :]
        out[fx.measure.id] = change
    return out


def _own_home_shares(states: StateSpace, baseline: Baseline) -> np.ndarray:
    """Where redirected placements that still need a home go: the family forms not bought, by inflow (D, E)."""
    e = baseline.inflow.shape[1]
    own = states.family[:e] & ~states.purchased[:e] & states.placement[:e]
    weights = baseline.inflow * own[None, :]
    total = weights.sum(-1, keepdims=True)
    return np.divide(weights, total, out=np.zeros_like(weights), where=total > 0)


def stay_cut(effects: list[ReviewEffect], states: StateSpace, e: int) -> np.ndarray:
    """``log(1 - cut)`` of stays per month and care form, summed over review measures, (D, T, E)."""
    d, months = effects[0].stay.shape
    out = np.zeros((d, months, e))
    logs = np.sum([np.log1p(-fx.stay) for fx in effects], axis=0)
    out[:, :, states.purchased[:e]] = logs[:, :, None]
    return out
