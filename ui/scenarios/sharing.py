"""Tab "Dela och importera": links to what is on screen or to a saved scenario, and importing a file."""

from __future__ import annotations

import streamlit as st

import model
from model.errors import ParameterError, ScenarioFileError
from model.files.comparison_text import parameter_set_name
from model.files.presets import differs_from_preset
from model.files.scenario_json import MAX_FILE_BYTES as SCENARIO_FILE_BYTES
from model.files.scenario_json import from_json_bytes
from model.files.scenario_store import ScenarioStore
from model.text.i18n import fmt_mnkr, t
from model.text.user_text import markdown_literal
from ui import account, share
from ui.errors import file_error, shown
from ui.scenarios import actions
from ui.style import file_uploader


def render(scenarios: ScenarioStore, params: model.Parameters, lang: str) -> None:
    _links(params, lang)
    _import(scenarios, lang)


def _links(params: model.Parameters, lang: str) -> None:
    st.header(t("scenarios.share.title", lang))
    opened = st.session_state.get(share.OPENED)
    if opened and st.query_params.get(share.SCENARIO) == opened["id"]:
        st.markdown(t("scenarios.share.saved_link", lang, name=markdown_literal(opened["name"])))
        st.code(share.link(share.scenario_query(opened["id"], lang)), language=None, wrap_lines=True)
    st.markdown(t("scenarios.share.lever_link", lang))
    st.code(share.link(share.share_query(st.session_state, params, lang)), language=None, wrap_lines=True)
    if differs_from_preset(params):
        st.warning(t("scenarios.share.params_warning", lang))
    else:
        st.caption(t("scenarios.share.lever_caption", lang))


def _import(scenarios: ScenarioStore, lang: str) -> None:
    """A scenario file: read, previewed, and saved to the list on request."""
    st.header(t("scenarios.import.title", lang))
    st.caption(t("scenarios.import.caption", lang))
    round_ = int(st.session_state.get(actions.IMPORT_ROUND, 0))
    limit_mb = SCENARIO_FILE_BYTES // 1_000_000
    uploaded = file_uploader(t("scenarios.import.label", lang), f"scn_import_{round_}", limit_mb, ("json",), lang)
    if uploaded is None:
        return
    try:
        imported = from_json_bytes(uploaded.getvalue(), uploaded.name)
    except (ScenarioFileError, ParameterError) as exc:
        st.error(t("scenarios.import.failed", lang, detail=shown(file_error(exc, lang))))
        return
    st.success(
        t(
            "scenarios.import.preview",
            lang,
            name=markdown_literal(imported.name),
            shift=fmt_mnkr(imported.scenario.shift_sek_per_year, lang),
            parameter_set=markdown_literal(parameter_set_name(imported.params, lang)),
        )
    )
    if imported.upgraded:
        st.info(t("scenarios.url.upgraded", lang, names=", ".join(imported.upgraded)))
    who = account.actor()
    if who is None:
        st.info(t("scenarios.list.sign_in_to_save", lang), icon=":material/login:")
        return
    if st.button(t("scenarios.import.save", lang), key="scn_import_save", type="primary", icon=":material/upload:"):
        scenarios.save_saved(imported, actor=who)
        st.session_state[actions.IMPORT_ROUND] = round_ + 1
        actions.flash("success", t("scenarios.import.saved", lang, name=markdown_literal(imported.name)))
        st.rerun()
