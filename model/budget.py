"""The budget check: every budget line the shift touches, its budget against its outcome, per year.

The committee's budget for the scenario is the baseline's cost of each line,
with the shift moved from the external-placement line to the prevention line:

``external``
    Purchased care (HVB, SiS, agency family homes, supported housing): the
    baseline's cost less the money moved, against the scenario's forecast.
``own_care``
    The municipality's own family and kinship homes: the baseline's cost
    (no money is moved here), against the scenario's — the fees of the homes
    recruited land here and are funded by no line.
``in_home``
    In-home support: the baseline's cost, against the scenario's (children
    who get support instead of a placement).
``prevention``
    The money moved to the measures, against the money they use; what is not
    used is a surplus.

Deviation = outcome − budget (positive is a deficit); a line holds in a year
when its deficit is at most :data:`MATERIAL_SEK`, an amount that rounds to
0,0 mnkr (in-home support may cost a few hundred kronor more when a child
gets support instead of a placement: that is not a line that fails). The
external line's own yearly check (``external_budget_holds``, and the
uncertainty analysis's probability that it holds) is the strict one,
:data:`BUDGET_TOLERANCE_SEK`. The budgets add up
to the baseline's cost and the outcomes to the scenario's, so the deviations
of a year add up to its net effect. Every array here has a leading draw axis,
so the uncertainty analysis checks the same lines.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

#: The external line's strict check: its forecast exceeds the budget after the cut by at most this [SEK].
BUDGET_TOLERANCE_SEK = 1.0
#: A budget line holds in a year when its deficit is at most this [SEK]: 0,0 mnkr when rounded.
MATERIAL_SEK = 0.05e6
#: The budget lines, in the order of :attr:`model.Result.budget_lines`.
LINES = ("external", "own_care", "in_home", "prevention")


def line_arrays(yearly: Mapping[str, np.ndarray], shift: np.ndarray) -> dict[str, np.ndarray]:
    """``budget_<line>`` and ``outcome_<line>`` per year for every line of :data:`LINES`, each (D, Y) [SEK].

    *yearly* holds the cost per line (``cost_<line>_baseline``/``_scenario``)
    and ``prevention_allocated``/``cost_prevention``; *shift* is the money
    moved per year (Y,).
    """
    return {
        "budget_external": yearly["cost_external_baseline"] - shift,
        "outcome_external": yearly["cost_external_scenario"],
        "budget_own_care": yearly["cost_own_care_baseline"],
        "outcome_own_care": yearly["cost_own_care_scenario"],
        "budget_in_home": yearly["cost_in_home_baseline"],
        "outcome_in_home": yearly["cost_in_home_scenario"],
        "budget_prevention": yearly["prevention_allocated"],
        "outcome_prevention": yearly["cost_prevention"],
    }


def deviation(lines: Mapping[str, np.ndarray], line: str) -> np.ndarray:
    """Outcome − budget of *line* per year (D, Y) [SEK]: positive is a deficit."""
    return lines[f"outcome_{line}"] - lines[f"budget_{line}"]


def holds(deviations: np.ndarray, tolerance: float = MATERIAL_SEK) -> np.ndarray:
    """Whether a line holds, per year: its deficit at most *tolerance* [SEK]."""
    return deviations <= tolerance
