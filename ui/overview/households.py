"""The overview's second row of big numbers in the employment area: households, assistance paid, work, tax.

Where the children's area shows children in HVB/SiS, placements avoided and the
share in families, an area whose leavers go to work (``params.area.municipal_tax``)
shows the households on assistance, in all and in each of its states (short-term,
long-term: the area's care forms flagged ``placement``) in the last year,
the assistance paid over the period, the household-years off assistance the
measures bring (the leavers to work the tax is counted on), and the municipal
tax on their earnings — shown apart, and in the net effect only when the
scenario counts it (``Scenario.count_municipal_tax``, off by default).
``household_figures`` is pure and tested directly.
"""

from __future__ import annotations

import streamlit as st

import model
from model.text.counts import fmt_count_change
from model.text.i18n import fmt_mnkr, fmt_number, t

#: Keys of the row (``static/layout.css`` lays the headline rows out by these keys' prefix).
ROW_KEY = "headline_row_children"


def household_figures(result: model.Result) -> dict[str, float]:
    """The row's numbers: changes are scenario − baseline (negative: fewer households, less paid).

    ``households`` and ``households.<form>`` per form flagged ``placement``
    [households, average in the last year];
    ``paid_sek`` and ``paid_change_sek`` (assistance paid over the period and
    its change) [SEK]; ``household_years_off`` (household-years off assistance
    the measures bring over the period); ``tax_sek`` (the municipal tax on
    their earnings over the period) [SEK].
    """
    y, last = result.yearly, result.yearly.iloc[-1]
    forms = result.params.area.forms_with("placement")
    return {
        "households": float(last["children_placed_scenario"] - last["children_placed_baseline"]),
        **{f"households.{f}": float(last[f"children_{f}_scenario"] - last[f"children_{f}_baseline"]) for f in forms},
        "paid_sek": float(y["cost_external_scenario_sek"].sum()),
        "paid_change_sek": float((y["cost_external_scenario_sek"] - y["cost_external_baseline_sek"]).sum()),
        "household_years_off": float((y["children_placed_baseline"] - y["children_placed_scenario"]).sum()),
        "tax_sek": float(result.summary["municipal_tax_sek"]),
    }


def render(result: model.Result, lang: str) -> None:
    """Households on assistance, long-term households, assistance paid, household-years off it, and the tax."""
    f, scenario = household_figures(result), result.scenario
    years, last = f"{scenario.first_year}–{scenario.last_year}", scenario.last_year
    row = st.container(horizontal=True, gap="medium", key=ROW_KEY)
    forms = result.params.area.forms_with("placement")
    cards = (
        ("households", fmt_count_change(f["households"], lang), None, {"year": last}),
        *(
            ("form", fmt_count_change(f[f"households.{form}"], lang), None,
             {"year": last, "form": result.params.area.form(form).label(lang)})
            for form in forms
        ),
        (
            "paid",
            fmt_mnkr(f["paid_sek"], lang),
            t("headline.households.paid_delta", lang, change=fmt_mnkr(f["paid_change_sek"], lang, sign=True)),
            {"years": years},
        ),
        ("work", fmt_number(f["household_years_off"], 1, lang), None, {"years": years}),
    )
    for key, value, delta, words in cards:
        row.metric(
            t(f"headline.households.{key}", lang, **words),
            value,
            delta=delta,
            delta_color="off",
            delta_arrow="off",
            help=t(f"headline.households.{key}_help", lang),
            border=True,
            height="stretch",
        )
    counted = "counted" if scenario.count_municipal_tax else "apart"
    row.metric(
        t("headline.households.tax", lang, years=years),
        fmt_mnkr(f["tax_sek"], lang),
        delta=t(f"headline.households.tax_{counted}", lang),
        delta_color="off",
        delta_arrow="off",
        help=t("employment.tax_caption", lang),
        border=True,
        height="stretch",
    )
