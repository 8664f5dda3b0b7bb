"""Recruitment: money buys new homes, and some people who would enter a bought place go there instead.

A measure of mechanism ``recruitment`` (recruiting municipal family homes)
first pays the yearly support of the homes already recruited, then recruits
new homes at a cost per home, at most ``max_per_year``; a home is ready to
take a child ``lead_time_months`` after the money (recruitment, assessment,
matching), and homes quit at a yearly rate. Only ``occupancy`` of the places
are in use at a time (matching a child to a home leaves places empty), so the
measure recruits homes for the children it expects divided by the occupancy.

Not every agency placement can go to an own home: agency homes are kept for
children with greater needs. Of the placements that would have gone to the
area's ``recruited_from`` care form (the agency family home) — new ones and
step-downs from HVB or SiS — the *substitutable share* may go to a free
recruited home instead: one minus the share of family-home children who need
an agency home whatever is recruited (``non_substitutable_share``) over the
agency homes' share of family-home children today (:func:`substitutable_share`).
They keep the agency home's length of stay but cost ``own_home_cost_per_day``
(an agency-profile child in an own home: a reinforced fee plus the support an
agency gave), reported as ``recruited_as`` (the municipal family home).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from model import kernels
from model.baseline import column
from model.parameters import Measure
from model.states import StateSpace


def recruitment_lever(values: Mapping[str, np.ndarray], m: Measure, money: np.ndarray, d: int) -> dict[str, np.ndarray]:
    """Parameters of one recruitment measure as arrays of shape (D,), and its money (D, T) [SEK/month].

    ``places`` are the places in use per home (places per home × occupancy);
    ``lead`` the whole months from the money to a home ready to take a child.
    """
    key = f"measure.{m.id}."
    return {
        "money": money,
        "cost": np.maximum(column(values, key + "recruitment_cost", d), 1.0),
        "support": column(values, key + "support_cost_per_year", d) / 12.0,
        "stay": (1.0 - column(values, key + "quit_rate_per_year", d)) ** (1.0 / 12.0),
        "cap": column(values, key + "max_per_year", d) / 12.0,
        "places": column(values, key + "places_per_home", d) * column(values, key + "occupancy", d),
        "lead": np.rint(column(values, key + "lead_time_months", d)),
    }


def substitutable_share(
    values: Mapping[str, np.ndarray], m: Measure, stock: np.ndarray, states: StateSpace
) -> np.ndarray:
    """Share of the placements into agency homes that an own home could take, (D,), within 0–1.

    ``1 - f / a``: *f* the share of family-home children who need an agency
    home whatever is recruited (``non_substitutable_share``), *a* the agency
    homes' share of the family-home children now (*stock*, (D, E)).
    """
    d, e = stock.shape
    family = stock[:, states.family[:e]].sum(-1)
    agency = stock[:, states.source_state]
    need = column(values, f"measure.{m.id}.non_substitutable_share", d) * family
    return np.clip(1.0 - np.divide(need, agency, out=np.full(d, np.inf), where=agency > 0), 0.0, 1.0)


#: A lever's figures of one draw, in the order the compiled recursion takes them.
PER_DRAW = ("support", "stay", "places", "cost", "cap")


def place_in_recruited_homes(
    pool: np.ndarray, p_exit: np.ndarray, levers: Sequence[dict[str, np.ndarray]], share: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Recruit homes month by month and place agency-home children who could live in an own home in them.

    Children in recruited homes keep the exit rate and destinations of agency
    homes, so agency and recruited homes together (*pool*, the scenario's
    agency-home occupancy without recruitment) evolve as if there were no
    recruitment; recruitment only decides who of them sits in a municipal home.
    Each month the money first pays the support of the homes already recruited,
    then recruits new homes (at most ``cap`` a month and no more than the
    substitutable children need, homes on their way counted), which are ready
    ``lead`` months later; of the new entries to the pool the substitutable
    *share* go to a free place in a recruited home.

    Parameters
    ----------
    pool : ndarray, shape (D, T+1)
        Children in agency plus recruited homes at the start of each month.
    p_exit : ndarray, shape (D, T)
        Monthly exit probability of agency-home stays in each month (the
        scenario's: placement review may shorten them).
    levers : sequence of dict
        One per recruitment measure (:func:`recruitment_lever`).
    share : ndarray, shape (D,)
        The substitutable share of entries to the pool (:func:`substitutable_share`) [1].

    Returns
    -------
    placed : ndarray, shape (D, T+1)
        Children in recruited homes at the start of each month.
    homes, recruited, used : ndarray, shape (K, D, T)
        Homes ready and in the pool, homes recruited and money used [SEK] per month and measure.
    """
    d, months = pool.shape[0], pool.shape[1] - 1
    # What the money could pay the support of, per month, for every month at once (the support never zero).
    affordable = [lever["money"] / np.maximum(lever["support"], 1e-12)[:, None] for lever in levers]
    loop = kernels.compiled(_recursion, d)
    if loop is None:
        stay_in_care = 1.0 - p_exit
        entering = pool[:, 1:] - pool[:, :-1] * stay_in_care  # inflow to the pool per month (>= 0)
        # The substitutable children in the pool and entering it, for every month at once.
        substitutable = pool[:, 1:] * share[:, None]
        new_substitutable = entering * share[:, None]
        homes, recruited, supported, placed_t = _recursion_numpy(
            substitutable, new_substitutable, stay_in_care, levers, affordable
        )
        # The money used: the support of the homes kept plus the new homes' cost, every month at once.
        used = supported + recruited * np.stack([lever["cost"] for lever in levers])[:, :, None]
        placed = np.zeros((d, months + 1))
        placed[:, 1:] = placed_t
    else:  # the loop computes the same per month and draw from the pool itself (no (D, T) arrays of them)
        homes, recruited, used = np.empty((3, len(levers), d, months))
        placed = np.empty((d, months + 1))
        inputs = [np.stack([lever["money"] for lever in levers]), np.stack(affordable),
                  *(np.stack([lever[key] for lever in levers]) for key in PER_DRAW)]
        lead = np.ascontiguousarray(np.stack([lever["lead"] for lever in levers]), dtype=np.int64)
        loop(*(np.require(a, np.float64, ["W"]) for a in (pool, p_exit, share)),
             *(np.require(a, np.float64, ["C", "W"]) for a in inputs), lead, homes, recruited, used, placed)
    return placed, homes, recruited, used


def _recursion_numpy(
    substitutable: np.ndarray,
    new_substitutable: np.ndarray,
    stay_in_care: np.ndarray,
    levers: Sequence[dict[str, np.ndarray]],
    affordable: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The monthly recursion in numpy: homes, recruited, support paid (K, D, T) and placed (D, T)."""
    d, months = substitutable.shape
    # The recursion runs month by month. With one draw it runs on Python floats
    # (numpy's per-call overhead on length-1 arrays would dominate model.run);
    # with many draws on arrays over draws. The arithmetic is the same.
    by_month: Callable[[np.ndarray], list]
    lower: Callable[..., Any]
    upper: Callable[..., Any]
    if d == 1:
        by_month, lower, upper = _floats, min, max
    else:
        by_month, lower, upper = _columns, np.minimum, np.maximum
    lv = [
        {"affordable": by_month(a), **{key: by_month(v) for key, v in lever.items() if key != "lead"}}
        for lever, a in zip(levers, affordable, strict=True)
    ]
    pipes = [(_FloatPipeline if d == 1 else _ArrayPipeline)(months, lever["lead"]) for lever in levers]
    pool_next, entering, stay = (by_month(a) for a in (substitutable, new_substitutable, stay_in_care))
    homes_t, recruited_t, kept_t, placed_t = _months(pool_next, entering, stay, lv, pipes, lower, upper)
    # (T, K[, D]) -> (K, D, T); placed (T[, D]) -> (D, T).
    homes, recruited, supported = (
        np.asarray(a, dtype=float).reshape(months, len(levers), d).transpose(1, 2, 0)
        for a in (homes_t, recruited_t, kept_t)
    )
    return homes, recruited, supported, np.asarray(placed_t, dtype=float).reshape(months, d).T


@kernels.register(
    "void(float64[:, :], float64[:, :], float64[:], float64[:, :, ::1], float64[:, :, ::1], "
    "float64[:, ::1], float64[:, ::1], float64[:, ::1], float64[:, ::1], float64[:, ::1], int64[:, ::1], "
    "float64[:, :, ::1], float64[:, :, ::1], float64[:, :, ::1], float64[:, ::1])"
)
def _recursion(
    pool: np.ndarray,
    p_exit: np.ndarray,
    share: np.ndarray,
    money: np.ndarray,
    affordable: np.ndarray,
    support: np.ndarray,
    stays: np.ndarray,
    places: np.ndarray,
    cost: np.ndarray,
    cap: np.ndarray,
    lead: np.ndarray,
    homes_out: np.ndarray,
    new_out: np.ndarray,
    used_out: np.ndarray,
    placed_out: np.ndarray,
) -> None:
    """:func:`_months` as loops (compiled by :mod:`model.kernels`): (D, T) and (K, D, T) in, per draw (K, D) levers.

    Takes the pool (D, T+1), its exit probability (D, T) and the substitutable share (D,) as
    :func:`place_in_recruited_homes` does, and computes the children staying, entering and
    substitutable in each month with the same arithmetic as its numpy form. Writes the homes, homes
    recruited and money used (K, D, T) and the children placed (D, T+1; none at the start).
    """
    n_levers, d, months = money.shape
    current = np.zeros(n_levers)
    pending = np.zeros(n_levers)
    ready = np.zeros((n_levers, months + max(lead.max(), 0) + 1))
    for b in range(d):
        current[:] = 0.0
        pending[:] = 0.0
        ready[:] = 0.0
        n = 0.0
        for t in range(months):
            stay = 1.0 - p_exit[b, t]
            pool_next = pool[b, t + 1] * share[b]
            entering = (pool[b, t + 1] - pool[b, t] * stay) * share[b]
            capacity = 0.0
            for k in range(n_levers):
                homes = min(current[k], affordable[k, b, t])
                keep = homes * support[k, b]
                kept = homes * stays[k, b]
                wanted = (pool_next - capacity) / places[k, b] - kept - pending[k]
                new = min(max(min((money[k, b, t] - keep) / cost[k, b], wanted), 0.0), cap[k, b])
                ready[k, t + lead[k, b]] += new
                arrived = ready[k, t]
                pending[k] = pending[k] + new - arrived
                current[k] = homes = kept + arrived
                capacity = capacity + homes * places[k, b]
                homes_out[k, b, t] = homes
                new_out[k, b, t] = new
                used_out[k, b, t] = keep + new * cost[k, b]
            remaining = n * stay
            n = max(remaining, min(capacity, remaining + entering))
            placed_out[b, t + 1] = n
        placed_out[b, 0] = 0.0


def _floats(a: np.ndarray) -> Any:
    """Draw 0 of a (1,) or (1, T) array as Python floats (a per-lever constant, or a list over months)."""
    return a[0].tolist()


def _columns(a: np.ndarray) -> Any:
    """A (D, T) array as a list over months of contiguous (D,) arrays (one transposing copy); (D,) stays."""
    return list(np.ascontiguousarray(a.T)) if a.ndim == 2 else a


class _FloatPipeline:
    """Homes on their way, one draw: homes recruited in month *t* are ready in month ``t + lead``."""

    def __init__(self, months: int, lead: np.ndarray) -> None:
        self.lead = int(lead[0])
        self.ready = [0.0] * (months + self.lead + 1)

    def add(self, t: int, new: Any) -> None:
        self.ready[t + self.lead] += new


class _ArrayPipeline:
    """Homes on their way, many draws, each with its own lead time (whole months)."""

    def __init__(self, months: int, lead: np.ndarray) -> None:
        self.lead = lead.astype(int)
        d = len(self.lead)
        self.ready = np.zeros((months + int(self.lead.max(initial=0)) + 1, d))
        self.flat = self.ready.reshape(-1)  # a view: draw i of month t is element t * D + i
        self.at = self.lead * d + np.arange(d)  # month 0's elements; month t's are t * D further
        self.d = d

    def add(self, t: int, new: Any) -> None:
        # Each draw once in the index: a plain fancy assignment adds correctly (no np.add.at needed).
        self.flat[self.at + t * self.d] += new


def _months(
    pool_next: list,
    entering: list,
    stay: list,
    levers: list[dict],
    pipes: list,
    lower: Callable,
    upper: Callable,
) -> tuple[list, list, list, list]:
    """The monthly recursion: homes, homes recruited, support paid (per measure) and children placed.

    *pool_next* and *entering* are the substitutable children in the pool and entering it.
    """
    homes_t: list = []
    recruited_t: list = []
    kept_t: list = []
    placed_t: list = []
    zero = 0.0 * entering[0]
    current = [zero for _ in levers]
    pending = [zero for _ in levers]
    # Each lever's figures as locals once (the loop runs for every month): money, the homes whose support
    # it could pay, support, homes staying, places in use, cost, most a month, the pipeline.
    rows = [
        (x["money"], x["affordable"], x["support"], x["stay"], x["places"], x["cost"], x["cap"], pipe.add, pipe.ready)
        for x, pipe in zip(levers, pipes, strict=True)
    ]
    n = zero
    for t in range(len(entering)):
        capacity = zero
        row_homes, row_new, row_kept = [], [], []
        for k, (money, affordable, support, stays, places, cost, cap, add, ready) in enumerate(rows):
            # Homes whose support the month's money cannot pay are let go.
            homes = lower(current[k], affordable[t])
            keep = homes * support
            kept = homes * stays
            wanted = (pool_next[t] - capacity) / places - kept - pending[k]
            new = lower(upper(lower((money[t] - keep) / cost, wanted), 0.0), cap)
            add(t, new)
            arrived = ready[t]
            pending[k] = pending[k] + new - arrived
            current[k] = homes = kept + arrived
            capacity = capacity + homes * places
            row_homes.append(homes)
            row_new.append(new)
            row_kept.append(keep)
        remaining = n * stay[t]
        n = upper(remaining, lower(capacity, remaining + entering[t]))
        homes_t.append(row_homes)
        recruited_t.append(row_new)
        kept_t.append(row_kept)
        placed_t.append(n)
    return homes_t, recruited_t, kept_t, placed_t
