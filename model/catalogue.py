"""The catalogue of measures and the roles it gives them (data in ``data/base.yaml``, not code).

A measure's roles say where the app and the analyses use it: its share of the
default mix, whether its lever is among the first the sidebar shows
(``featured``), whether its units and values prefill a new measure of the same
mechanism and unit (``template``), and whether the break-even questions ask
about it (``breakeven``). :func:`embedded_measures` is the catalogue that
ships with the model; ``Scenario()`` takes its default mix from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from model.parameters import Measure
from model.records import measure_from_mapping
from model.resources import DATA_DIR
from model.yaml_text import read_yaml_file

#: The shared parameter file whose ``measures`` are the embedded catalogue.
CATALOGUE_FILE = DATA_DIR / "base.yaml"


def default_mix(measures: Iterable[Measure]) -> dict[str, float]:
    """The default mix of a catalogue: measure id -> share [1] (empty when no measure has one)."""
    return {m.id: m.default_share for m in measures if m.default_share > 0}


def featured(measures: Iterable[Measure]) -> tuple[Measure, ...]:
    """The measures whose levers come first, in catalogue order."""
    return tuple(m for m in measures if m.has_role("featured"))


def template(measures: Iterable[Measure], mechanism: str, unit: str) -> Measure | None:
    """The measure whose units and values prefill a new measure of *mechanism* and *unit* (None if none)."""
    return next((m for m in measures if m.has_role("template") and (m.mechanism, m.unit) == (mechanism, unit)), None)


def breakeven_measure(measures: Sequence[Measure], mechanism: str) -> Measure | None:
    """The measure of *mechanism* the break-even questions ask about (None if the catalogue names none)."""
    return next((m for m in measures if m.has_role("breakeven") and m.mechanism == mechanism), None)


@cache
def embedded_measures() -> tuple[Measure, ...]:
    """The catalogue that ships with the model (read once: data, not user state)."""
    doc = read_yaml_file(CATALOGUE_FILE)
    return tuple(measure_from_mapping(row) for row in doc.get("measures") or ())


def embedded_default_mix() -> dict[str, float]:
    """The default mix of the embedded catalogue: what ``Scenario()`` moves money by."""
    return default_mix(embedded_measures())
