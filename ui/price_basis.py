"""The sidebar's price basis: fixed prices of the price year (fasta priser) or current prices (löpande priser).

The basis's id is in the address with the levers (:mod:`ui.address` writes and
follows it); an unknown id in a link is reported by :func:`ui.share.check_url`
and the default kept. What each basis means is :mod:`model.prices`'s.
"""

from __future__ import annotations

import streamlit as st

from model.levers import PRICES
from model.prices import DEFAULT_PRICE_BASIS, PRICE_BASES
from model.text.i18n import t
from model.text.labels import price_basis_label


def render(lang: str, price_year: int) -> None:
    """The selector (in the sidebar's current container) and what the chosen basis means."""
    if st.session_state.get(PRICES) not in PRICE_BASES:
        st.session_state[PRICES] = DEFAULT_PRICE_BASIS
    chosen = st.radio(
        t("levers.prices", lang),
        PRICE_BASES,
        index=PRICE_BASES.index(st.session_state[PRICES]),  # the browser's fallback: see ui.state.widget_default
        format_func=lambda basis: price_basis_label(basis, price_year, lang, capital=True),
        key=PRICES,
        horizontal=True,
        help=t("levers.prices_help", lang, year=price_year),
    )
    st.caption(t(f"levers.prices_caption.{chosen or DEFAULT_PRICE_BASIS}", lang, year=price_year))
