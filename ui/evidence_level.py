"""The sidebar's evidence level: cautious, central or optimistic sets of effect sizes (data, not code).

A selector whose labels change with the language keeps the level's id in the
URL itself (as the language and the municipality do); an unknown id in a link
is reported by :func:`ui.share.check_url` and the default kept.
"""

from __future__ import annotations

import streamlit as st

from model.evidence import DEFAULT_EVIDENCE_LEVEL, evidence_level, level_ids
from model.levers import EVIDENCE
from model.text.i18n import t
from ui import state


def render(lang: str) -> None:
    """The selector (in the sidebar's current container) and what the chosen level assumes."""
    state.adopt_url_choice(EVIDENCE, level_ids(), DEFAULT_EVIDENCE_LEVEL)
    chosen = st.selectbox(
        t("levers.evidence", lang),
        level_ids(),
        format_func=lambda level: evidence_level(level).label(lang),
        key=EVIDENCE,
        on_change=state.url_choice_changed,
        args=(EVIDENCE, DEFAULT_EVIDENCE_LEVEL),
        help=t("levers.evidence_help", lang),
    )
    st.caption(evidence_level(chosen or DEFAULT_EVIDENCE_LEVEL).description(lang))
