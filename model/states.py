"""The care model's states for one area, by index: which column of an array is which care form.

The engine works on arrays whose last axis is the states. They are the area's
care forms in the area file's order, followed — in an area with recruitment —
by one internal state: the people placed in the homes a recruitment measure
pays for. Those keep the exit rate and destinations of the care form they were
recruited from (``recruited_from``: the agency family home) but cost, and are
reported, as ``recruited_as`` (the municipal family home).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np

from model.area import Area

#: Id of the internal state of people in recruited homes.
RECRUITED = "recruited_home"


@dataclass(frozen=True, eq=False)
class StateSpace:
    """Indices and flags of the model's states for one :class:`~model.area.Area`.

    Attributes
    ----------
    area : Area
        The area.
    ids : tuple of str
        Every state: the care forms, then (with recruitment) :data:`RECRUITED`.
    index : dict of str to int
        Position of each state id in ``ids``.
    n_care_forms : int
        Number of care forms: the states the engine runs (``E``); the
        recruited homes are split off its output afterwards.
    n_states : int
        Number of states including the internal one (``S``).
    exit_state : int
        The absorbing "left care" state.
    substitute_state : int or None
        Where avoided placements get support instead (in-home support).
    source_state : int or None
        The care form recruitment takes from (the agency family home).
    recruited_state : int or None
        The internal state of the recruited homes.
    priced_as_state : int or None
        The care form whose cost per day the recruited homes have (the municipal family home).
    after_exit_state : int or None
        The state of recent leavers whose stock is derived (:mod:`model.baseline`).
    forms_with_parameters : tuple of int
        Care forms that have children, cost and duration parameters (all but the exit).
    placement, family, institution, purchased, cash, state_funded : ndarray of bool, shape (S,)
        The area's flags per state (the recruited homes take those of ``recruited_as``).
    price_index : tuple of str
        The cost kind of each state (its care form's ``price_index``; the recruited homes take
        ``recruited_as``'s), whose nominal index raises its cost with current prices.
    reported_forms : tuple of str
        Care forms reported per year (all but the exit), in order.
    report : ndarray, shape (S, F)
        Sums states into reported care forms (the recruited homes count as ``recruited_as``).
    """

    area: Area
    ids: tuple[str, ...]
    index: dict[str, int]
    n_care_forms: int
    n_states: int
    exit_state: int
    substitute_state: int | None
    source_state: int | None
    recruited_state: int | None
    priced_as_state: int | None
    after_exit_state: int | None
    forms_with_parameters: tuple[int, ...]
    placement: np.ndarray = field(repr=False)
    family: np.ndarray = field(repr=False)
    institution: np.ndarray = field(repr=False)
    purchased: np.ndarray = field(repr=False)
    cash: np.ndarray = field(repr=False)
    price_index: tuple[str, ...]
    state_funded: np.ndarray = field(repr=False)
    reported_forms: tuple[str, ...]
    report: np.ndarray = field(repr=False)


@cache
def state_space(area: Area) -> StateSpace:
    """The :class:`StateSpace` of *area* (built once per area)."""
    forms = area.ids
    ids = forms + ((RECRUITED,) if area.has_recruitment else ())
    index = {s: i for i, s in enumerate(ids)}
    reported_as = {s: (area.recruited_as if s == RECRUITED else s) for s in ids}
    flags = {
        flag: np.array([getattr(area.form(reported_as[s]), flag) for s in ids])
        for flag in ("placement", "family", "institution", "purchased", "cash", "state_funded")
    }
    reported = area.reported_forms
    report = np.zeros((len(ids), len(reported)))
    for i, s in enumerate(ids):
        if reported_as[s] in reported:
            report[i, reported.index(reported_as[s])] = 1.0
    return StateSpace(
        area=area,
        ids=ids,
        index=index,
        n_care_forms=len(forms),
        n_states=len(ids),
        exit_state=index[area.exit],
        substitute_state=index.get(area.substitute),
        source_state=index.get(area.recruited_from),
        recruited_state=index.get(RECRUITED),
        priced_as_state=index.get(area.recruited_as),
        after_exit_state=index.get(area.after_exit),
        forms_with_parameters=tuple(index[f] for f in reported),
        price_index=tuple(area.form(reported_as[s]).price_index for s in ids),
        reported_forms=reported,
        report=report,
        **flags,
    )
