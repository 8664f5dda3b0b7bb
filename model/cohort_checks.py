"""The checks :func:`model.cohort.simulate` makes before it runs: shapes, NaN and inf, probabilities, counts.

Every check raises a ``ValueError`` that names the argument and, where it
helps, the first offending index and value.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import ArrayLike

#: Tolerance [1] for a single probability to lie outside [0, 1].
PROBABILITY_TOLERANCE = 1e-12
#: Tolerance [1] for a row of a transition matrix to differ from 1.
ROW_SUM_TOLERANCE = 1e-9


def as_float_array(value: ArrayLike, name: str) -> np.ndarray:
    """Convert ``value`` to a float64 array or raise a ValueError naming it."""
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} cannot be converted to an array of floats: {exc}") from None


def check_shapes(
    initial: np.ndarray,
    transitions: np.ndarray,
    inflow: np.ndarray | None,
) -> tuple[bool, bool, int]:
    """Check dimensions and mutual consistency of the three arguments.

    Returns
    -------
    batched : bool
        Whether a leading batch dimension is present.
    time_varying : bool
        Whether ``transitions`` has a time axis.
    n_steps : int
        Number of time steps ``T``.
    """
    if initial.ndim not in (1, 2):
        raise ValueError(f"initial must have shape (S,) or (B, S), got shape {initial.shape} (ndim {initial.ndim})")
    batched = initial.ndim == 2
    if initial.shape[-1] == 0:
        raise ValueError(f"initial has shape {initial.shape}: S must be at least 1")
    time_varying = _check_transitions(initial, transitions, batched)
    inflow_form = "(B, T, S)" if batched else "(T, S)"
    if inflow is not None and inflow.ndim != initial.ndim + 1:
        raise ValueError(
            f"inflow must have shape {inflow_form} ({_mode(batched)}), got shape {inflow.shape} (ndim {inflow.ndim})"
        )
    if time_varying:
        n_steps = transitions.shape[-3]
    elif inflow is not None:
        n_steps = inflow.shape[-2]
    else:
        raise ValueError(
            f"the number of steps is unknown: transitions has shape "
            f"{transitions.shape} (constant over time) and inflow is None; "
            f"give transitions of shape "
            f"{'(B, T, S, S)' if batched else '(T, S, S)'} or an inflow of "
            f"shape {inflow_form}"
        )
    if inflow is not None:
        _check_inflow_shape(initial, inflow, n_steps, batched, time_varying)
    return batched, time_varying, n_steps


def _mode(batched: bool) -> str:
    return "batched, since initial is 2-D" if batched else "unbatched"


def _check_transitions(initial: np.ndarray, transitions: np.ndarray, batched: bool) -> bool:
    """Check the transitions' shape against *initial*; return whether they vary over time."""
    n_states = initial.shape[-1]
    if batched:
        allowed_t = {3: "(B, S, S) constant", 4: "(B, T, S, S)"}
    else:
        allowed_t = {2: "(S, S) constant", 3: "(T, S, S)"}
    if transitions.ndim not in allowed_t:
        forms = " or ".join(allowed_t.values())
        raise ValueError(
            f"transitions must have shape {forms} ({_mode(batched)}), "
            f"got shape {transitions.shape} (ndim {transitions.ndim})"
        )
    if transitions.shape[-1] != transitions.shape[-2]:
        raise ValueError(f"transitions must be square in its last two axes, got shape {transitions.shape}")
    if transitions.shape[-1] != n_states:
        raise ValueError(
            f"transitions has shape {transitions.shape} but initial has "
            f"S={n_states} states: its last two axes must be "
            f"({n_states}, {n_states})"
        )
    if batched and transitions.shape[0] != initial.shape[0]:
        raise ValueError(
            f"transitions has shape {transitions.shape} with batch size "
            f"{transitions.shape[0]}, but initial has B={initial.shape[0]}"
        )
    return transitions.ndim == max(allowed_t)


def _check_inflow_shape(
    initial: np.ndarray, inflow: np.ndarray, n_steps: int, batched: bool, time_varying: bool
) -> None:
    """Check that the inflow has one row per step and state (and batch member)."""
    n_states = initial.shape[-1]
    expected: tuple[int, ...] = (n_steps, n_states)
    if batched:
        expected = (initial.shape[0], *expected)
    if inflow.shape != expected:
        implied = [f"T={n_steps}"] if time_varying else []
        implied.append(f"S={n_states}")
        if batched:
            implied.insert(0, f"B={initial.shape[0]}")
        source = "transitions imply" if time_varying and not batched else "initial and transitions imply"
        raise ValueError(f"inflow has shape {inflow.shape} but {source} {', '.join(implied)}")


def _format_index(index: Iterable[int] | np.ndarray) -> str:
    """Format an array index as ``[i, j, k]``."""
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def _first_index(mask: np.ndarray) -> np.ndarray:
    """Multi-index of the first True element of ``mask`` (C order)."""
    flat = int(np.flatnonzero(mask)[0])
    return np.array(np.unravel_index(flat, mask.shape))


def check_finite(array: np.ndarray, name: str) -> None:
    """Raise if ``array`` contains NaN or inf, naming the first location."""
    nan = np.isnan(array)
    if nan.any():
        raise ValueError(f"{name} contains NaN at {_format_index(_first_index(nan))}")
    inf = np.isinf(array)
    if inf.any():
        index = _first_index(inf)
        raise ValueError(f"{name} contains inf ({array[tuple(index)]:g}) at {_format_index(index)}")


def check_counts(array: np.ndarray, name: str) -> None:
    """Check that counts of people are finite and non-negative."""
    if array.size == 0:
        return
    # Fast path: two SIMD reductions. NaN makes both comparisons False and
    # inf fails the max check, so every bad array takes the slow path.
    if array.min() >= 0.0 and array.max() < np.inf:
        return
    check_finite(array, name)
    negative = array < 0.0
    index = _first_index(negative)
    raise ValueError(
        f"{name} contains a negative count: {array[tuple(index)]:.12g} at "
        f"{_format_index(index)} (counts of people cannot be negative)"
    )


def check_probabilities(array: np.ndarray, name: str) -> None:
    """Check entries in [0, 1] and rows summing to 1 for stacked matrices."""
    if array.size == 0:
        return
    low, high = -PROBABILITY_TOLERANCE, 1.0 + PROBABILITY_TOLERANCE
    if not (array.min() >= low and array.max() <= high):
        check_finite(array, name)
        outside = (array < low) | (array > high)
        index = _first_index(outside)
        raise ValueError(
            f"{name} contains a probability outside [0, 1]: {array[tuple(index)]:.12g} at {_format_index(index)}"
        )
    row_sums = array.sum(axis=-1)
    bad_rows = np.abs(row_sums - 1.0) > ROW_SUM_TOLERANCE
    if bad_rows.any():
        index = _first_index(bad_rows)
        *matrix_index, row = index
        where = f"{name}{_format_index(matrix_index)}" if matrix_index else name
        raise ValueError(f"{where} row {row} sums to {row_sums[tuple(index)]:.12g}, not 1")
