"""The months of the engine's stay-or-leave recursion (:func:`model.cohort.propagate_exits`).

Each month the people in state ``i`` leave with probability ``p[t, i]`` and go
to ``j`` by the shares ``shares[i, j]``; the month's inflow is added. Arrays are
batch-last: occupancy (T+1, S, n) from its first month, exit probabilities
(T or 1, S, n), shares (S, S, n), inflow (T, S, n). :func:`exit_months` runs
the compiled loop (:mod:`model.kernels`) for a large batch, numpy otherwise;
both give the same numbers (tests/test_kernels.py).
"""

from __future__ import annotations

import numpy as np

from model import kernels


def exit_months(occ: np.ndarray, p: np.ndarray, shares: np.ndarray, flows_in: np.ndarray) -> None:
    """Fill months 1..T of *occ* (T+1, S, n) from month 0 (its batch axis contiguous, as an engine's view)."""
    n_steps, n_states, n = flows_in.shape
    loop = kernels.compiled(_compiled, n)
    if loop is None:
        _numpy(occ, p, shares, flows_in)
        return
    # Each month's (S, n) block is contiguous; seen as one row of a 2-D array (element j * n + b) the
    # compiled loop knows it and runs on unit strides. Only the pairs of states some member's shares join.
    rows = np.lib.stride_tricks.as_strided(occ, (n_steps + 1, occ.strides[0] // 8), (occ.strides[0], 8))
    moves = np.nonzero(shares.any(axis=2))
    loop(rows, *(np.require(a, np.float64, ["C", "W"]) for a in (p, shares, flows_in)),
         *(np.ascontiguousarray(a, dtype=np.int64) for a in moves))


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
    the pairs of states with a share above 0 (the others add nothing).
    """
    n_steps, n_states, n = flows_in.shape
    for t in range(n_steps):
        tp = t if p.shape[0] > 1 else 0
        for j in range(n_states):  # the stayers and the inflow
            x, y, p_j, f_j = rows[t, j * n : (j + 1) * n], rows[t + 1, j * n : (j + 1) * n], p[tp, j], flows_in[t, j]
            for b in range(n):
                y[b] = x[b] * (1.0 - p_j[b]) + f_j[b]
        for k in range(src.shape[0]):  # the leavers, at their destinations
            i, j = src[k], dst[k]
            x, y, p_i, s_ij = rows[t, i * n : (i + 1) * n], rows[t + 1, j * n : (j + 1) * n], p[tp, i], shares[i, j]
            for b in range(n):
                y[b] += x[b] * p_i[b] * s_ij[b]
