"""The headline figures of a run, typed: a frozen dataclass that also reads like a dict.

``res.summary.npv_sek`` and ``res.summary["npv_sek"]`` are the same number:
:class:`Figures` gives a frozen dataclass the read-only ``Mapping`` interface
(``[]``, ``keys``, ``items``, ``get``, ``len``, iteration, ``in``,
``dict(summary)``), in the order of its fields, so analysts' notebooks that
treat a summary as a dict keep working.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Any


class Figures(Mapping[str, Any]):
    """Read-only ``Mapping`` access to the fields of a dataclass, in field order."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        """The figure *key* (``KeyError`` for a name that is not a field)."""
        if key not in self._names():
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        """The names of the figures, in field order."""
        return iter(self._names())

    def __len__(self) -> int:
        """The number of figures."""
        return len(self._names())

    def _names(self) -> tuple[str, ...]:
        return _field_names(type(self))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class Summary(Figures):
    """Headline figures of one run (net = scenario − baseline: negative is a saving).

    Money is in SEK of the scenario's price basis (the parameter set's price
    year with fixed prices, each year's kronor with current), summed over the horizon
    unless said otherwise; children are average numbers during a year.

    Attributes
    ----------
    net_total_sek : float
        Net effect over the horizon [SEK].
    net_cash_total_sek : float
        The part of it that is cash (purchased care, fees, measures) [SEK].
    net_capacity_total_sek : float
        The part that is the municipality's own staff capacity [SEK].
    npv_sek : float
        Net present value of the net effect, discounted from the first year [SEK].
    benefit_cost_ratio : float or None
        Present value of care saved per krona the measures used [1]; None without spending.
    benefit_cost_ratio_cash : float or None
        The same for cash savings only [1].
    benefit_cost_ratio_moved : float or None
        Present value of care saved per krona moved [1] (money a measure cannot use counts); None without a shift.
    prevention_spent_sek : float
        Money the measures used [SEK].
    prevention_allocated_sek : float
        Money moved to the measures [SEK].
    prevention_unused_sek : float
        Money moved but not used (a measure that reaches its whole target group) [SEK].
    placements_avoided : float
        Placements started fewer than in the baseline [placements].
    institution_child_years_avoided : float
        Child-years in HVB or SiS fewer than in the baseline [child-years].
    institution_children_fewer_last_year : float
        Children in HVB or SiS fewer in the last year [children].
    families_reached : float
        Families reached by the preventive measures [families].
    external_budget_holds_years : int
        Years in which the external-placement forecast stays within the budget after the cut [years]
        (every budget line per year: :attr:`model.Result.budget_lines`).
    net_public_total_sek : float
        Net effect over the horizon for the public sector as a whole: the
        municipality, the state's part of SiS and the region's part of
        co-financed measures [SEK] (per payer: :attr:`model.Result.by_payer`).
    npv_public_sek : float
        Its present value [SEK].
    payback_year : int or None
        First year from which the running net stays at or below zero; None if it does not pay back.
    horizon_years, first_year, last_year : int
        The period modelled [years, calendar years].
    discount_rate : float
        The discount rate used [1/year]: real with fixed prices, nominal with current prices.
    children_placed_baseline_first_year : float
        Children in 24-hour care in the first year, baseline [children].
    children_placed_per_1000_during_year : float
        Children in 24-hour care at some time during the first year per 1 000 of the population [1/1000].
    placements_started_per_1000 : float
        Placements started in the first year per 1 000 of the population [1/1000].
    municipal_tax_sek : float
        In an area with municipal tax: the tax on the earnings of the people
        kept off assistance over the horizon [SEK] (in the net only if the
        scenario counts it; 0 elsewhere).
    """

    net_total_sek: float
    net_cash_total_sek: float
    net_capacity_total_sek: float
    npv_sek: float
    benefit_cost_ratio: float | None
    benefit_cost_ratio_cash: float | None
    benefit_cost_ratio_moved: float | None
    prevention_spent_sek: float
    prevention_allocated_sek: float
    prevention_unused_sek: float
    placements_avoided: float
    institution_child_years_avoided: float
    institution_children_fewer_last_year: float
    families_reached: float
    external_budget_holds_years: int
    net_public_total_sek: float
    npv_public_sek: float
    payback_year: int | None
    horizon_years: int
    first_year: int
    last_year: int
    discount_rate: float
    children_placed_baseline_first_year: float
    children_placed_per_1000_during_year: float
    placements_started_per_1000: float
    municipal_tax_sek: float = 0.0
