"""What the money buys: families reached, review posts and the levers of recruitment, per measure.

The money moved to each measure per month (:func:`model.care.allocation`)
buys, by mechanism: families reached by a preventive measure
(:func:`model.prevention.families_reached`), external placements a review
measure's posts can review (:func:`model.review.posts_used`), or the homes a
recruitment measure pays for (:func:`model.recruitment.recruitment_lever`,
whose money used is known only after the monthly recursion). Money beyond
what a measure can use is moved but not used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from model.exits import participants
from model.parameters import Measure
from model.prevention import Reach, families_reached
from model.recruitment import recruitment_lever
from model.review import posts_used


@dataclass(frozen=True)
class Spending:
    """What the money of each measure buys (arrays filled in place by the steps).

    Attributes
    ----------
    spent : ndarray, shape (D, T, K)
        Money used [SEK/month]; recruitment writes its own after the recursion.
    families : ndarray, shape (D, T, K)
        Families reached by preventive measures.
    reaches : list of Reach
        The preventive measures with money.
    reviews : list of (Measure, ndarray)
        The review measures with money and the placements a year their posts can review (D, T).
    exits : list of (Measure, ndarray, ndarray)
        The exit-rate measures with money, their participants at a time and their target group (D, T) each.
    recruitment : list of (int, dict)
        (measure index, lever) of the recruitment measures with money.
    """

    spent: np.ndarray
    families: np.ndarray
    reaches: list[Reach]
    reviews: list[tuple[Measure, np.ndarray]]
    recruitment: list[tuple[int, dict[str, np.ndarray]]]
    exits: list[tuple[Measure, np.ndarray, np.ndarray]] = field(default_factory=list)


def spend(
    values: Mapping[str, np.ndarray],
    measures: Sequence[Measure],
    allocated: np.ndarray,
    population: np.ndarray,
    need: np.ndarray,
    target_group: Callable[[Measure], np.ndarray] | None = None,
) -> Spending:
    """What each measure with money buys.

    Parameters
    ----------
    values : mapping of str to ndarray
        Parameter values, each (D,).
    measures : sequence of Measure
        The catalogue, in the order of the ``K`` axis.
    allocated : ndarray, shape (D, T, K)
        Money moved to each measure per month [SEK].
    population : ndarray, shape (D, T)
        The area's population per month.
    need : ndarray, shape (D, T)
        External placements a year there are to review (:func:`model.review.to_review`).
    target_group : callable, optional
        The households an exit-rate measure is for, (D, T) (:func:`model.exits.target_group`).
    """
    d, months, n = allocated.shape
    # Measure-major memory seen as (D, T, K): each measure's (D, T) is contiguous where the steps write it.
    # Each measure's part is written once below (zeros only where nothing else is written).
    spent = np.empty((n, d, months)).transpose(1, 2, 0)
    families = np.empty((n, d, months)).transpose(1, 2, 0)
    out = Spending(spent=spent, families=families, reaches=[], reviews=[], recruitment=[])
    for k, m in enumerate(measures):
        money = allocated[:, :, k]
        if not money.any():
            spent[:, :, k] = 0.0
            families[:, :, k] = 0.0
            continue
        if m.mechanism == "recruitment":
            spent[:, :, k] = money  # until the recursion writes the money it uses
            families[:, :, k] = 0.0
            out.recruitment.append((k, recruitment_lever(values, m, money, d)))
        elif m.mechanism == "exit_rate" and target_group is not None:
            group = target_group(m)
            reached, out.spent[:, :, k] = participants(values, m, money, group)
            out.families[:, :, k] = reached / 12.0  # a year's sum: the households in it on average (a place a year)
            out.exits.append((m, reached, group))
        elif m.mechanism == "review":
            capacity, out.spent[:, :, k] = posts_used(values, m, money, need)
            families[:, :, k] = 0.0
            out.reviews.append((m, capacity))
        else:
            reached, out.spent[:, :, k], target = families_reached(values, m, money, population, d)
            out.families[:, :, k] = reached
            out.reaches.append(Reach(measure=m, reached=reached, target=target))
    return out
