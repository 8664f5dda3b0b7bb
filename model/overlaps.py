"""Preventive measures that reach the same placements: their effects combined, never counted twice.

Measures that reach the same placements (the same care form and age group)
combine multiplicatively, ``1 - prod(1 - x_m)`` (:mod:`model.prevention`).
Each measure's standalone effect is an outer product of its placements
reached (D, T) and the starts in its group per care form (D, E), so the
product is computed either per care form and age group (:func:`by_cells`, for
one draw or many measures) or by inclusion and exclusion over the measures
that overlap (:func:`overlaps`, :func:`by_inclusion_exclusion`), whose terms
are outer products too. For a large batch :func:`combined` does that sum, the
clip and the shares the substitutes need in one compiled pass
(:mod:`model.kernels`); tests/test_kernels.py compares it with the numpy steps.
"""

from __future__ import annotations

import numpy as np

from model import kernels

#: Up to this many preventive measures with money, many draws combine by inclusion and exclusion on
#: (D, T, E) arrays (2^M - M - 1 terms, most without overlap); beyond it, on (D, T, E, G) cells.
MAX_INCLUSION_EXCLUSION = 3


def by_cells(out: np.ndarray, cells: np.ndarray, effects: list, shares: list, pop: np.ndarray) -> None:
    """``1 - prod(1 - x_m)`` per care form and age group, summed over age groups into *out* (D, T, E)."""
    survive = np.ones((*pop.shape, *cells.shape[1:]))  # (D, T, E, G)
    for x, r in zip(effects, shares, strict=True):
        survive *= 1.0 - x[:, :, None, None] * r[:, None, :, :]
    np.einsum("dteg,deg,dt->dte", 1.0 - survive, cells, pop, out=out)


def overlaps(cells: np.ndarray, effects: list, shares: list, pop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The terms of :func:`by_cells` beyond the first: ``- sum x_m x_n + sum x_m x_n x_o - ...``.

    Subsets are grown one measure at a time; a subset whose measures share no care form and age group
    adds nothing, nor does any larger subset that contains it: those are never computed. Each term is
    an outer product of a (D, T) and a (D, E) factor: returned as the coefficients (D, T, C), the joint
    effect times the population's growth, and the groups (D, C, E), signed, the starts the measures of
    the subset share (C = 0 where no measures overlap).
    """
    d, months = pop.shape
    coefficients: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    stack: list[tuple[tuple[int, ...], np.ndarray, np.ndarray]] = [
        ((i,), cells * shares[i], effects[i]) for i in range(len(effects))
    ]
    while stack:
        members, overlap, joint = stack.pop()
        for j in range(members[-1] + 1, len(effects)):
            both = overlap * shares[j]
            if not both.any():
                continue
            together = joint * effects[j]
            sign = -1.0 if len(members) % 2 == 1 else 1.0  # the new subset has len(members) + 1 measures
            coefficients.append(together * pop)
            groups.append(sign * both.sum(-1))
            stack.append(((*members, j), both, together))
    if not coefficients:
        return np.zeros((d, months, 0)), np.zeros((d, 0, cells.shape[1]))
    return np.stack(coefficients, axis=-1), np.stack(groups, axis=1)


def by_inclusion_exclusion(out: np.ndarray, first: np.ndarray, coefficients: np.ndarray, groups: np.ndarray) -> None:
    """The same as :func:`by_cells`: *first* (the subsets of one) plus the :func:`overlaps` terms, into *out*."""
    if coefficients.shape[-1] == 0:
        np.copyto(out, first)
        return
    np.matmul(coefficients, groups, out=out)
    out += first


@kernels.register(
    "void(float64[:, :, ::1], float64[:, :, ::1], float64[:, :, ::1], float64[:, :, ::1], float64[:, :, ::1],"
    " float64[:, :, ::1])"
)
def combined(
    reached: np.ndarray,
    group: np.ndarray,
    coefficients: np.ndarray,
    groups: np.ndarray,
    avoided: np.ndarray,
    in_group: np.ndarray,
) -> None:
    """:func:`by_inclusion_exclusion`, the clip and the ``in_group`` of :mod:`model.prevention` in one loop.

    Every array draws last (the axis the loops run along, contiguous; the engine's layout): per month
    and care form, the summed standalone effects (*reached* (T, M, D) by *group* (M, E, D)), plus the
    overlap terms (*coefficients* (T, C, D) by *groups* (C, E, D)), clipped to 0..summed into
    *avoided* (T, E, D); their ratio (0 where nothing is reached) times *group*, summed over forms, into
    *in_group* (T, M, D). Each sum adds its terms in the numpy steps' order.
    """
    months, n, d = reached.shape
    forms, terms = group.shape[1], coefficients.shape[1]
    first, joint, scale = np.empty(d), np.empty(d), np.empty((forms, d))
    for t in range(months):
        for j in range(forms):
            first[:] = 0.0
            joint[:] = 0.0
            for k in range(n):
                r, g = reached[t, k], group[k, j]
                for b in range(d):
                    first[b] += r[b] * g[b]
            for k in range(terms):
                c, g = coefficients[t, k], groups[k, j]
                for b in range(d):
                    joint[b] += c[b] * g[b]
            into, share = avoided[t, j], scale[j]
            for b in range(d):
                a = min(max(joint[b] + first[b], 0.0), first[b])
                into[b] = a
                share[b] = a / first[b] if first[b] > 0.0 else 0.0
        for k in range(n):
            total = in_group[t, k]
            total[:] = 0.0
            for j in range(forms):
                share, g = scale[j], group[k, j]
                for b in range(d):
                    total[b] += share[b] * g[b]
