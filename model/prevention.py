"""Prevention: money reaches families, and a share of the placements their group would start is avoided.

A measure of mechanism ``prevention`` (parent training, early intervention,
...) buys families reached (per family, or per post and year times families
per post), at most its target group (``target_families_per_1000`` children a
year); money beyond it is not used.

**The target group is a share of the placements that start.** The group's
placements are ``at_risk_share`` of the baseline's placement starts (across
the catalogue these shares may not exceed 1, see
:func:`model.parameters.validate`), in the care forms the measure
``targets`` and the ages it reaches: within each age group in proportion to
the baseline's starts of that age in each target form (``starts.<form>.<group>``),
so parent training (children 3–12) mostly avoids family-home placements.

**Coverage.** A reached family is protected from ``delay_months`` after it is
reached, fully for ``effect_months``, then fading over ``fade_months``. The
group's risk is a yearly one, so the coverage of the group in a month is the
protection of the families reached over the past months relative to reaching
the whole group every month for a year, at most 1.

**Effect.** ``risk_reduction`` × the evidence-transfer factor of the measure's
class (``evidence.<class>.transfer_factor``) × (1 − ``deadweight``: families
today's services reach anyway bring no new effect) × coverage is the share of
the group's starts avoided. Measures that reach the same placements (the same
care form and age group) combine multiplicatively, 1 − Π(1 − effect), so two
measures never avoid the same placement twice; it is computed by inclusion and
exclusion over the measures that overlap, on (draws, months, care forms)
arrays, or as the product itself per care form and age group for one draw or
many measures (:mod:`model.overlaps`). A ``substitution_share`` of a measure's avoided placements gets
in-home support instead. Preventive measures do not shorten stays: only
placement review (:mod:`model.review`) works with placed children.

Arrays carry a leading batch axis of draws ``D`` and months ``T``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from model import kernels
from model.area import Area
from model.baseline import Baseline, column
from model.overlaps import MAX_INCLUSION_EXCLUSION, by_cells, by_inclusion_exclusion, combined, overlaps
from model.parameters import Measure
from model.states import StateSpace


@dataclass(frozen=True)
class Prevention:
    """What the preventive measures do together.

    Attributes
    ----------
    avoided : ndarray, shape (D, T, E)
        Placements avoided per month and care form.
    substituted : ndarray, shape (D, T)
        Avoided placements that get support in the substitute care form instead.
    by_measure : dict of str to ndarray, shape (D, T, E)
        Each measure's part of ``avoided`` (its standalone effect's share of the
        combined one in each care form); filled only when asked for.
    substituted_by_measure : dict of str to ndarray, shape (D, T)
        Each measure's part of ``substituted``; filled only when asked for.
    """

    avoided: np.ndarray
    substituted: np.ndarray
    by_measure: dict[str, np.ndarray]
    substituted_by_measure: dict[str, np.ndarray]


@dataclass(frozen=True)
class Reach:
    """One preventive measure with money: its families reached and its target group, (D, T) each."""

    measure: Measure
    reached: np.ndarray
    target: np.ndarray


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


def protected_families(reached: np.ndarray, delay: np.ndarray, effect: np.ndarray, fade: np.ndarray) -> np.ndarray:
    """Families under protection in each month, (D, T): *reached* (D, T) convolved with :func:`effect_profile`.

    ``y[t] = sum_{u<=t} reached[u] profile[t-u]``, computed exactly from two running sums instead of
    by FFT or a (D, T, T) product: the profile is 0 before ``a0 = ceil(delay)``, 1 up to
    ``a1 = ceil(delay + effect)`` and ``(c - a) / fade`` up to ``a2 = ceil(c)``, ``c = delay + effect
    + fade``, so each month's sum over a window of ages is a difference of the running sums of
    ``reached[u]`` and of ``u * reached[u]``.
    """
    d, months = reached.shape
    delay, effect, fade = (np.asarray(v, dtype=float)[:, None] for v in (delay, effect, fade))
    end = delay + effect
    a0, a1 = (np.clip(np.ceil(x), 0, months).astype(np.intp) for x in (delay, end))
    a2 = np.where(fade > 0, np.clip(np.ceil(end + fade), 0, months).astype(np.intp), a1)
    loop = kernels.compiled(_protected, d)
    if loop is not None:
        out = np.empty((d, months))
        ints = (np.ascontiguousarray(x[:, 0], dtype=np.int64) for x in (a0, a1, a2))
        floats = (np.ascontiguousarray(x[:, 0]) for x in (end, fade))
        loop(np.require(reached, np.float64, ["C", "W"]), *ints, *floats, out)
        return out
    t = np.arange(months)
    sums = np.zeros((2, d, months + 1))  # running sums before each month: reached[u] and u * reached[u]
    np.cumsum(reached, axis=1, out=sums[0, :, 1:])
    np.cumsum(reached * t, axis=1, out=sums[1, :, 1:])
    sums = sums.reshape(2, -1)  # draw i's sum before month u at i * (T + 1) + u: one flat gather per window
    rows = np.arange(d)[:, None] * (months + 1)

    def window(lo: np.ndarray, hi: np.ndarray, which: slice) -> np.ndarray:
        """Sums over ``u = t - a`` for ages ``lo <= a < hi`` (and ``u >= 0``) of the running sums *which*."""
        top = np.maximum(t - lo + 1, 0) + rows  # (D, T) flat positions
        bottom = np.maximum(t - hi + 1, 0) + rows
        return np.take(sums[which], top, axis=1) - np.take(sums[which], bottom, axis=1)

    full = window(a0, a1, slice(0, 1))[0]
    fading = window(a1, a2, slice(0, 2))
    full += ((end + fade - t) * fading[0] + fading[1]) / np.where(fade > 0, fade, 1.0)
    return np.maximum(full, 0.0)  # round-off of the differences can leave -1e-17


@kernels.register(
    "void(float64[:, ::1], int64[::1], int64[::1], int64[::1], float64[::1], float64[::1], float64[:, ::1])"
)
def _protected(
    reached: np.ndarray,
    a0: np.ndarray,
    a1: np.ndarray,
    a2: np.ndarray,
    end: np.ndarray,
    fade: np.ndarray,
    out: np.ndarray,
) -> None:
    """:func:`protected_families`' running sums and windows as loops (compiled by :mod:`model.kernels`)."""
    d, months = reached.shape
    sum0 = np.zeros(months + 1)
    sum1 = np.zeros(months + 1)
    for b in range(d):
        for u in range(months):
            sum0[u + 1] = sum0[u] + reached[b, u]
            sum1[u + 1] = sum1[u] + reached[b, u] * u
        divisor = fade[b] if fade[b] > 0 else 1.0
        for t in range(months):
            top, bottom = max(t - a0[b] + 1, 0), max(t - a1[b] + 1, 0)
            full = sum0[top] - sum0[bottom]
            top, bottom = bottom, max(t - a2[b] + 1, 0)
            fading = ((end[b] + fade[b] - t) * (sum0[top] - sum0[bottom]) + (sum1[top] - sum1[bottom])) / divisor
            out[b, t] = max(full + fading, 0.0)


def families_reached(
    values: Mapping[str, np.ndarray], m: Measure, money: np.ndarray, population: np.ndarray, d: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Families a preventive measure reaches, the money it uses and its target group, per month: (D, T) each.

    What the money buys, but no more than the target group (families per
    1 000 people of the area's population a year); money beyond it is not used.
    """
    key = f"measure.{m.id}."
    cost = column(values, key + "cost_per_unit", d)[:, None]
    per_unit = column(values, key + "families_per_unit", d)[:, None]
    target = np.multiply(column(values, key + "target_families_per_1000", d)[:, None], population)
    np.divide(target, 12_000.0, out=target)
    reached = np.divide(money, cost)  # each step below in place: no temporary (D, T) array
    np.multiply(reached, per_unit, out=reached)
    np.minimum(reached, target, out=reached)
    used = np.divide(reached, per_unit)
    return reached, np.multiply(used, cost, out=used), target


def transfer(values: Mapping[str, np.ndarray], m: Measure, d: int) -> np.ndarray:
    """The evidence-transfer factor of a measure's class, (D,) (1 for a measure with no class)."""
    return column(values, m.transfer_factor, d) if m.evidence_class else np.ones(d)


def effect(values: Mapping[str, np.ndarray], reach: Reach) -> np.ndarray:
    """Share of the group's placement starts the measure avoids in each month, (D, T), within 0–1."""
    m, d = reach.measure, reach.reached.shape[0]
    key = f"measure.{m.id}."
    protected = protected_families(
        reach.reached,
        column(values, key + "delay_months", d),
        column(values, key + "effect_months", d),
        column(values, key + "fade_months", d),
    )
    full = 12.0 * reach.target  # the whole group reached every month for a year
    coverage = np.divide(protected, full, out=np.zeros_like(protected), where=full > 0)
    np.minimum(coverage, 1.0, out=coverage)  # each step below in place: no temporary (D, T) array
    size = column(values, key + "risk_reduction", d) * transfer(values, m, d)
    size = size * (1.0 - column(values, key + "deadweight", d))
    np.multiply(size[:, None], coverage, out=coverage)
    return np.clip(coverage, 0.0, 1.0, out=coverage)


def start_cells(values: Mapping[str, np.ndarray], baseline: Baseline, states: StateSpace) -> np.ndarray:
    """The baseline's monthly placement starts per care form and age group, (D, E, G).

    Each placement form's steady inflow split by its shares of starts per age
    group (renormalised to sum to 1, as draws of shares are independent); one
    group of all ages when the area has none.
    """
    area = states.area
    d, e = baseline.inflow.shape
    placement = states.placement[:e]
    groups = area.age_group_ids or ("all",)
    shares = np.zeros((d, e, len(groups)))
    for i in np.flatnonzero(placement):
        if not area.age_groups:
            shares[:, i, 0] = 1.0
            continue
        for j, g in enumerate(groups):
            shares[:, i, j] = column(values, f"starts.{states.ids[i]}.{g}", d)
    total = shares.sum(axis=2, keepdims=True)
    shares = np.divide(shares, total, out=np.zeros_like(shares), where=total > 0)
    return baseline.inflow[:, :, None] * shares


def risk_shares(values: Mapping[str, np.ndarray], m: Measure, cells: np.ndarray, area: Area) -> np.ndarray:
    """Share of each cell's starts (care form × age group) that are the measure's group's, (D, E, G), at most 1.

    The group's starts are ``at_risk_share`` of all starts; within each of the
    measure's age groups they are spread over its target forms in proportion
    to the starts there.
    """
    d, e, g = cells.shape
    in_targets = np.zeros(e, dtype=bool)
    for form in m.targets:
        in_targets[area.ids.index(form)] = True
    target_cells = cells * in_targets[None, :, None]
    if m.age_groups and area.age_groups:
        ages = dict(m.age_groups)
        wanted = np.array([ages.get(group, 0.0) for group in area.age_group_ids])
        group_starts = target_cells.sum(axis=1)  # (D, G)
        per_group = column(values, f"measure.{m.id}.at_risk_share", d)[:, None] * cells.sum(axis=(1, 2))[:, None]
        share = np.divide(per_group * wanted[None, :], group_starts, out=np.zeros((d, g)), where=group_starts > 0)
        r = share[:, None, :] * in_targets[None, :, None]
    else:  # every age: in proportion to the starts in the target forms
        in_all = target_cells.sum(axis=(1, 2))
        group = column(values, f"measure.{m.id}.at_risk_share", d) * cells.sum(axis=(1, 2))
        share = np.divide(group, in_all, out=np.zeros(d), where=in_all > 0)
        r = np.broadcast_to(share[:, None, None] * in_targets[None, :, None], (d, e, g))
    return np.minimum(r, 1.0)


def prevent(
    values: Mapping[str, np.ndarray],
    reaches: Sequence[Reach],
    baseline: Baseline,
    states: StateSpace,
    pop_factor: np.ndarray,
    *,
    attribute: bool = False,
) -> Prevention:
    """Placements the preventive measures with money avoid together, month by month.

    Parameters
    ----------
    values : mapping of str to ndarray
        Parameter values, each (D,).
    reaches : sequence of Reach
        The preventive measures with money.
    baseline : Baseline
        Today's care forms (their steady inflow).
    states : StateSpace
        The model's states.
    pop_factor : ndarray, shape (D, T)
        Growth of the inflow with the population.
    attribute : bool
        Also split the combined effect by measure (for the table of where
        the saving comes from).

    Returns
    -------
    Prevention
        Avoided placements (D, T, E) and their substitutes (D, T).
    """
    d, months = pop_factor.shape
    e = baseline.inflow.shape[1]
    if not reaches:
        return Prevention(np.zeros((d, months, e)), np.zeros((d, months)), {}, {})
    cells = start_cells(values, baseline, states)
    effects = [effect(values, r) for r in reaches]  # (D, T)
    shares = [risk_shares(values, r.measure, cells, states.area) for r in reaches]
    per_cell = d == 1 or len(reaches) > MAX_INCLUSION_EXCLUSION
    loop = None if per_cell or attribute else kernels.compiled(combined, d)
    if loop is not None:  # the steps below in one compiled pass, draws last (as the engine reads *avoided*)
        return _combined(loop, values, reaches, cells, effects, shares, pop_factor)
    out = Prevention(np.empty((d, months, e)), np.zeros((d, months)), {}, {})  # avoided: each element written below
    # Each measure's standalone effect is an outer product, (placements reached (D, T)) x (starts in its
    # group per care form (D, E)): kept as its two factors, summed over measures by one matmul.
    reached = np.stack([x * pop_factor for x in effects], axis=-1)  # (D, T, M)
    group = np.stack([(cells * r).sum(-1) for r in shares], axis=1)  # (D, M, E)
    first = np.matmul(reached, group)  # (D, T, E): the effects summed as if they never overlapped
    if per_cell:
        by_cells(out.avoided, cells, effects, shares, pop_factor)
    else:
        by_inclusion_exclusion(out.avoided, first, *overlaps(cells, effects, shares, pop_factor))
    np.clip(out.avoided, 0.0, first, out=out.avoided)
    _split(values, reaches, reached, group, first, out, attribute)
    return out


def _combined(
    loop: Callable[..., None],
    values: Mapping[str, np.ndarray],
    reaches: Sequence[Reach],
    cells: np.ndarray,
    effects: list[np.ndarray],
    shares: list[np.ndarray],
    pop_factor: np.ndarray,
) -> Prevention:
    """:func:`prevent`'s combination by :func:`model.overlaps.combined` (compiled): the numpy steps' numbers.

    Its arrays are made draws last, the layout the loop runs along and the engine reads the placements
    avoided in (:func:`model.care._inflows`); they are returned as (D, T, ...) views.
    """
    (d, months), e, n = pop_factor.shape, cells.shape[1], len(reaches)
    reached = np.empty((months, n, d))  # (T, M, D): the placements each measure reaches
    for m, x in enumerate(effects):
        np.multiply(x.T, pop_factor.T, out=reached[:, m])
    group = np.empty((n, e, d))  # (M, E, D): the starts in each measure's group per care form
    for m, r in enumerate(shares):
        np.sum(cells * r, axis=-1, out=group[m].T)
    coefficients, groups = overlaps(cells, effects, shares, pop_factor)
    out = Prevention(np.empty((months, e, d)).transpose(2, 0, 1), np.zeros((months, d)).T, {}, {})
    in_group = np.empty((months, n, d))
    loop(reached, group, np.ascontiguousarray(coefficients.transpose(1, 2, 0)),
         np.ascontiguousarray(groups.transpose(1, 2, 0)), out.avoided.transpose(1, 2, 0), in_group)
    _substitutes(values, reaches, reached.transpose(2, 0, 1), in_group.transpose(2, 0, 1), out, attribute=False)
    return out


def _split(
    values: Mapping[str, np.ndarray],
    reaches: Sequence[Reach],
    reached: np.ndarray,
    group: np.ndarray,
    first: np.ndarray,
    out: Prevention,
    attribute: bool,
) -> None:
    """Substitutes (and, when asked, each measure's part): the combined effect split by standalone effects.

    Measure *m*'s standalone effect is ``reached[..., m, None] * group[:, None, m]``; its part is that
    times ``scale`` (combined over summed effects), so its substitutes need only ``scale @ group.T``
    (D, T, M), never a (D, T, E) array per measure. *first* is overwritten by ``scale``.
    """
    scale = np.divide(out.avoided, first, out=first, where=first > 0)  # in place: 0 where nothing is reached
    in_group = np.matmul(scale, group.transpose(0, 2, 1))  # (D, T, M): sum over forms of scale x group
    if attribute:
        for m, r in enumerate(reaches):
            out.by_measure[r.measure.id] = reached[:, :, m, None] * group[:, None, m, :] * scale
    _substitutes(values, reaches, reached, in_group, out, attribute)


def _substitutes(
    values: Mapping[str, np.ndarray],
    reaches: Sequence[Reach],
    reached: np.ndarray,
    in_group: np.ndarray,
    out: Prevention,
    attribute: bool,
) -> None:
    """Add each measure's substitutes to ``out.substituted`` (and, when asked, keep them by measure).

    Measure *m*'s are its placements reached (*reached* (D, T, M)) times the combined effect's share of
    the summed effects in its group (*in_group* (D, T, M)) times its ``substitution_share``.
    """
    d = reached.shape[0]
    for m, r in enumerate(reaches):
        substitution = column(values, f"measure.{r.measure.id}.substitution_share", d)
        if not attribute and not substitution.any():
            continue
        substituted = np.multiply(reached[:, :, m], in_group[:, :, m])
        np.multiply(substituted, substitution[:, None], out=substituted)
        np.add(out.substituted, substituted, out=out.substituted)
        if attribute:
            out.substituted_by_measure[r.measure.id] = substituted
