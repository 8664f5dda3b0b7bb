"""The overview's big numbers: money first (the municipality's, or the public sector's), then children and the budget.

``net_delta``, ``institution_text`` and ``saturated_measures`` are pure and tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

import model
from model.payers import PAYERS
from model.scenario import Scenario
from model.text.budget_text import budget_statement, failing_lines, used_lines
from model.text.counts import fmt_count_change
from model.text.i18n import fmt_mnkr, fmt_number, fmt_percent, t, ta
from model.text.labels import measure_label
from model.text.user_text import markdown_literal
from ui import state
from ui.errors import safe_callback
from ui.overview import households

#: Money below this [SEK] is shown as no change (a rounding, not a saving or a cost).
NEGLIGIBLE_SEK = 0.5e6
#: A difference in children below this is shown as 0 (one decimal is shown).
#: Keys of the two rows of cards: ``static/layout.css`` puts 4, 2 or 1 of them on a line by the page's width.
ROW_KEYS = ("headline_row_money", "headline_row_children")


def render(result: model.Result, lang: str) -> None:
    """Whose costs, both rows of big numbers, the budget statement, and the note on cash and unused money."""
    area = result.params.area
    public = _payer_toggle(lang, area.id)
    _money_row(result.summary, result.scenario, lang, public, area.id)
    if public:
        st.caption(public_note(result, lang))
    if area.municipal_tax:  # an area whose leavers go to work: households, assistance, work and tax
        households.render(result, lang)
    else:
        _children_row(result, lang)
    st.markdown(f"**{budget_statement(used_lines(result.budget_lines), lang, area.id)}**")
    if result.summary["prevention_spent_sek"] > 0:
        _cash_note(result, lang)


def public_note(result: model.Result, lang: str) -> str:
    """Each payer's net effect over the period, in one sentence (shown with the public sector's figures)."""
    net = result.by_payer.groupby("payer", sort=False)["net_sek"].sum()
    return t("payer.public_note", lang, **{p: fmt_mnkr(float(net[p]), lang, sign=True) for p in PAYERS})


def _payer_toggle(lang: str, area: str) -> bool:
    """The toggle between the municipality's costs (the headline) and the whole public sector's."""
    s = st.session_state

    @safe_callback
    def keep() -> None:  # the toggle's own key is dropped on other pages: the address keeps PAYER_VIEW
        s[state.PAYER_VIEW] = state.PUBLIC_SECTOR if s.get(state.PAYER_TOGGLE) else ""

    st.toggle(t("payer.view", lang), value=state.public_sector(), key=state.PAYER_TOGGLE, on_change=keep,
              help=ta("payer.view_help", lang, area))
    return state.public_sector()


def net_delta(net: float, lang: str) -> str | None:
    """The word under the net effect: a saving, a cost, or nothing when it rounds to zero."""
    if abs(net) < NEGLIGIBLE_SEK:
        return None
    return t("headline.saving" if net < 0 else "headline.cost", lang)


def institution_text(difference: float, lang: str) -> str:
    """Children in HVB/SiS in the last year, scenario − baseline, in words: ``cirka 2–3 färre`` (as the memo)."""
    return fmt_count_change(difference, lang)


def saturated_measures(result: model.Result, lang: str) -> list[str]:
    """Names of the measures that reach their whole target group and leave money unused."""
    bm = result.by_measure  # measure-major rows: one block of years per measure
    n_years = result.scenario.horizon_years
    left = (bm["allocated_sek"].to_numpy() - bm["spent_sek"].to_numpy()).reshape(-1, n_years).sum(axis=1)
    measures = bm["measure"].to_numpy()[::n_years]
    return [
        markdown_literal(measure_label(result.params, mid, lang))
        for mid, x in zip(measures, left, strict=True)
        if x > NEGLIGIBLE_SEK
    ]


def _money_row(s: Mapping[str, Any], scenario: Scenario, lang: str, public: bool, area: str) -> None:
    net, years = s["net_public_total_sek" if public else "net_total_sek"], f"{scenario.first_year}–{scenario.last_year}"
    npv = s["npv_public_sek" if public else "npv_sek"]
    row = st.container(horizontal=True, gap="medium", key=ROW_KEYS[0])
    row.metric(
        t("headline.net_public" if public else "headline.net", lang, years=years),
        fmt_mnkr(net, lang, sign=True),
        delta=net_delta(net, lang),
        delta_color="normal" if net < 0 else "inverse",
        delta_arrow="off",
        help=t("headline.net_help", lang),
        border=True,
        height="stretch",
    )
    row.metric(
        t("headline.npv_public" if public else "headline.npv", lang),
        fmt_mnkr(npv, lang, sign=True),
        help=t("headline.npv_help", lang, rate=fmt_percent(s["discount_rate"], lang, 1)),
        border=True,
        height="stretch",
    )
    row.metric(
        t("headline.payback", lang),
        str(s["payback_year"]) if s["payback_year"] else t("headline.no_payback", lang),
        help=t("headline.payback_help", lang),
        border=True,
        height="stretch",
    )
    moved, used = s["benefit_cost_ratio_moved"], s["benefit_cost_ratio"]
    row.metric(  # per krona moved, with per krona used under it: the two read together
        t("headline.bcr_moved", lang),
        fmt_number(moved, 2, lang) if moved is not None else "–",
        delta=t("headline.bcr_used_delta", lang, used=fmt_number(used, 2, lang) if used is not None else "–"),
        delta_color="off",
        delta_arrow="off",
        help=ta("headline.bcr_moved_help", lang, area) + " " + ta("headline.bcr_help", lang, area),
        border=True,
        height="stretch",
    )


def _children_row(result: model.Result, lang: str) -> None:
    s, scenario, last = result.summary, result.scenario, result.yearly.iloc[-1]
    row = st.container(horizontal=True, gap="medium", key=ROW_KEYS[1])
    row.metric(
        t("headline.institution", lang, year=scenario.last_year),
        institution_text(-s["institution_children_fewer_last_year"], lang),  # scenario − baseline
        help=t("headline.institution_help", lang),
        border=True,
        height="stretch",
    )
    row.metric(
        t("headline.avoided", lang),
        fmt_number(s["placements_avoided"], 1, lang),
        help=t("headline.avoided_help", lang),
        border=True,
        height="stretch",
    )
    row.metric(
        t("headline.family_share", lang, year=scenario.last_year),
        fmt_percent(last["family_share_scenario"], lang),
        delta=t("headline.family_share_delta", lang, baseline=fmt_percent(last["family_share_baseline"], lang)),
        delta_color="off",
        delta_arrow="off",
        help=t("headline.family_share_help", lang),
        border=True,
        height="stretch",
    )
    lines = used_lines(result.budget_lines)
    row.metric(
        t("headline.budget", lang),
        t("headline.budget_value", lang, failing=len(failing_lines(lines)), lines=lines["line"].nunique()),
        help=t("headline.budget_help", lang),
        border=True,
        height="stretch",
    )


def _cash_note(result: model.Result, lang: str) -> None:
    """How much of the net effect is cash, and which measures leave money unused."""
    s = result.summary
    unused = float(result.yearly["prevention_unused_sek"].sum())
    area = result.params.area.id
    text = ta(
        "overview.cash_note",
        lang,
        area,
        cash=fmt_mnkr(s["net_cash_total_sek"], lang, sign=True),
        capacity=fmt_mnkr(s["net_capacity_total_sek"], lang, sign=True),
    )
    if unused > NEGLIGIBLE_SEK:
        measures = ", ".join(saturated_measures(result, lang))
        text += " " + ta("overview.unused_note", lang, area, unused=fmt_mnkr(unused, lang), measures=measures)
    st.info(text)
