"""The months of the engine's stay-or-leave recursion (:func:`model.cohort.propagate_exits`).

Each month the people in state ``i`` leave with probability ``p[t, i]`` and go
to ``j`` by the shares ``shares[i, j]``; the month's inflow is added. Arrays are
batch-last: occupancy (T+1, S, n) from its first month, exit probabilities
(T or 1, S, n), shares (S, S, n), inflow (T, S, n). :func:`exit_months` runs
the compiled loop (:mod:`model.kernels`) for a large batch, numpy otherwise;
both give the same numbers (tests/test_kernels.py). The care model's batch of two members
(baseline and scenario) can instead have its inflows made in the compiled loop from their factors
(*inflow_of*, :func:`model.care._inflows`' arithmetic): never an inflow array in memory.
"""

from __future__ import annotations

import numpy as np

from model import kernels


def exit_months(
    occ: np.ndarray, p: np.ndarray, shares: np.ndarray, flows_in: np.ndarray, inflow_of: tuple | None = None
) -> None:
    """Fill months 1..T of *occ* (T+1, S, n) from month 0 (its batch axis contiguous, as an engine's view).

    With *inflow_of* (growth (T, D), inflow (D, S), change (T, S, D), forms, starts (T, 2, D); see
    :func:`_with_inflows`) the batch is baseline and scenario of D draws (n = 2 D), their inflows are
    made in the loop (*flows_in*'s values are not read) and the placements started written to
    *starts*; only where :func:`inflows_in_loop` says so.
    """
    n_steps, n_states, n = flows_in.shape
    loop = kernels.compiled(_compiled if inflow_of is None else _with_inflows, n)
    if loop is None:
        if inflow_of is not None:
            raise ValueError("inflow_of: the inflows are made only by the compiled loop (see inflows_in_loop)")
        _numpy(occ, p, shares, flows_in)
        return
    # Each month's (S, n) block is contiguous; seen as one row of a 2-D array (element j * n + b) the
    # compiled loop knows it and runs on unit strides. Only the pairs of states some member's shares join.
    rows = np.lib.stride_tricks.as_strided(occ, (n_steps + 1, occ.strides[0] // 8), (occ.strides[0], 8))
    moves = np.nonzero(shares.any(axis=2))
    pairs = (np.ascontiguousarray(a, dtype=np.int64) for a in moves)
    if inflow_of is None:
        loop(rows, *(np.require(a, np.float64, ["C", "W"]) for a in (p, shares, flows_in)), *pairs)
        return
    growth, inflow, change, forms, starts = inflow_of
    loop(rows, *(np.require(a, np.float64, ["C", "W"]) for a in (p, shares, growth, inflow.T, change)), *pairs,
         np.ascontiguousarray(forms, dtype=np.int64), starts)


def inflows_in_loop(draws: int) -> bool:
    """Whether :func:`exit_months` makes the inflows of baseline and scenario of *draws* in its loop."""
    return kernels.compiled(_with_inflows, 2 * draws) is not None


def _numpy(occ: np.ndarray, p: np.ndarray, shares: np.ndarray, flows_in: np.ndarray) -> None:
    """The months of :func:`model.cohort.propagate_exits` in numpy, from ``occ[0]``.

    occ (T+1, S, n), p (T or 1, S, n), shares (S, S, n), flows_in (T, S, n).
    """
    n_steps, n_states, n = flows_in.shape
    add, einsum = np.add, np.einsum  # bare names: called every step
    if p.shape[0] == 1:
        # One transition per member for every step, diag(1 - p) + diag(p) @ dest, built once: a step is
        # then one product and the inflow (the time-varying form below needs five operations a step).
        p_once = np.ascontiguousarray(p[0])  # (S, n)
        transition = shares * p_once[:, None, :]
        diagonal = np.arange(n_states)
        transition[diagonal, diagonal] += 1.0 - p_once
        for t in range(n_steps):
            einsum("ib,ijb->jb", occ[t], transition, out=occ[t + 1])
            add(occ[t + 1], flows_in[t], out=occ[t + 1])
        return
    exits = np.empty((n_states, n))
    mul, sub = np.multiply, np.subtract
    for t in range(n_steps):
        x, y = occ[t], occ[t + 1]
        mul(x, p[t], out=exits)
        einsum("ib,ijb->jb", exits, shares, out=y)  # the leavers, at their destinations
        add(y, x, out=y)
        sub(y, exits, out=y)
        add(y, flows_in[t], out=y)


@kernels.register(
    "void(float64[:, ::1], float64[:, :, ::1], float64[:, :, ::1], float64[:, :, ::1], int64[::1], int64[::1])"
)
def _compiled(
    rows: np.ndarray, p: np.ndarray, shares: np.ndarray, flows_in: np.ndarray, src: np.ndarray, dst: np.ndarray
) -> None:
    """The months of :func:`model.cohort.propagate_exits` as loops, compiled by :mod:`model.kernels`.

    *rows* (T+1, >= S n) holds state j of member b in month t at ``rows[t, j * n + b]``; *src*, *dst*
    the pairs of states with a share above 0 (the others add nothing). Each state's leavers
    ``x * p`` are made once a month and shared by its pairs (the same products as ``x * p * s``).
    """
    n_steps, n_states, n = flows_in.shape
    exits = np.empty((n_states, n))
    for t in range(n_steps):
        tp = t if p.shape[0] > 1 else 0
        for j in range(n_states):  # the stayers and the inflow; the leavers
            x, y, e = rows[t, j * n : (j + 1) * n], rows[t + 1, j * n : (j + 1) * n], exits[j]
            p_j, f_j = p[tp, j], flows_in[t, j]
            for b in range(n):
                y[b] = x[b] * (1.0 - p_j[b]) + f_j[b]
            for b in range(n):
                e[b] = x[b] * p_j[b]
        for k in range(src.shape[0]):  # the leavers, at their destinations
            y, e, s_ij = rows[t + 1, dst[k] * n : (dst[k] + 1) * n], exits[src[k]], shares[src[k], dst[k]]
            for b in range(n):
                y[b] += e[b] * s_ij[b]


@kernels.register(
    "void(float64[:, ::1], float64[:, :, ::1], float64[:, :, ::1], float64[:, ::1], float64[:, ::1],"
    " float64[:, :, ::1], int64[::1], int64[::1], int64[::1], float64[:, :, ::1])"
)
def _with_inflows(
    rows: np.ndarray,
    p: np.ndarray,
    shares: np.ndarray,
    growth: np.ndarray,
    inflow: np.ndarray,
    change: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    forms: np.ndarray,
    starts: np.ndarray,
) -> None:
    """:func:`_compiled` for baseline and scenario (members 0 and 1 of D draws), each month's inflows made here.

    The baseline's inflow of state j is ``growth[t, b] * inflow[j, b]``, the scenario's that plus
    ``change[t, j, b]``, at least 0 (:func:`model.care._inflow_months`, the same numbers); *starts*
    (T, 2, D) their sums over the placement *forms*, added in their order.
    """
    n_steps, n_states, d = change.shape
    n = 2 * d
    exits = np.empty((n_states, n))
    for t in range(n_steps):
        tp = t if p.shape[0] > 1 else 0
        grow = growth[t]
        for j in range(n_states):  # the stayers and the inflow, baseline's draws then scenario's; the leavers
            x, y, e = rows[t, j * n : (j + 1) * n], rows[t + 1, j * n : (j + 1) * n], exits[j]
            p_j, step, inflow_j = p[tp, j], change[t, j], inflow[j]
            for b in range(d):
                f = grow[b] * inflow_j[b]
                y[b] = x[b] * (1.0 - p_j[b]) + f
                y[d + b] = x[d + b] * (1.0 - p_j[d + b]) + max(f + step[b], 0.0)
            for b in range(n):
                e[b] = x[b] * p_j[b]
        into = starts[t]
        for k in range(forms.shape[0]):
            inflow_j, step = inflow[forms[k]], change[t, forms[k]]
            for b in range(d):
                f = grow[b] * inflow_j[b]
                g = max(f + step[b], 0.0)
                into[0, b] = f if k == 0 else into[0, b] + f
                into[1, b] = g if k == 0 else into[1, b] + g
        for k in range(src.shape[0]):  # the leavers, at their destinations
            y, e, s_ij = rows[t + 1, dst[k] * n : (dst[k] + 1) * n], exits[src[k]], shares[src[k], dst[k]]
            for b in range(n):
                y[b] += e[b] * s_ij[b]
