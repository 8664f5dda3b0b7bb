"""The sidebar's switch that counts the municipal tax on earnings in the net effect (financial assistance only).

An area whose leavers go to work (``Area.municipal_tax``) shows the tax on
their earnings apart; the switch makes the scenario count it
(``Scenario.count_municipal_tax``). The lever is :data:`model.levers.TAX`
(``skatt=separat|raknas`` in the address, in saved scenarios and scenario
files); the toggle has a key of its own, drawn each run from the lever, so the
lever has one home whatever restores it (a link, Back, undo, an opened saved
scenario, a switch of area). The children's area has no such lever.
"""

from __future__ import annotations

import streamlit as st

from model.files.memo_notes import caveat_paragraphs
from model.levers import TAX, TAX_APART, TAX_CHOICES, TAX_COUNTED
from model.text.i18n import t
from ui.errors import safe_callback

TOGGLE = "_tax_toggle"  # the toggle's own key; the lever TAX holds the choice
#: How many of the area's caveats are the tax's (income equalisation, jobbskatteavdrag).
TAX_CAVEATS = 2


def help_text(lang: str) -> str:
    """What the switch does, and the caveats of counting the tax (the method page's words)."""
    return "\n\n".join((t("levers.tax_help", lang), *caveat_paragraphs(lang)[:TAX_CAVEATS]))


@safe_callback
def _keep() -> None:
    st.session_state[TAX] = TAX_COUNTED if st.session_state.get(TOGGLE) else TAX_APART


def render(lang: str) -> None:
    """The toggle (in the sidebar's current container), and a caption while the tax counts."""
    s = st.session_state
    if s.get(TAX) not in TAX_CHOICES:
        s[TAX] = TAX_APART
    s[TOGGLE] = s[TAX] == TAX_COUNTED  # drawn from the lever, which a link or undo may have set
    # value: the browser's fallback (ui.state.widget_default)
    st.toggle(t("levers.tax", lang), value=s[TOGGLE], key=TOGGLE, on_change=_keep, help=help_text(lang))
    if s[TAX] == TAX_COUNTED:
        st.caption(t("levers.tax_on_caption", lang))
