"""What the page "Spara och jämför" does when someone acts, and the messages it shows afterwards.

Actions that change the sidebar (open) are callbacks that only write
``st.session_state``; actions that change the store run in the script body and
rerun, so the list is re-read from the database. Each leaves a message
(:func:`flash`) that the page shows once at the top.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

import model
from model.errors import ParameterError, ScenarioFileError
from model.files.ownership import Actor, NotAllowed
from model.files.presets import preset_params
from model.files.result_export import to_xlsx_bytes
from model.files.scenario_json import to_json_bytes
from model.files.scenario_store import ScenarioInfo, ScenarioNotFound, ScenarioStore
from model.scenario import Scenario
from model.text.i18n import t
from model.text.user_text import MAX_NAME_CHARS, markdown_literal
from ui import account, areas, cache, share, state
from ui.errors import file_error, safe_callback, shown

FLASH = "_scn_flash"  # [(kind, text)] shown once at the top after an action
CONFIRM_DELETE = "_scn_confirm_delete"
LIST_LIMIT = "_scn_list_limit"
IMPORT_ROUND = "_scn_import_round"  # bumping it empties the file uploader after an import
PAGE_SIZE = 15


def flash(kind: str, text: str) -> None:
    """Say *text* once at the top of the page (kind: success, info, warning, error)."""
    st.session_state.setdefault(FLASH, []).append((kind, text))


def show_flashes() -> None:
    """The messages of the last action, in an element that is always there (so the tabs keep their place)."""
    with st.container(key="scn_flash"):
        for kind, text in st.session_state.pop(FLASH, []):
            getattr(st, kind)(text)


def one_line(name: object) -> str:
    """A name as the store keeps it: one line, single spaces."""
    return " ".join(str(name).split())


def when(moment: datetime | None) -> str:
    """A stored UTC time as local clock time for people (the server's zone)."""
    if moment is None:
        return "–"
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


# --- callbacks (they only write session state) ----------------------------------------------------


@safe_callback
def open_scenario(scenario_id: str) -> None:
    lang = state.language()
    try:
        saved = cache.store().get(scenario_id)
    except ScenarioNotFound:
        flash("warning", t("scenarios.error.not_found", lang))
        return
    except (ScenarioFileError, ValueError) as exc:
        flash("error", shown(file_error(exc, lang)))
        return
    areas.switch(st.session_state, saved.params.area.id)  # a scenario of the other area: park this one first
    for note in share.open_saved(st.session_state, saved):
        field = share.field_label(note["field"], lang)
        values = {k: note[k] for k in ("value", "low", "high")}
        flash("info", t("scenarios.url.clamped", lang, field=field, **values))
    # The address bar follows on the next run (ui.address writes ?scenario= while it is unchanged).
    flash("success", t("scenarios.list.opened", lang, name=markdown_literal(saved.name)))
    if saved.upgraded:
        flash("info", t("scenarios.url.upgraded", lang, names=", ".join(saved.upgraded)))


@safe_callback
def ask_delete(scenario_id: str) -> None:
    st.session_state[CONFIRM_DELETE] = scenario_id


@safe_callback
def cancel_delete() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


@safe_callback
def show_more() -> None:
    st.session_state[LIST_LIMIT] = st.session_state.get(LIST_LIMIT, PAGE_SIZE) + PAGE_SIZE


# --- changes of the store (script body; each reruns on success) --------------------------------------


def save_current(
    scenarios: ScenarioStore, name: str, note: str, current: Scenario, params: model.Parameters, lang: str
) -> None:
    """Save the levers as they are; the address bar becomes a link to the saved scenario."""
    levers = share.levers_from_state(st.session_state, params)
    who = account.actor()
    if who is None:
        st.error(t("scenarios.list.sign_in_to_save", lang))
        return
    try:
        new_id = scenarios.save(name, current, params, note, levers=levers, actor=who)
    except (ScenarioFileError, ParameterError) as exc:
        st.error(shown(file_error(exc, lang)))
        return
    st.session_state[share.OPENED] = share.opened_record(new_id, one_line(name), levers, params)
    link = share.link(share.scenario_query(new_id, lang))
    flash("success", t("scenarios.save.saved", lang, name=markdown_literal(one_line(name)), link=link))
    st.rerun()


def update_saved(
    scenarios: ScenarioStore,
    scenario_id: str,
    name: str,
    note: str,
    current: Scenario,
    params: model.Parameters,
    lang: str,
) -> None:
    """Give the saved scenario *scenario_id* what is on screen now (its id, name and link stay)."""
    levers = share.levers_from_state(st.session_state, params)
    try:
        scenarios.update(scenario_id, current, params, note, levers=levers)
    except ScenarioNotFound:
        st.error(t("scenarios.error.not_found", lang))
        return
    except (ScenarioFileError, ParameterError) as exc:
        st.error(file_error(exc, lang))
        return
    st.session_state[share.OPENED] = share.opened_record(scenario_id, one_line(name), levers, params)
    link = share.link(share.scenario_query(scenario_id, lang))
    flash("success", t("scenarios.save.updated", lang, name=markdown_literal(one_line(name)), link=link))
    st.rerun()


def delete(scenarios: ScenarioStore, info: ScenarioInfo, lang: str) -> None:
    """Delete a scenario (after the user confirmed); a link to it no longer claims to be open."""
    cancel_delete()
    try:
        scenarios.delete(info.id, actor=_actor())
    except NotAllowed as exc:
        not_allowed(exc, lang)
        return
    if (st.session_state.get(share.OPENED) or {}).get("id") == info.id:
        st.session_state.pop(share.OPENED, None)  # the address bar drops ?scenario= on the next run
    flash("success", t("scenarios.list.deleted", lang, name=markdown_literal(info.name)))
    st.rerun()


def duplicate(scenarios: ScenarioStore, info: ScenarioInfo, lang: str) -> None:
    copy_name = t("scenarios.list.copy_name", lang, name=info.name)[:MAX_NAME_CHARS]
    try:
        scenarios.duplicate(info.id, copy_name, actor=_actor())
    except NotAllowed as exc:
        not_allowed(exc, lang)
        return
    except ScenarioNotFound:
        flash("warning", t("scenarios.error.not_found", lang))
    else:
        flash("success", t("scenarios.list.duplicated", lang, name=markdown_literal(copy_name)))
    st.rerun()


def rename(scenarios: ScenarioStore, info: ScenarioInfo, name: str, note: str, lang: str) -> None:
    """New name and note; an error stays in place (nothing reruns) so the user can correct it."""
    try:
        who = _actor()
        if one_line(name) != info.name:
            scenarios.rename(info.id, name, actor=who)
        if note.rstrip() != info.note:
            scenarios.set_note(info.id, note, actor=who)
    except NotAllowed as exc:
        not_allowed(exc, lang)
        return
    except ScenarioFileError as exc:
        st.error(shown(file_error(exc, lang)))
        return
    except ScenarioNotFound:
        st.error(t("scenarios.error.not_found", lang))
        return
    opened = st.session_state.get(share.OPENED)
    if opened and opened.get("id") == info.id:
        opened["name"] = one_line(name)
    flash("success", t("scenarios.list.renamed", lang, name=markdown_literal(one_line(name))))
    st.rerun()


def _actor() -> Actor:
    """Who acts; signed out, nobody (an actor that owns nothing, so the store refuses)."""
    return account.actor() or Actor("")


def not_allowed(exc: NotAllowed, lang: str) -> None:
    """The store refused a change: say whose scenario it is (nothing reruns)."""
    st.error(t("scenarios.list.not_allowed", lang, owner=markdown_literal(exc.owner)), icon=":material/lock:")


# --- downloads (built on click from the store; pure functions of their arguments) ---------------------


def saved_json(scenarios: ScenarioStore, scenario_id: str) -> bytes:
    return to_json_bytes(scenarios.get(scenario_id))


def saved_xlsx(scenarios: ScenarioStore, scenario_id: str, lang: str) -> bytes:
    saved = scenarios.get(scenario_id)
    result = model.run(saved.params, saved.scenario)
    reference = preset_params(saved.params.preset) if saved.params.preset else None
    return to_xlsx_bytes(result, lang, note=saved.note, reference=reference)
