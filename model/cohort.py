# Three functions here are longer than 60 lines — propagate, propagate_exits and simulate — because of
# their numpydoc docstrings (conventions, shapes, units and a worked example each); their code is 15 to
# 25 lines. The input checks live in model/cohort_checks.py.
"""Generic, validated, vectorised cohort (Markov stock-and-flow) engine.

This module moves a population of people between a fixed set of ``S`` states
(for example "living at home without support", "home care", "nursing home",
"deceased") in discrete time steps. It knows nothing about the meaning of the
states: callers build the transition matrices and inflows, this module only
does the bookkeeping, fast and with careful input checks.

Convention
----------
* **Occupancy at the start of each step.** ``occ[t, j]`` is the number of
  people [persons] in state ``j`` at the *start* of step ``t``. Step ``t``
  runs from ``occ[t]`` to ``occ[t + 1]``. ``occ[0]`` is the initial stock, so
  a run of ``T`` steps returns ``T + 1`` rows.
* **Row-stochastic transitions.** ``transitions[t][i, j]`` is the
  probability [1] that a person in state ``i`` at the start of step ``t`` is
  in state ``j`` at the start of step ``t + 1``. Every row sums to 1, so a
  transition alone neither creates nor destroys people; exits from the
  population (death, moving away) are modelled as absorbing states.
* **Inflow added after the transition.** ``inflow[t, j]`` is the number of
  new people [persons/step] who enter state ``j`` during step ``t``. They are
  added *after* the transition of step ``t`` and are first exposed to a
  transition in step ``t + 1``::

      occ[t + 1] = occ[t] @ transitions[t] + inflow[t]

  In particular ``occ.sum(-1)[t + 1] == occ.sum(-1)[t] + inflow[t].sum()``:
  the total only changes through the inflow.

Shapes
------
``S`` is the number of states, ``T`` the number of steps and ``B`` the number
of independent models (for example Monte Carlo draws) run in one pass.

============  ====================  ===========================
argument      unbatched             batched
============  ====================  ===========================
initial       ``(S,)``              ``(B, S)``
transitions   ``(T, S, S)`` or      ``(B, T, S, S)`` or
              ``(S, S)`` constant   ``(B, S, S)`` constant
inflow        ``(T, S)`` or None    ``(B, T, S)`` or None
result        ``(T + 1, S)``        ``(B, T + 1, S)``
============  ====================  ===========================

The batch dimension is present if and only if ``initial.ndim == 2``. With
constant transitions the number of steps is taken from ``inflow``, so a
constant matrix without an inflow is an error.

Public functions
----------------
simulate
    Validates its inputs (shapes, NaN/inf, probabilities in [0, 1], rows
    summing to 1, non-negative counts) and then calls :func:`propagate`.
    Use it whenever the inputs come from users, files or untested code.
propagate_exits
    The same recursion for stay-or-leave models (exit probabilities and
    destination shares instead of matrices), batch-last and fast for many
    draws; the care model of :mod:`model.care` runs on it.
propagate
    The unvalidated inner loop. Transition matrices are supplied by a
    callable ``t -> matrix``, so time-varying matrices for many draws can be
    built on the fly instead of materialising a ``(B, T, S, S)`` array (for
    ``B = 10 000``, ``T = 120``, ``S = 9`` that array would take 780 MB).

Performance
-----------
The only Python loop is over time steps. Each step is one ``np.matmul`` on
the whole batch (a single matrix-matrix product when all batch members share
one matrix), followed by one in-place addition of the inflow. The output is
preallocated in time-major memory order so that every step reads and writes
contiguous memory; the batched result is therefore returned as a
non-contiguous ``(B, T + 1, S)`` view (use ``np.ascontiguousarray`` if a
C-ordered copy is needed).

Examples
--------
Two states (at home, in care), 10 % of those at home move into care each
step, 20 % of those in care return home, and 5 people arrive at home in each
of two steps:

>>> import numpy as np
>>> P = np.array([[0.9, 0.1], [0.2, 0.8]])
>>> simulate([100.0, 0.0], P, inflow=[[5.0, 0.0], [5.0, 0.0]])
array([[100. ,   0. ],
       [ 95. ,  10. ],
       [ 92.5,  17.5]])
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from model.cohort_checks import as_float_array, check_counts, check_probabilities, check_shapes
from model.exit_months import exit_months

__all__ = ["propagate", "propagate_exits", "simulate"]



def propagate(
    initial: ArrayLike,
    transition_at: Callable[[int], ArrayLike],
    inflow: ArrayLike,
) -> np.ndarray:
    """Run the cohort recursion without any validation.

    Computes ``occ[..., t + 1, :] = occ[..., t, :] @ transition_at(t) +
    inflow[..., t, :]`` for ``t = 0, ..., T - 1`` with
    ``T = inflow.shape[-2]``. This is the fast inner loop used by
    :func:`simulate`; call it directly when the transition matrices are
    built on the fly (for example from time-dependent rates per Monte Carlo
    draw) and materialising all of them at once would cost too much memory.

    **No validation is done**: shapes, NaN/inf, probability ranges, row sums
    and signs are not checked. Wrong shapes surface as numpy broadcasting
    errors at best and as silently wrong results at worst. Use
    :func:`simulate` for untrusted input.

    Parameters
    ----------
    initial : array_like, shape (..., S)
        Occupancy at the start of step 0 [persons].
    transition_at : callable
        ``transition_at(t)`` returns the row-stochastic transition matrix of
        step ``t`` [1], shape ``(S, S)`` (shared by the whole batch) or
        ``(..., S, S)``. Its leading (batch) dimensions must broadcast to
        the batch shape of the result without enlarging it. It is called
        exactly once for each ``t`` in ``0, ..., T - 1``, in that order, and
        the returned array is not kept after the step.
    inflow : array_like, shape (..., T, S)
        People entering each state during each step [persons/step], added
        after that step's transition. Its leading dimensions broadcast with
        those of ``initial``; a ``(T, S)`` inflow is shared by every batch
        member. ``T = inflow.shape[-2]`` sets the number of steps. For a
        closed model pass zeros, e.g.
        ``np.broadcast_to(0.0, (T, S))`` (no memory is allocated).

    Returns
    -------
    numpy.ndarray, shape (..., T + 1, S)
        Occupancy at the start of each step [persons], float64, where the
        batch shape ``...`` is ``initial.shape[:-1]`` broadcast with
        ``inflow.shape[:-2]``. Row ``0`` is ``initial``. For batched input
        the result is a view with time-major memory layout (not
        C-contiguous).

    See Also
    --------
    simulate : Validating front end for fixed arrays of matrices.

    Examples
    --------
    >>> import numpy as np
    >>> P = np.array([[0.9, 0.1], [0.2, 0.8]])
    >>> propagate([100.0, 0.0], lambda t: P, np.zeros((2, 2)))
    array([[100.,   0.],
           [ 90.,  10.],
           [ 83.,  17.]])
    """
    initial = np.asarray(initial, dtype=np.float64)
    inflow = np.asarray(inflow, dtype=np.float64)
    n_steps = inflow.shape[-2]
    n_states = initial.shape[-1]
    batch_shape = np.broadcast_shapes(initial.shape[:-1], inflow.shape[:-2])

    # Time-major work array: occ_tm[t] is a contiguous (..., S) block, so each
    # step reads and writes contiguous memory whatever the batch size.
    occ_tm = np.empty((n_steps + 1, *batch_shape, n_states), dtype=np.float64)
    occ_tm[0] = initial
    inflow_tm = np.moveaxis(inflow, -2, 0)  # view, shape (T, ..., S)

    for t in range(n_steps):
        _transition_into(occ_tm[t], transition_at(t), occ_tm[t + 1])
        occ_tm[t + 1] += inflow_tm[t]

    return np.moveaxis(occ_tm, 0, -2)


def propagate_exits(
    initial: ArrayLike,
    p_exit: ArrayLike,
    dest: ArrayLike,
    inflow: ArrayLike,
    out: np.ndarray | None = None,
    inflow_of: tuple | None = None,
) -> np.ndarray:
    """Run the cohort recursion for stay-or-leave models, without validation.

    The same recursion as :func:`propagate` with the transition matrix of
    step ``t`` equal to ``diag(1 - p_t) + diag(p_t) @ dest``: each state is
    left with probability ``p_t`` and the leavers go to other states by the
    shares ``dest``. Written that way a step needs no matrix product per
    batch member: the exits are redistributed over all members at once with
    the batch on the last (contiguous) axis, which for thousands of Monte
    Carlo draws is several times faster than stacked ``(S, S)`` products.

    Parameters
    ----------
    initial : array_like, shape (..., S)
        Occupancy at the start of step 0 [persons].
    p_exit : array_like, shape (..., T, S) or (..., 1, S)
        Probability of leaving each state during each step [1]; a time axis
        of length 1 applies to every step.
    dest : array_like, shape (..., S, S)
        Shares of the leavers from state ``i`` that go to state ``j`` [1];
        rows sum to 1 (a state that is never left may have any row).
    inflow : array_like, shape (..., T, S)
        People entering each state during each step [persons/step].
    out : ndarray, shape (T + 1, S, B...), optional
        A float64 array, time-major and batch-last, to write the occupancy
        into (its batch axes C-contiguous); the result is then a view of it,
        so a caller that keeps its own layout pays no copy. By default one is
        allocated.
    inflow_of : tuple, optional
        The care model's inflows as their factors, made in the compiled loop
        (:func:`model.exit_months.exit_months`); *inflow* then gives only
        their shape (a zero-stride broadcast will do).

    Returns
    -------
    numpy.ndarray, shape (B..., T + 1, S)
        Occupancy at the start of each step, with the batch shape of all
        arguments broadcast together; row ``0`` is ``initial``. A view of a
        time-major, batch-last array (*out* when given).

    Examples
    --------
    >>> import numpy as np
    >>> propagate_exits([100.0, 0.0], [[0.1, 0.0]], [[0.0, 1.0], [0.0, 1.0]], np.zeros((2, 2)))
    array([[100.,   0.],
           [ 90.,  10.],
           [ 81.,  19.]])
    """
    initial, p_exit, dest, inflow = (np.asarray(a, dtype=np.float64) for a in (initial, p_exit, dest, inflow))
    n_steps, n_states = inflow.shape[-2:]
    batch = np.broadcast_shapes(initial.shape[:-1], inflow.shape[:-2], p_exit.shape[:-2], dest.shape[:-2])
    n = int(np.prod(batch, dtype=int))

    def batch_first(a: np.ndarray, tail: tuple[int, ...]) -> np.ndarray:
        """(batch..., *tail) -> (n, *tail): a view when *a* already has the full batch shape.

        Writable then, as *a* is (a read-only broadcast would make the compiled loop copy it).
        """
        full = a if a.shape == batch + tail else np.broadcast_to(a, batch + tail)
        return full.reshape((n, *tail))

    if out is None:
        out = np.empty((n_steps + 1, n_states, *batch))
    occ = out.reshape((n_steps + 1, n_states, n))  # batch last: each step works on contiguous rows (a view)
    if not np.shares_memory(occ, out):
        raise ValueError("out: expected a time-major array with C-contiguous batch axes")
    occ[0] = batch_first(initial, (n_states,)).T
    # The inflow, exit probabilities and shares batch-last, as the steps read them (views where they already are).
    flows_in = batch_first(inflow, (n_steps, n_states)).transpose(1, 2, 0)
    p = batch_first(p_exit, (p_exit.shape[-2], n_states)).transpose(1, 2, 0)
    shares = np.ascontiguousarray(batch_first(dest, (n_states, n_states)).transpose(1, 2, 0))
    exit_months(occ, p, shares, flows_in, inflow_of)
    return np.moveaxis(occ.reshape((n_steps + 1, n_states, *batch)), (0, 1), (-2, -1))


def _transition_into(current: np.ndarray, matrix: ArrayLike, following: np.ndarray) -> None:
    """Write ``current @ matrix`` into ``following`` (both shape (..., S))."""
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.ndim == 2:
        # One matrix for everybody: a single (N, S) @ (S, S) product.
        np.matmul(current, matrix, out=following)
    else:
        # One matrix per batch member: stacked (1, S) @ (S, S) products.
        np.matmul(current[..., np.newaxis, :], matrix, out=following[..., np.newaxis, :])


def simulate(
    initial: ArrayLike,
    transitions: ArrayLike,
    inflow: ArrayLike | None = None,
) -> np.ndarray:
    """Validate a cohort model and run it.

    Computes ``occ[t + 1] = occ[t] @ transitions[t] + inflow[t]`` for every
    step after checking the inputs (see the module docstring for the
    convention). The batch dimension ``B`` is present if and only if
    ``initial`` is two-dimensional.

    Parameters
    ----------
    initial : array_like, shape (S,) or (B, S)
        Occupancy at the start of step 0 [persons]. Must be finite and
        non-negative.
    transitions : array_like
        Row-stochastic transition matrices [1]: ``transitions[t][i, j]`` is
        the probability of moving from state ``i`` to state ``j`` during step
        ``t``. Unbatched: shape ``(T, S, S)``, or ``(S, S)`` used at every
        step (then ``inflow`` must be given to fix ``T``). Batched: shape
        ``(B, T, S, S)``, or ``(B, S, S)`` constant over time. Every entry
        must lie in [0, 1] (tolerance 1e-12) and every row must sum to 1
        (tolerance 1e-9).
    inflow : array_like or None, optional
        People entering each state during each step [persons/step], added
        after that step's transition. Shape ``(T, S)``, or ``(B, T, S)`` when
        batched. Must be finite and non-negative. None (default) means a
        closed population.

    Returns
    -------
    numpy.ndarray, shape (T + 1, S) or (B, T + 1, S)
        Occupancy at the start of each step [persons], float64, with
        ``occ[..., 0, :]`` equal to ``initial``.

    Raises
    ------
    ValueError
        If an argument cannot be converted to a float array, has the wrong
        number of dimensions, disagrees with the others on ``B``, ``T`` or
        ``S``, contains NaN or inf, contains a probability outside [0, 1] or
        a row not summing to 1, or contains a negative count; or if the
        transitions are constant and ``inflow`` is None, so that the number
        of steps is unknown. The message names the offending argument.

    See Also
    --------
    propagate : The unvalidated inner loop, with matrices from a callable.

    Examples
    --------
    >>> P = [[[0.9, 0.1], [0.2, 0.8]], [[0.5, 0.5], [0.0, 1.0]]]
    >>> simulate([100.0, 0.0], P)
    array([[100.,   0.],
           [ 90.,  10.],
           [ 45.,  55.]])
    """
    initial = as_float_array(initial, "initial")
    transitions = as_float_array(transitions, "transitions")
    inflow = None if inflow is None else as_float_array(inflow, "inflow")

    batched, time_varying, n_steps = check_shapes(initial, transitions, inflow)

    check_counts(initial, "initial")
    check_probabilities(transitions, "transitions")
    if inflow is not None:
        check_counts(inflow, "inflow")

    if inflow is None:
        # Zero-stride zeros: no (B, T, S) allocation for a closed model.
        inflow = np.broadcast_to(0.0, (n_steps, initial.shape[-1]))

    if not time_varying:
        return propagate(initial, lambda t: transitions, inflow)
    if batched:
        return propagate(initial, lambda t: transitions[:, t], inflow)
    return propagate(initial, lambda t: transitions[t], inflow)
