"""The budget check in words: one plain statement that names the budget lines that do not hold.

``budget_statement(result.budget_lines, language)`` reads, for the default
scenario, like "Placeringsbudgeten håller inte: prognosen överskrider budgeten
efter neddragningen med i genomsnitt 5,2 mnkr per år, alla år. Arvodena ...".
Per line it says whether the line holds every year, holds from a year on, or
does not hold (the years and the average deficit in them); the external
line, which the shift cuts, is always named, the others only when they do not
hold. A deficit of at most :data:`~model.budget.MATERIAL_SEK` a year rounds
to 0,0 mnkr: the line holds (``Result.budget_lines``'s ``holds``). Money moved but not used is said last.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from model.area import DEFAULT_AREA, Area
from model.budget import MATERIAL_SEK, holds
from model.text.i18n import fmt_mnkr, t, ta

#: The line the shift cuts: always named.
CUT_LINE = "external"


def year_span(years: Sequence[int], all_years: Sequence[int], language: str) -> str:
    """``alla år``, ``2027–2029`` or ``2027, 2030–2031``: the years as runs of consecutive years."""
    if list(years) == list(all_years):
        return t("budget_check.every_year", language)
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def line_clause(
    line: str, years: np.ndarray, dev: np.ndarray, language: str, area: str = DEFAULT_AREA
) -> tuple[str, bool] | None:
    """The clause on one line (in *area*'s words) and whether it holds; None for a holding line not named."""
    failing = ~holds(dev)
    name = ta(f"budget_check.subject.{line}", language, area)
    if not failing.any():
        return (t("budget_check.holds_all", language, line=name), True) if line == CUT_LINE else None
    last_fail = int(np.flatnonzero(failing)[-1])
    if failing[: last_fail + 1].all() and last_fail + 1 < len(years):
        return t("budget_check.holds_from", language, line=name, year=int(years[last_fail + 1])), True
    amount = fmt_mnkr(float(dev[failing].mean()), language)
    span = year_span([int(y) for y in years[failing]], [int(y) for y in years], language)
    return ta(f"budget_check.fails.{line}", language, area, amount=amount, years=span), False


#: The cost lines of ``Result.yearly`` (without ``_baseline``/``_scenario``), in the order charts stack them.
COST_LINES = ("cost_external", "cost_own_care", "cost_in_home", "cost_prevention")


def cost_lines(area: Area | None = None) -> tuple[str, ...]:
    """The cost lines *area* has (every one for the children's area, or with no area).

    Own care only where the area has care forms that are placements but not
    purchased, in-home support only where it has a state avoided placements go to.
    """
    if area is None:
        return COST_LINES
    has = {
        "cost_own_care": any(c.placement and not c.purchased for c in area.care_forms),
        "cost_in_home": bool(area.substitute),
    }
    return tuple(k for k in COST_LINES if has.get(k, True))


def used_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """*lines* without those that have neither a budget nor an outcome in any year.

    An area without own family homes or in-home support (financial assistance) has such lines.
    """
    names = lines["line"].to_numpy()
    money = np.abs(lines["budget_sek"].to_numpy()) + np.abs(lines["outcome_sek"].to_numpy())
    kept = (CUT_LINE, "prevention")
    drop = [line for line in dict.fromkeys(names) if line not in kept and not money[names == line].sum() > 0]
    return lines[~np.isin(names, drop)] if drop else lines


def _clauses(lines: pd.DataFrame, language: str, area: str = DEFAULT_AREA) -> dict[str, tuple[str, bool]]:
    """Line id -> (clause, holds) for every line the statement names.

    On plain arrays: a slider move reads this three times, and a pandas selection per line cost milliseconds.
    """
    names, years, dev = (lines[c].to_numpy() for c in ("line", "year", "deviation_sek"))
    out = {}
    for line in dict.fromkeys(names):
        rows = names == line
        clause = line_clause(str(line), years[rows], dev[rows], language, area)
        if clause is not None:
            out[str(line)] = clause
    return out


def failing_lines(lines: pd.DataFrame) -> list[str]:
    """The lines that do not hold: a deficit above :data:`MATERIAL_SEK` in a year after which they do not recover."""
    return [line for line, (_, ok) in _clauses(lines, "sv").items() if not ok]


def budget_statement(lines: pd.DataFrame, language: str = "sv", area: str = DEFAULT_AREA) -> str:
    """One plain statement of which budget lines hold (``Result.budget_lines``), in *area*'s words."""
    prevention = lines["line"].to_numpy() == "prevention"
    moved = lines["budget_sek"].to_numpy()[prevention]
    if not (moved > 0).any():
        return t("budget_check.no_shift", language)
    clauses = _clauses(lines, language, area).values()
    holding = [c for c, ok in clauses if ok]
    failing = [c for c, ok in clauses if not ok]
    and_word = " " + t("budget_check.and", language) + " "
    if holding and failing:
        text = t("budget_check.but", language, holds=and_word.join(holding), fails=and_word.join(failing))
    elif failing:
        text = and_word.join(failing)
    else:
        text = and_word.join(holding)
    text = text[:1].upper() + text[1:] + "."
    unused = -lines["deviation_sek"].to_numpy()[prevention]
    if unused.mean() > MATERIAL_SEK:
        text += " " + t("budget_check.unused", language, amount=fmt_mnkr(float(unused.mean()), language))
    return text
