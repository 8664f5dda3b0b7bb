"""The method page's opening: the model in plain words for the active set's area, and that area's caveats.

The children's area reads ``method.body``; another area its own wording
(``for_area.<area>.method.body``) and, where its leavers go to work
(``Area.municipal_tax``), the caveats the decision memo also carries
(``employment.caveats``: income equalisation, jobbskatteavdrag, costs that move
to other benefit systems, deadweight, IFAU on weak programme effects, IPS
fidelity). ``body_text`` is pure and tested directly.
"""

from __future__ import annotations

import streamlit as st

import model
from model.text.i18n import t, ta


def body_text(params: model.Parameters, lang: str) -> str:
    """The model in plain words for the area of *params* (its price year named)."""
    return ta("method.body", lang, params.area.id, year=params.price_year)


def caveats(params: model.Parameters, lang: str) -> tuple[str, str] | None:
    """(title, text) of the area's caveats, or None for an area that has none (the children's)."""
    if not params.area.municipal_tax:
        return None
    return t("employment.caveats_title", lang), t("employment.caveats", lang)


def render(params: model.Parameters, lang: str) -> None:
    """The plain-words method and, below it, the area's caveats."""
    st.markdown(body_text(params, lang))
    found = caveats(params, lang)
    if found is not None:
        st.subheader(found[0])
        st.markdown(found[1])
