"""The overview's decision memo: a PDF of the scenario on screen, built when the button is clicked."""

from __future__ import annotations

import streamlit as st

import model
from model.files.memo_pdf import memo_pdf_bytes
from model.text.i18n import t
from ui import cache, share
from ui.downloads import Download, download_button
from ui.uncertainty import settings


def build(params: model.Parameters, scenario: model.Scenario, lang: str, link: str) -> bytes:
    """The memo's bytes: the run, the Monte Carlo analysis (the uncertainty page's settings) and the tornado."""
    result = cache.run(params, scenario)
    if scenario.is_baseline or not scenario.mix_dict:  # nothing moved: nothing is uncertain about a shift
        return memo_pdf_bytes(result, lang, link=link)
    u = cache.monte_carlo(params, scenario, settings.draws(), settings.seed())
    return memo_pdf_bytes(result, lang, uncertainty=u, sensitivity=cache.tornado(params, scenario), link=link)


def current_link(params: model.Parameters, lang: str) -> str:
    """A link back to what is on screen: the saved scenario while it is open unchanged, else the levers."""
    opened = st.session_state.get(share.OPENED)
    if opened and st.query_params.get(share.SCENARIO) == opened["id"]:
        return share.link(share.scenario_query(opened["id"], lang))
    return share.link(share.share_query(st.session_state, params, lang))


def render(result: model.Result, lang: str) -> None:
    """The button "Beslutsunderlag (PDF)" and a line on what the memo holds."""
    params, scenario = result.params, result.scenario
    link = current_link(params, lang)
    memo = Download("pdf", t("memo.download", lang), lambda: build(params, scenario, lang, link))
    # As wide as its label (a quarter of the page's width cut "Beslutsunderlag (PDF)" short at 768 px).
    download_button(st.container(), memo, t("memo.filename", lang), key="memo", width="content")
    st.caption(t("memo.caption", lang))
