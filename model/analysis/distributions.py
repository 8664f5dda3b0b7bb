"""Probability distributions of uncertain parameters: what a Monte Carlo draw is made of.

Every parameter carries a plausible range ``low``–``high`` around its
``value`` and names a distribution in its ``distribution`` field (the data
files declare it; :data:`model.parameters.DISTRIBUTIONS` lists the choices):

``pert`` (the default)
    Beta-PERT with the mode at ``value`` and shape ``lambda = 4`` (the
    classic PERT weight, Vose 2008, *Risk Analysis*, ch. 9): a smooth hump
    that never leaves the range, with mean ``(low + 4 value + high) / 6``.
    Chosen as the default because analysts state ranges as "lowest / most
    likely / highest" and PERT honours all three while putting little
    weight on the extremes, which a range from a handful of sources rarely
    supports (a triangular puts more weight on the tails than the sources
    justify; a normal leaves the range).
``triangular``
    Mode at ``value``, mean ``(low + value + high) / 3``. Used for the
    *effect sizes* (``risk_reduction``, ``stay_reduction``; declared so in
    ``data/base.yaml``): the evidence that prevention reduces placements is
    weak (docs/model.md), so the tails — including "almost no effect"
    — get more weight than PERT would give them, while the central estimate
    remains the most likely value. Uniform would ignore the central estimate
    altogether.
``uniform``
    Every value in the range equally likely, mean ``(low + high) / 2``: for
    a range with no most-likely value.
``fixed``
    Always ``value`` (a known fact, or a value the user sets on purpose).

A parameter whose range is collapsed (``low == high``) is fixed whatever it
declares. Parameters are drawn independently (no correlations): the
destination shares of one care form are drawn one by one and renormalised to
sum to one inside the model (:func:`model.care.destinations`).

Draws are reproducible: each parameter has its own random stream seeded by
``(seed, crc32(name))``, so its draws do not change when other parameters are
added, removed or reordered, and the same seed always gives the same draws.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from model.analysis.streams import generator, seed_states
from model.parameters import DISCOUNT_RATE, Parameter, Parameters

#: Shape of the Beta-PERT distribution (weight of the mode) [1].
PERT_LAMBDA = 4.0

#: Parameters that are choices, not uncertain facts: held at their value in
#: the uncertainty and sensitivity analyses. The discount rate is a value
#: judgement (ASEK's 3.5 %) that the user sets with a lever.
CHOICES: frozenset[str] = frozenset({DISCOUNT_RATE})


def is_uncertain(p: Parameter) -> bool:
    """Whether *p* varies between draws (a range, not fixed, not a choice)."""
    return p.low < p.high and p.distribution != "fixed" and p.name not in CHOICES


def uncertain_parameters(params: Parameters) -> tuple[Parameter, ...]:
    """The parameters of *params* that vary between draws, in the set's order."""
    return tuple(p for p in params.parameters if is_uncertain(p))


def mean(p: Parameter) -> float:
    """Expected value of a parameter's distribution [unit of the parameter].

    Parameters
    ----------
    p : Parameter
        The parameter (``value`` is the mode of PERT and triangular).

    Returns
    -------
    float
        ``(low + lambda value + high) / (lambda + 2)`` for PERT,
        ``(low + value + high) / 3`` for triangular, ``(low + high) / 2`` for
        uniform, ``value`` when fixed or collapsed.
    """
    if not is_uncertain(p):
        return p.value
    if p.distribution == "pert":
        return (p.low + PERT_LAMBDA * p.value + p.high) / (PERT_LAMBDA + 2.0)
    if p.distribution == "triangular":
        return (p.low + p.value + p.high) / 3.0
    if p.distribution == "uniform":
        return (p.low + p.high) / 2.0
    raise ValueError(f"{p.name}: unknown distribution '{p.distribution}'")


def rng_for(name: str, seed: int, words: np.ndarray | None = None) -> np.random.Generator:
    """The random stream of parameter *name* under *seed* (independent of other parameters).

    *words*: the stream's row of :func:`model.analysis.streams.seed_states` when the caller has them
    (a run builds every stream's at once); by default they are computed here.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed: expected a whole number ≥ 0, got {seed!r}")
    if words is None:
        states = seed_states(int(seed), [name])
        words = None if states is None else states[0]
    return generator(name, int(seed), words)


def sample(p: Parameter, draws: int, rng: np.random.Generator, out: np.ndarray | None = None) -> np.ndarray:
    """Draw *draws* values of one parameter from its declared distribution.

    Parameters
    ----------
    p : Parameter
        The parameter: ``low``, ``value`` (the mode), ``high`` and ``distribution``.
    draws : int
        Number of values.
    rng : numpy.random.Generator
        The random stream.
    out : ndarray, shape (draws,), optional
        Where to write the values (a new array by default).

    Returns
    -------
    ndarray, shape (draws,)
        Values within ``[low, high]`` [unit of the parameter]; all equal to
        ``value`` when the parameter is not uncertain (:func:`is_uncertain`).
    """
    x = np.empty(draws) if out is None else out
    if not is_uncertain(p):
        x[...] = p.value
        return x
    low, mode, high = p.low, p.value, p.high
    width = high - low
    if p.distribution == "pert":
        alpha = 1.0 + PERT_LAMBDA * (mode - low) / width
        beta = 1.0 + PERT_LAMBDA * (high - mode) / width
        np.add(np.multiply(rng.beta(alpha, beta, draws), width, out=x), low, out=x)  # low + width * beta
    elif p.distribution == "triangular":
        x[...] = rng.triangular(low, mode, high, draws)
    elif p.distribution == "uniform":
        x[...] = rng.uniform(low, high, draws)
    else:
        raise ValueError(f"{p.name}: unknown distribution '{p.distribution}'")
    np.maximum(x, low, out=x)  # guard against round-off at the ends (np.clip, in place)
    return np.minimum(x, high, out=x)


def sample_values(
    params: Parameters, draws: int, seed: int = 0, names: Iterable[str] | None = None
) -> dict[str, np.ndarray]:
    """Draw every parameter of a set: name -> array of shape (draws,).

    Parameters
    ----------
    params : Parameters
        The parameter set.
    draws : int
        Number of draws ``D`` (≥ 1).
    seed : int
        Seed of the random streams (≥ 0); the same seed gives the same draws.
    names : iterable of str, optional
        Draw only these parameters; all others are held at their value.

    Returns
    -------
    dict of str to ndarray
        One (D,) float64 array per parameter, ready for
        :func:`model.care.simulate_care`.
    """
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 1:
        raise ValueError(f"draws: expected a whole number ≥ 1, got {draws!r}")
    wanted = None if names is None else set(names)
    rng_for("", seed)  # a bad seed is refused before the words are hashed
    words = seed_states(int(seed), [p.name for p in params.parameters])
    out: dict[str, np.ndarray] = {}
    for i, p in enumerate(params.parameters):
        if is_uncertain(p) and (wanted is None or p.name in wanted):
            out[p.name] = sample(p, int(draws), rng_for(p.name, seed, None if words is None else words[i]))
        else:
            out[p.name] = np.full(int(draws), p.value)
    return out


def draw_chunks(
    params: Parameters, draws: int, seed: int, size: int, first: Mapping[str, float] | None = None
) -> Iterator[Draws]:
    """:func:`sample_values` in consecutive pieces of at most *size* draws, drawn as they are needed.

    Each uncertain parameter keeps one random stream (:func:`rng_for`) across
    the pieces, and numpy's generators give the same numbers whether a stream
    is read in one call or in several, so the pieces put end to end are exactly
    ``sample_values(params, draws, seed)`` (tested). Only one piece is in
    memory at a time, and a piece draws a parameter only when it is read
    (:class:`Draws`): a run that never reads the parameters of a measure
    without money does not pay for their draws.

    Parameters
    ----------
    params : Parameters
        The parameter set.
    draws : int
        Number of draws ``D`` (≥ 1).
    seed : int
        Seed of the random streams (≥ 0).
    size : int
        Largest number of draws in one piece (≥ 1).
    first : mapping of str to float, optional
        Values put before the first piece's draws as one more member (the central run).

    Yields
    ------
    Draws
        One (n,) float64 array per parameter, ``n <= size`` (plus one in the first piece with *first*);
        the pieces' draws sum to ``D``.
    """
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 1:
        raise ValueError(f"draws: expected a whole number ≥ 1, got {draws!r}")
    rng_for("", seed)  # a bad seed is refused before the first piece
    # Every stream's seed words hashed at once (model/analysis/streams.py); a stream is built when first read.
    names = [p.name for p in params.parameters]
    words = seed_states(int(seed), names)
    streams = {p.name: _Stream(p, seed, None if words is None else words[i]) for i, p in enumerate(params.parameters)}
    for start in range(0, int(draws), size):
        yield Draws(streams, start, min(size, int(draws) - start), first if start == 0 else None)


class _Stream:
    """One parameter's draws from its random stream (None: not uncertain), and how many were read."""

    def __init__(self, p: Parameter, seed: int, words: np.ndarray | None) -> None:
        self.parameter, self.seed, self.words = p, seed, words
        self.rng: np.random.Generator | None = None  # built when first read
        self.read = 0  # draws taken from the stream so far

    def take(self, start: int, n: int, out: np.ndarray | None = None) -> np.ndarray:
        """Draws ``start .. start + n`` of the parameter (those before *start* drawn and dropped if unread).

        Written into *out* (shape (n,)) when it is given.
        """
        p = self.parameter
        if not is_uncertain(p):
            x = np.empty(n) if out is None else out
            x[...] = p.value
            return x
        if self.rng is None:
            self.rng = rng_for(p.name, self.seed, self.words)
        if start < self.read:
            raise RuntimeError(f"{p.name}: a piece of draws read after a later piece")
        if start > self.read:
            sample(p, start - self.read, self.rng)  # a piece that never read it: the same numbers skipped
        self.read = start + n
        return sample(p, n, self.rng, out)


class Draws(Mapping[str, np.ndarray]):
    """One piece of :func:`draw_chunks`: every parameter by name, each drawn the first time it is read.

    ``batch`` is the number of members (the draws, and the central run when there is one), known
    without drawing (:func:`model.baseline.batch_size`). Read a piece before the next is drawn.
    """

    def __init__(self, streams: dict[str, _Stream], start: int, n: int, first: Mapping[str, float] | None) -> None:
        self._streams, self._start, self._n, self._first = streams, start, n, first
        self._drawn: dict[str, np.ndarray] = {}
        self.batch = n + (first is not None)

    def __getitem__(self, name: str) -> np.ndarray:
        """Parameter *name*'s values, drawn now if this piece has not read it yet."""
        if name not in self._drawn:
            if self._first is None:
                self._drawn[name] = self._streams[name].take(self._start, self._n)
            else:  # the central value, then the draws written after it (not drawn, then copied)
                drawn = np.empty(self.batch)
                drawn[0] = self._first[name]
                self._streams[name].take(self._start, self._n, drawn[1:])
                self._drawn[name] = drawn
        return self._drawn[name]

    def __contains__(self, name: object) -> bool:
        """Whether *name* is a parameter (without drawing it)."""
        return name in self._streams

    def __iter__(self) -> Iterator[str]:
        """The parameters' names (without drawing them)."""
        return iter(self._streams)

    def __len__(self) -> int:
        """The number of parameters."""
        return len(self._streams)
