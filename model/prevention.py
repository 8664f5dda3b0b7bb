"""Prevention: money reaches families, and reached families need fewer and shorter placements.

A measure of mechanism ``prevention`` (parent training, early intervention,
...) buys families reached (per family, or per post and year times families
per post), at most its target group (families per 1 000 children a year);
money beyond it is not used. Reached families have a yearly placement risk,
reduced by ``risk_reduction`` after ``delay_months``, fully for
``effect_months``, then fading linearly over ``fade_months``. Avoided
placements are taken from the inflow to the measure's target care forms (in
proportion to it); a ``substitution_share`` of them gets support in the
area's substitute care form (in-home support) instead. A ``stay_reduction``
shortens stays in the ``stay_targets`` forms in proportion to the measure's
coverage (families reached a year per child in those forms a year).

Arrays carry a leading batch axis of draws ``D`` and months ``T``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model.baseline import Baseline, column
from model.parameters import Measure
from model.states import StateSpace


@dataclass(frozen=True)
class Prevention:
    """What the preventive measures do, summed over measures (arrays filled in place).

    Attributes
    ----------
    avoided : ndarray, shape (D, T, E)
        Placements avoided per month and care form (before the cap at the inflow).
    substituted : ndarray, shape (D, T)
        Avoided placements that get support in the substitute care form instead.
    stay_cut : ndarray, shape (D, T, E)
        ``log(1 - reduction)`` of stays per month and care form, summed over measures.
    """

    avoided: np.ndarray
    substituted: np.ndarray
    stay_cut: np.ndarray

    @classmethod
    def none(cls, d: int, months: int, care_forms: int) -> Prevention:
        """No effect yet: zeros to add each measure's effect to."""
        return cls(
            avoided=np.zeros((d, months, care_forms)),
            substituted=np.zeros((d, months)),
            stay_cut=np.zeros((d, months, care_forms)),
        )


def effect_profile(months: int, delay: np.ndarray, effect: np.ndarray, fade: np.ndarray) -> np.ndarray:
    """Share of a measure's full effect *a* months after a family is reached, (D, T).

    Zero before ``delay``, one for ``effect`` months, then a linear fade over
    ``fade`` months.
    """
    a = np.arange(months, dtype=float)[None, :]
    delay, effect, fade = (np.asarray(v, dtype=float)[:, None] for v in (delay, effect, fade))
    end = delay + effect
    with np.errstate(divide="ignore", invalid="ignore"):
        fading = np.where(fade > 0, np.clip((end + fade - a) / np.where(fade > 0, fade, 1.0), 0.0, 1.0), 0.0)
    return np.where(a < delay, 0.0, np.where(a < end, 1.0, fading))


def causal_convolve(x: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """``y[t] = sum_{u<=t} x[u] kernel[t-u]`` per row, by FFT; shapes (D, T)."""
    t = x.shape[-1]
    n = 1 << (2 * t - 1).bit_length()
    y = np.fft.irfft(np.fft.rfft(x, n) * np.fft.rfft(kernel, n), n)[..., :t]
    return np.maximum(y, 0.0)  # FFT round-off can leave -1e-17


def families_reached(
    values: Mapping[str, np.ndarray], m: Measure, money: np.ndarray, population: np.ndarray, d: int
) -> tuple[np.ndarray, np.ndarray]:
    """Families a preventive measure reaches and the money it uses, per month: two (D, T) arrays.

    What the money buys, but no more than the target group (families per
    1 000 people of the area's population a year); money beyond it is not used.
    """
    key = f"measure.{m.id}."
    cost = column(values, key + "cost_per_unit", d)[:, None]
    per_unit = column(values, key + "families_per_unit", d)[:, None]
    target = column(values, key + "target_families_per_1000", d)[:, None] * population / 12_000.0
    reached = np.minimum(money / cost * per_unit, target)
    return reached, reached / per_unit * cost


def add_effect(
    out: Prevention,
    values: Mapping[str, np.ndarray],
    m: Measure,
    reached: np.ndarray,
    baseline: Baseline,
    states: StateSpace,
) -> None:
    """Add what the families a measure reaches (D, T) do to placements and stays, into *out*."""
    d, months = reached.shape
    key = f"measure.{m.id}."
    delay = column(values, key + "delay_months", d)
    profile = effect_profile(
        months, delay, column(values, key + "effect_months", d), column(values, key + "fade_months", d)
    )
    hazard = column(values, key + "placement_risk_per_year", d) / 12.0
    rrr = column(values, key + "risk_reduction", d)
    prevented = (hazard * rrr)[:, None] * causal_convolve(reached, profile)  # (D, T)
    targets = [states.index[s] for s in m.targets]
    if targets:
        # In proportion to the inflow to each target; the population factor cancels out of the shares.
        weights = baseline.inflow[:, targets]
        total = weights.sum(axis=1, keepdims=True)
        share = np.divide(weights, total, out=np.zeros_like(weights), where=total > 0)
        for j, i in enumerate(targets):
            out.avoided[:, :, i] += prevented * share[:, j, None]
        out.substituted[...] += prevented * column(values, key + "substitution_share", d)[:, None]
    stays = [states.index[s] for s in m.stay_targets]
    cut = column(values, key + "stay_reduction", d)
    if stays and cut.any():
        _shorten_stays(out, reached, baseline, stays, cut, delay)


def _shorten_stays(
    out: Prevention, reached: np.ndarray, baseline: Baseline, stays: list[int], cut: np.ndarray, delay: np.ndarray
) -> None:
    """Add the stay reduction of one measure, in proportion to its coverage of the people in *stays*."""
    months = reached.shape[1]
    t_idx = np.arange(months)
    lag = np.rint(delay).astype(int)[:, None]
    lagged = np.where(
        t_idx[None, :] >= lag, np.take_along_axis(reached, np.clip(t_idx[None, :] - lag, 0, None), 1), 0.0
    )
    # People in each care form during a year: those there now plus those who enter in the year.
    per_year = baseline.stock[:, stays] * (1.0 + 12.0 * baseline.exit_probability[:, stays])
    need = np.maximum(per_year.sum(axis=1), 1e-9)
    coverage = np.minimum(1.0, 12.0 * lagged / need[:, None])
    out.stay_cut[:, :, stays] += np.log1p(-cut[:, None] * coverage)[:, :, None]
