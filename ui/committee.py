"""The page "Hela nämnden": each area's shift side by side, the committee's summed budget and the areas compared.

Each area is shown with its own levers and parameter set: the active area's
as on screen, the other's as the user left it (``ui.areas`` parks it) or its
defaults. The figures are :mod:`model.analysis.committee`'s from the app's
cached runs; the chance of paying back is a seeded Monte Carlo run per area
(:data:`model.analysis.committee.DRAWS` draws, the uncertainty page's cache).
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd
import streamlit as st

import model
from model.analysis.committee import DRAWS, SEED, TOTAL, comparison, yearly_budget
from model.files.presets import set_name
from model.files.spreadsheet import csv_bytes
from model.levers import scenario_from_levers
from model.scenario import Scenario
from model.text.i18n import fmt_mnkr, fmt_number, fmt_percent, t
from model.text.labels import price_basis_label
from model.text.user_text import markdown_literal
from ui import areas, cache, figure
from ui.charts.spec import ChartSpec, fitted_legend, mnkr_axis, template_spec, year_tooltip, year_x
from ui.downloads import Download, download_button
from ui.tables import show_table

Sets = dict[str, tuple[model.Parameters, Scenario]]


def sets(session: Mapping[str, object]) -> Sets:
    """Every area's (parameter set, scenario) from its own levers."""
    return {area: (p, scenario_from_levers(levers, p)) for area, (p, levers) in areas.sets(session).items()}


def chances(inputs: Sets) -> dict[str, float | None]:
    """Each area's chance of paying back by its last year (None when it moves nothing)."""
    out: dict[str, float | None] = {}
    for area, (p, s) in inputs.items():
        moves = not s.is_baseline and bool(s.mix_dict)
        out[area] = cache.monte_carlo(p, s, DRAWS, SEED).summary.probability_payback_horizon if moves else None
    return out


def render(inputs: Sets, lang: str) -> None:
    """The page below its title."""
    results = {area: cache.run(p, s) for area, (p, s) in inputs.items()}
    names = "; ".join(f"{areas.label(a, lang)}: {markdown_literal(set_name(p, lang))}" for a, (p, _) in inputs.items())
    st.caption(t("committee.subtitle", lang, areas=names))
    bases = {price_basis_label(s.price_basis, p.price_year, lang) for p, s in inputs.values()}
    if len(bases) > 1:
        st.info(t("committee.prices_differ", lang, bases=", ".join(sorted(bases))), icon=":material/info:")
    budget = yearly_budget(results)
    if not budget["moved_sek"].any():
        st.info(t("committee.no_shift", lang), icon=":material/info:")
    prices = next(iter(bases)) if len(bases) == 1 else ""
    reading = moved_reading(budget, lang)
    figure.show(_moved_chart(budget, lang), reading, lang, key="committee_moved", prices=prices)
    table = comparison(results, chances(inputs))
    st.header(t("committee.compare_title", lang))
    show_table(comparison_text(table, lang), index=t("committee.column.area", lang))
    st.caption(t("committee.compare_caption", lang, draws=fmt_number(DRAWS, 0, lang)))
    st.header(t("committee.budget_title", lang))
    st.caption(t("committee.budget_caption", lang))
    total = budget[budget["area"] == TOTAL]
    if len(total) < budget[budget["area"] != TOTAL].groupby("area").size().max():
        st.caption(t("committee.budget_years", lang, years=f"{total.year.min()}–{total.year.max()}"))
    show_table(budget_text(total, lang), index=t("committee.column.year", lang))
    left, right, _ = st.columns([1, 1, 1])
    for where, name, frame in ((left, "budget", budget), (right, "table", table)):
        label = t(f"committee.download_{name}", lang)
        file = Download("csv", label, lambda f=frame: csv_bytes(csv_table(f, lang), lang))
        download_button(where, file, t(f"committee.file_{name}", lang), f"committee_{name}")


def _area_name(area: str, lang: str) -> str:
    return t("committee.total", lang) if area == TOTAL else areas.label(area, lang)


def _moved_chart(budget: pd.DataFrame, lang: str) -> ChartSpec:
    """The money moved per year, the areas' bars side by side."""
    data = budget[budget["area"] != TOTAL].assign(
        area_label=lambda d: [_area_name(a, lang) for a in d["area"]],
        moved_text=lambda d: [fmt_mnkr(x, lang) for x in d["moved_sek"]],
    )
    area_title = t("committee.column.area", lang)
    moved_title = t("committee.column.moved", lang)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=year_x(lang),
            xOffset=alt.XOffset("area_label:N"),
            y=alt.Y("moved_sek:Q", axis=mnkr_axis(lang, moved_title)),
            color=alt.Color("area_label:N", legend=fitted_legend(sorted(set(data["area_label"])))),
            tooltip=[
                year_tooltip(lang),
                alt.Tooltip("area_label:N", title=area_title),
                alt.Tooltip("moved_text:N", title=moved_title),
            ],
        )
        .properties(height=260)
    )
    return ChartSpec(template_spec(chart), data, t("committee.moved_title", lang))


def comparison_text(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The comparison as the page shows it (money in mnkr, the ratio to two decimals, the chance in %)."""
    never, none = t("committee.never", lang), t("committee.not_run", lang)
    c = "committee.column."
    return pd.DataFrame(
        {
            t(c + "area", lang): [_area_name(a, lang) for a in table["area"]],
            t(c + "moved_total", lang): [fmt_mnkr(x, lang) for x in table["moved_sek"]],
            t(c + "net_total", lang): [fmt_mnkr(x, lang, sign=True) for x in table["net_sek"]],
            t(c + "npv", lang): [fmt_mnkr(x, lang, sign=True) for x in table["npv_sek"]],
            t(c + "per_krona", lang): [
                none if _missing(x) else fmt_number(x, 2, lang) for x in table["benefit_per_krona"]
            ],
            t(c + "payback", lang): [
                none if a == TOTAL else (never if _missing(y) else str(int(y)))
                for a, y in zip(table["area"], table["payback_year"], strict=True)
            ],
            t(c + "last_year", lang): [str(int(y)) for y in table["last_year"]],
            t(c + "chance_plain", lang): [
                none if _missing(x) else fmt_percent(x, lang) for x in table["chance_payback"]
            ],
        }
    )


def budget_text(total: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The committee's summed budget per year as the page shows it."""
    c = "committee.column."
    return pd.DataFrame(
        {
            t(c + "year", lang): [str(y) for y in total["year"]],
            t(c + "baseline", lang): [fmt_mnkr(x, lang) for x in total["baseline_sek"]],
            t(c + "scenario", lang): [fmt_mnkr(x, lang) for x in total["scenario_sek"]],
            t(c + "moved", lang): [fmt_mnkr(x, lang) for x in total["moved_sek"]],
            t(c + "net", lang): [fmt_mnkr(x, lang, sign=True) for x in total["net_sek"]],
        }
    )


def moved_reading(budget: pd.DataFrame, lang: str) -> str:
    """The chart in one sentence: what each area moves over its horizon, and the committee in all."""
    moved = budget.groupby("area", sort=False)["moved_sek"].sum()
    parts = [f"{_area_name(a, lang)} {fmt_mnkr(x, lang)}" for a, x in moved.items() if a != TOTAL]
    return t("committee.moved_reading", lang, areas=", ".join(parts), total=fmt_mnkr(moved.drop(TOTAL).sum(), lang))


def csv_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table for the CSV file: the area named, the columns in words, amounts in whole kronor."""
    names = {
        "area": "area",
        "year": "year",
        "baseline_sek": "baseline",
        "scenario_sek": "scenario",
        "moved_sek": "moved",
        "net_sek": "net",
        "npv_sek": "npv",
        "benefit_per_krona": "per_krona",
        "payback_year": "payback",
        "last_year": "last_year",
        "chance_payback": "chance_plain",
    }
    out = frame.assign(area=[_area_name(a, lang) for a in frame["area"]])
    money = [col for col in out.columns if col.endswith("_sek")]
    out[money] = out[money].round(0)
    return out.rename(columns={k: t(f"committee.column.{v}", lang) for k, v in names.items()})


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and pd.isna(x))
