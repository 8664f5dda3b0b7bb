"""Compiled month loops: the model's recursions through numba where it is installed, numpy otherwise.

Three steps of the model run month by month and cannot be written as whole-array
numpy: the engine's stay-or-leave recursion (:func:`model.cohort.propagate_exits`),
the recruitment of family homes (:func:`model.recruitment.place_in_recruited_homes`)
and the coverage of a preventive measure (:func:`model.prevention.protected_families`).
Three more are single passes that numpy makes in several, each pass through
fresh memory: the baseline's and the scenario's inflows
(:func:`model.care._inflows`; in a large batch the engine's loop makes them
itself, :mod:`model.exit_months`), the combination of overlapping preventive
measures (:func:`model.overlaps.combined`), both over (draws, months, care
forms), and the yearly sums of children and of cost over the engine's
occupancy (:func:`model.results._yearly_stock_and_cost`).
Each keeps its numpy form and has beside it the same arithmetic as a plain loop
over months and draws, which this module compiles with numba (an optional
dependency: ``pip install omstallningskalkylen[fast]``). :func:`compiled` gives the
compiled loop, or None when numpy is to run: numba is not installed, or the
environment says ``OMSTALLNING_NUMBA=0``, or a caller chose numpy (:func:`use`).
A test runs both on the same inputs and compares them (``tests/test_kernels.py``).

The deterministic run and the Monte Carlo's batch take the same path through the
model; only the loops' backend depends on the batch: numba is worth loading (a
second or more in a new process) only for a batch of :data:`MIN_BATCH` or more, so
one deterministic run (the CLI, the overview) never loads it. numba is imported,
and each loop compiled, the first time a loop is asked for, never by
``import model``; the machine code
is kept on disk (numba's ``cache=True``, beside this file or in the user's
cache folder, whichever is writable) so that the next process loads it instead
of compiling again. :func:`warm_up` compiles every loop at once (a server's
worker can do it before its first run).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from typing import Any

#: The environment variable that turns the compiled loops off ("0"): the numpy forms run.
ENV = "OMSTALLNING_NUMBA"
#: The backends, by name.
NUMBA, NUMPY = "numba", "numpy"
#: The smallest batch (draws, or draws times variants) the compiled loops run: below it numpy's loops
#: cost less than loading numba (seconds in a new process), so one deterministic run never loads it.
MIN_BATCH = 64

_compiled: dict[Callable[..., Any], Callable[..., Any]] = {}
_registered: dict[Callable[..., Any], str] = {}
_choice: dict[str, str] = {}


def available() -> bool:
    """Whether numba is installed (without importing it)."""
    return importlib.util.find_spec("numba") is not None


def backend() -> str:
    """The backend in force: :data:`NUMBA` where it is installed and not turned off, else :data:`NUMPY`."""
    if "now" not in _choice:
        _choice["now"] = NUMBA if available() and os.environ.get(ENV, "1") != "0" else NUMPY
    return _choice["now"]


def use(name: str) -> str:
    """Choose the backend (:data:`NUMBA` or :data:`NUMPY`) for this process; returns the previous one.

    Raises
    ------
    ValueError
        An unknown name, or numba chosen where it is not installed.
    """
    if name not in (NUMBA, NUMPY):
        raise ValueError(f"backend: expected '{NUMBA}' or '{NUMPY}', got {name!r}")
    if name == NUMBA and not available():
        raise ValueError("backend: numba is not installed (pip install omstallningskalkylen[fast])")
    previous = backend()
    _choice["now"] = name
    return previous


def register(signature: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a plain-Python loop as compilable with its numba *signature*; the function itself is returned.

    The signature's arrays are of any layout (``float64[:, :]``), so a view and a
    contiguous array share one compiled loop; read-only arrays must be copied first.
    """

    def mark(fn: Callable[..., Any]) -> Callable[..., Any]:
        _registered[fn] = signature
        return fn

    return mark


def compiled(fn: Callable[..., Any], batch: int) -> Callable[..., Any] | None:
    """The compiled form of a :func:`register`-ed loop for *batch* members, or None when numpy is to run.

    Batches smaller than :data:`MIN_BATCH` (a deterministic run) always run numpy.
    """
    if backend() != NUMBA or batch < MIN_BATCH:
        return None
    if fn not in _compiled:
        _compiled[fn] = _compile(fn)
    return _compiled[fn]


def warm_up() -> str:
    """Compile (or load from the disk cache) every registered loop; returns the backend in force."""
    for fn in list(_registered):
        compiled(fn, MIN_BATCH)
    return backend()


def _compile(fn: Callable[..., Any]) -> Callable[..., Any]:
    """*fn* compiled by numba for its registered signature, cached on disk where a cache folder is writable."""
    import numba  # optional heavy dependency: imported only when a compiled loop is first asked for

    signature = _registered[fn]
    try:
        return numba.njit(signature, cache=True, nogil=True)(fn)
    except RuntimeError:  # no writable cache folder ("cannot cache function ..."): compile in memory only
        return numba.njit(signature, cache=False, nogil=True)(fn)
