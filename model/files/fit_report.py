"""The model-fit tables in words: what the method page shows and the README prints.

:func:`comparison_rows`, :func:`stock_flow_rows` and :func:`published_rows`
turn :mod:`model.analysis.fit` into rows of text in the reader's language
(numbers in the language's format); the page shows them as tables and
:func:`markdown_table` writes them for the README.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from model.analysis import fit
from model.parameters import Parameters
from model.text.i18n import fmt_number, fmt_percent, t, ta
from model.text.labels import form_labels

#: Decimals each national figure is shown with.
DECIMALS = {
    "placed_during_year_per_1000": 1,
    "placements_started_per_1000": 1,
    "cost_per_child_0_20": 0,
    "households_during_year_per_1000": 1,
    "cost_per_inhabitant": 0,
    "cost_per_household_during_year": 0,
}


def _records(table: Any) -> list[dict[str, Any]]:
    """A table's rows as plain mappings (column -> value)."""
    return list(table.to_dict("records"))


def _value(fid: str, x: float, language: str) -> str:
    if fid == "family_home_share":
        return fmt_percent(x, language)
    return fmt_number(x, DECIMALS[fid], language)


def comparison_rows(params: Parameters, language: str = "sv") -> list[list[str]]:
    """Header and one row per national figure: what, national value (year), model, difference, sources."""
    table = fit.national_comparison(params)
    head = [t(f"fit.col.{c}", language) for c in ("figure", "national", "model", "difference", "sources")]
    rows = [head]
    for r in _records(table):
        rows.append(
            [
                t(f"fit.figure.{r['id']}", language),
                f"{_value(r['id'], r['national'], language)} ({r['year']})",
                _value(r["id"], r["model"], language),
                ("+" if r["difference"] > 0 else "") + fmt_percent(r["difference"], language),
                ", ".join(r["sources"]),
            ]
        )
    return rows


def stock_flow_rows(params: Parameters, language: str = "sv") -> list[list[str]]:
    """Header and one row per care form: entries a year, duration, mean stay, entries × stay, children now."""
    table = fit.stock_and_flow(params)
    labels = form_labels(params.area, language)
    keys = ("form", "entries_per_year", "duration_months", "mean_stay_months", "entries_times_stay", "children")
    rows = [[ta(f"fit.stock.{k}", language, params.area.id) for k in keys]]
    for r in _records(table):
        rows.append(
            [
                labels.get(r["form"], r["form"]),
                fmt_number(r["entries_per_year"], 1, language),
                fmt_number(r["duration_months"], 1, language),
                fmt_number(r["mean_stay_months"], 2, language),
                fmt_number(r["entries_times_stay"], 1, language),
                fmt_number(r["children"], 1, language),
            ]
        )
    return rows


def published_rows(language: str = "sv") -> list[list[str]]:
    """Header and one row per published result of the cohort case: published, the engine's, difference."""
    table = fit.published_case()
    rows = [[t(f"fit.published.{k}", language) for k in ("figure", "published", "model", "difference")]]
    for r in _records(table):
        decimals = 7 if r["figure"].startswith("life_years") else 4
        rows.append(
            [
                t(f"fit.published.{r['figure']}", language),
                fmt_number(r["published"], decimals, language),
                fmt_number(r["model"], decimals, language),
                fmt_number(abs(r["difference"]), decimals, language),  # zero to the printed digits
            ]
        )
    return rows


def markdown_table(rows: Sequence[Sequence[str]], align: str = "") -> str:
    """*rows* (header first) as a Markdown table.

    *align* has ``l`` or ``r`` per column (default: the first column left, the others right).
    """
    head, *body = rows
    align = align or "l" + "r" * (len(head) - 1)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" ---: " if a == "r" else " --- " for a in align) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in body]
    return "\n".join(lines)
