"""Where the net effect comes from: one row per year, mechanism and measure, summing to the net.

The net effect of a year (scenario − baseline) is split into:

``own_homes`` (group ``make_or_buy``)
    children in recruited own homes instead of agency homes: the difference
    of the two prices for every day a child spends in a recruited home;
``placements_avoided`` (group ``prevention``)
    each preventive measure's placements kept out (its part of the combined
    effect) and the in-home support some of them get instead;
``placements_redirected`` (group ``placement_review``)
    new external placements that placement review sends to in-home support
    or to an own or kinship home;
``stays_shortened`` (group ``placement_review``)
    shorter stays in external care for the children review follows up;
``exits_to_work`` (group ``work``)
    in the employment area, shorter spells on assistance for the households
    an exit-rate measure helps into work (the same change of stays);
``money_used`` (the measure's group)
    what each measure used of the money moved (a cost).

The care model runs each change of the inflow on its own in the engine's
batch (:func:`model.care.simulate_care` with ``decompose``); the engine is
linear in the inflow, so the parts add up to the scenario's change exactly
(to round-off, far below a krona). A committee sees at once whether a saving
is prevention or make-or-buy.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from model.care import CareRun
from model.parameters import Measure

OWN_HOMES = "own_homes"
#: The municipal tax on the earnings of those kept off assistance, when the scenario counts it (an income).
MUNICIPAL_TAX = "municipal_tax"
MONEY_USED = "money_used"
#: The group of a measure's rows, by its mechanism.
GROUPS = {"recruitment": "make_or_buy", "prevention": "prevention", "review": "placement_review", "exit_rate": "work"}
COLUMNS = ("year", "mechanism", "measure", "group", "net_sek")


def _yearly(monthly: np.ndarray) -> np.ndarray:
    """Months on the last axis summed to years: (..., T) -> (..., Y)."""
    return monthly.reshape(*monthly.shape[:-1], -1, 12).sum(-1)


def mechanism_rows(
    run: CareRun, measures: Mapping[str, Measure], count_tax: bool = False
) -> list[tuple[str, str, np.ndarray]]:
    """(mechanism, measure id, net per year (Y,)) of draw 0 of a run made with ``decompose``.

    Rows for the measures the scenario moves money to, in catalogue order:
    first what each one does to care, then (with *count_tax*, in an area with
    municipal tax) the tax on the earnings of the people it keeps off
    assistance, then the money it used.
    """
    if run.deltas is None:
        raise ValueError("run: the care model was not asked to decompose (simulate_care(..., decompose=True))")
    price = run.price[0]  # (T, S)
    states = run.states
    rows: dict[str, list[tuple[str, str, np.ndarray]]] = {mid: [] for mid in run.measure_ids}
    for (mechanism, mid), delta in zip(run.parts, run.deltas[:, 0, :-1, :], strict=True):
        rows[mid].append((mechanism, mid, _yearly(np.einsum("ts,ts->t", delta, price))))
    if count_tax and run.tax_per_household_month is not None:
        tax = run.tax_per_household_month[0]
        for (_, mid), delta in zip(run.parts, run.deltas[:, 0, :-1, :], strict=True):
            rows[mid].append((MUNICIPAL_TAX, mid, _yearly(delta[:, states.placement].sum(-1) * tax)))
    recruitment = [k for k, mid in enumerate(run.measure_ids) if run.allocated[0, :, k].any() and
                   measures[mid].mechanism == "recruitment"]
    if recruitment and states.recruited_state is not None:
        placed = run.occupancy[1, 0, :-1, states.recruited_state]
        difference = price[:, states.recruited_state] - price[:, states.source_state]
        homes = run.homes_by_measure[0][:, recruitment]  # (T, R)
        total = homes.sum(-1)
        for j, k in enumerate(recruitment):
            share = np.divide(homes[:, j], total, out=np.zeros_like(total), where=total > 0)
            rows[run.measure_ids[k]].insert(0, (OWN_HOMES, run.measure_ids[k], _yearly(placed * difference * share)))
    for k, mid in enumerate(run.measure_ids):
        if run.allocated[0, :, k].any():
            rows[mid].append((MONEY_USED, mid, _yearly(run.spent[0, :, k])))
    return [row for mid in run.measure_ids for row in rows[mid]]


def mechanism_frame(
    rows: list[tuple[str, str, np.ndarray]], measures: Mapping[str, Measure], years: np.ndarray
) -> pd.DataFrame:
    """:attr:`model.results.Result.by_mechanism`: one row per year, mechanism and measure.

    Columns ``year``, ``mechanism``, ``measure`` (id), ``group``
    (``make_or_buy``, ``prevention``, ``placement_review``) and ``net_sek``
    (scenario − baseline [SEK]; negative is a saving), from
    :func:`mechanism_rows`. Per year the rows sum to ``Result.yearly.net_sek``.
    """
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "net_sek" else object) for c in COLUMNS})
    n = len(years)
    return pd.DataFrame(
        {
            "year": np.tile(years, len(rows)),
            "mechanism": np.repeat([r[0] for r in rows], n),
            "measure": np.repeat([r[1] for r in rows], n),
            "group": np.repeat([GROUPS[measures[r[1]].mechanism] for r in rows], n),
            "net_sek": np.concatenate([r[2] for r in rows]),
        }
    )
