"""What matters most: the parameters that move the present value the most, in words and as a tornado."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.scenario import Scenario
from model.text.i18n import t
from model.text.labels import parameter_label, price_basis_label
from model.text.user_text import markdown_literal
from ui import cache, figure
from ui.charts.uncertainty import build_tornado_chart
from ui.uncertainty.reading import tornado_reading


def top_parameters(table: pd.DataFrame, params: model.Parameters, lang: str, n: int = 3) -> list[str]:
    """Labels of the *n* parameters with the largest swing (none that do not swing at all)."""
    names = table.loc[table["swing_sek"] > 0, "parameter"].head(n)
    return [markdown_literal(parameter_label(name, params, lang)) for name in names]


def render(params: model.Parameters, scenario: Scenario, lang: str) -> None:
    st.header(t("uncertainty.tornado.subheader", lang))
    table = cache.tornado(params, scenario)
    top = top_parameters(table, params, lang)
    if top:
        st.markdown(
            t("uncertainty.tornado.sentence", lang) + "\n" + "\n".join(f"{k}. {x}" for k, x in enumerate(top, 1))
        )
    prices = price_basis_label(scenario.price_basis, params.price_year, lang)
    figure.show(build_tornado_chart(table, params, lang), tornado_reading(table, params, lang), lang, "tornado", prices)
    st.caption(t("uncertainty.tornado.caption", lang))
