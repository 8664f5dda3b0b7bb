"""The sidebar's evidence level: cautious, central or optimistic sets of effect sizes (data, not code).

The level's id is in the address with the levers (:mod:`ui.address` writes and
follows it); an unknown id in a link is reported by :func:`ui.share.check_url`
and the default kept.
"""

from __future__ import annotations

import streamlit as st

from model.evidence import DEFAULT_EVIDENCE_LEVEL, EvidenceLevel, evidence_level, level_ids
from model.levers import EVIDENCE
from model.text.i18n import AREA_PREFIX, has, t


def description(level: EvidenceLevel, area: str, lang: str) -> str:
    """What *level* assumes, in the words of *area* where it has its own (the shared data's text otherwise)."""
    own = f"{AREA_PREFIX}.{area}.method.levels.{level.id}"
    return t(own, lang) if has(own, lang) else level.description(lang)


def render(lang: str, area: str) -> None:
    """The selector (in the sidebar's current container) and what the chosen level assumes."""
    if st.session_state.get(EVIDENCE) not in level_ids():
        st.session_state[EVIDENCE] = DEFAULT_EVIDENCE_LEVEL
    chosen = st.selectbox(
        t("levers.evidence", lang),
        level_ids(),
        index=level_ids().index(st.session_state[EVIDENCE]),  # the browser's fallback: see ui.state.widget_default
        format_func=lambda level: evidence_level(level).label(lang),
        key=EVIDENCE,
        help=t("levers.evidence_help", lang),
    )
    st.caption(description(evidence_level(chosen or DEFAULT_EVIDENCE_LEVEL), area, lang))
