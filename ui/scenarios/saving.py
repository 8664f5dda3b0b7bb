"""Saving what is on screen under a name; a name that is taken asks: update that scenario, or keep both.

A scenario saved silently under an existing name left two "Majoriteten" in the
list. Now the form asks first: **update** the saved one (same id, so its link
still works, ``ScenarioStore.update``) or **keep both**, saving this one under a
free name ("Majoriteten (2)"). ``same_name`` and ``free_name`` are pure and
tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

import model
from model.files.comparison_text import parameter_set_name
from model.files.scenario_store import ScenarioInfo, ScenarioStore
from model.scenario import Scenario
from model.text.i18n import fmt_mnkr, t
from model.text.user_text import MAX_NAME_CHARS, MAX_NOTE_CHARS, markdown_literal
from ui import account
from ui.scenarios import actions

PENDING = "_scn_save_pending"  # {"name", "note", "id"}: a save waiting for "update or keep both"
SEARCH_LIMIT = 200


def same_name(infos: Iterable[ScenarioInfo], name: str) -> ScenarioInfo | None:
    """The saved scenario called *name* (ignoring case and extra spaces), if there is one."""
    wanted = actions.one_line(name).casefold()
    return next((i for i in infos if actions.one_line(i.name).casefold() == wanted), None)


def free_name(name: str, taken: Iterable[str]) -> str:
    """*name* with the first free number: ``Majoriteten (2)``, ``Majoriteten (3)``…"""
    used = {actions.one_line(x).casefold() for x in taken}
    base = actions.one_line(name)
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = base[: MAX_NAME_CHARS - len(suffix)] + suffix
        if candidate.casefold() not in used:
            return candidate
        n += 1


def render(scenarios: ScenarioStore, params: model.Parameters, current: Scenario | None, lang: str) -> None:
    """The save form, and the question when the name is taken."""
    st.header(t("scenarios.save.title", lang))
    shift = fmt_mnkr(current.shift_sek_per_year if current else 0, lang)
    parameter_set = markdown_literal(parameter_set_name(params, lang))
    st.caption(t("scenarios.save.caption", lang, shift=shift, parameter_set=parameter_set))
    with st.form("scn_save_form", clear_on_submit=True):
        name = st.text_input(
            t("scenarios.save.name", lang),
            max_chars=MAX_NAME_CHARS,
            key="scn_save_name",
            placeholder=t("scenarios.save.name_placeholder", lang),
        )
        note = st.text_area(
            t("scenarios.save.note", lang),
            max_chars=MAX_NOTE_CHARS,
            key="scn_save_note",
            placeholder=t("scenarios.save.note_placeholder", lang),
            height=90,
        )
        signed_out = account.actor() is None
        submitted = st.form_submit_button(
            t("scenarios.save.button", lang), type="primary", icon=":material/save:", disabled=signed_out
        )
    if signed_out:
        st.info(t("scenarios.list.sign_in_to_save", lang), icon=":material/login:")
        return
    if submitted:
        if current is None:
            st.error(t("scenarios.error.levers_invalid", lang, detail=""))
            return
        taken = same_name(scenarios.list(search=actions.one_line(name), limit=SEARCH_LIMIT), name)
        if taken is None:
            actions.save_current(scenarios, name, note, current, params, lang)
            return
        st.session_state[PENDING] = {
            "name": taken.name, "note": note, "id": taken.id, "saved": taken.updated_at, "owner": taken.owner
        }
    if PENDING in st.session_state and current is not None:
        _name_taken(scenarios, params, current, lang)


def _name_taken(scenarios: ScenarioStore, params: model.Parameters, current: Scenario, lang: str) -> None:
    """Update the scenario of that name, keep both, or cancel."""
    pending = st.session_state[PENDING]
    name = pending["name"]
    others = [i.name for i in scenarios.list(search=actions.one_line(name), limit=SEARCH_LIMIT)]
    other_name = free_name(name, others)
    st.warning(
        t("scenarios.save.name_taken", lang, name=markdown_literal(name), saved=actions.when(pending["saved"])),
        icon=":material/content_copy:",
    )
    who = account.actor()
    mine = who is not None and who.may_change(pending.get("owner", ""))
    with st.container(horizontal=True):
        update = st.button(
            t("scenarios.save.update", lang, name=markdown_literal(name)),
            key="scn_save_update",
            type="primary",
            disabled=not mine,  # only its owner (or an administrator) may change a saved scenario
            help=t("scenarios.save.update_help", lang),
        )
        both = st.button(t("scenarios.save.keep_both", lang, name=markdown_literal(other_name)), key="scn_save_both")
        cancel = st.button(t("scenarios.save.cancel", lang), key="scn_save_cancel")
    if update or both or cancel:
        st.session_state.pop(PENDING, None)
    if update:
        actions.update_saved(scenarios, pending["id"], name, pending["note"], current, params, lang)
    elif both:
        actions.save_current(scenarios, other_name, pending["note"], current, params, lang)
    elif cancel:
        st.rerun()
