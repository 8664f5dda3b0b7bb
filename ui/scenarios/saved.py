"""Tab "Sparade scenarier": save what is on screen under a name, and the list of saved scenarios.

Saved scenarios are shared by everyone who uses the server (that is what a
committee wants: the majority's and the opposition's proposals in one list);
unsaved levers and assumptions live only in the user's own session. Each has
an owner: anyone may open and copy it, only its owner (or an administrator)
may rename, change or delete it (``ui.account``; the store enforces it too).
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import streamlit as st

import model
from model.files.presets import preset_name
from model.files.scenario_store import ScenarioInfo, ScenarioStore
from model.scenario import Scenario
from model.text.i18n import fmt_mnkr, t
from model.text.user_text import MAX_NAME_CHARS, MAX_NOTE_CHARS, markdown_literal
from ui import account, areas, share
from ui.downloads import Download, download_button
from ui.scenarios import actions, saving

NOTE_PREVIEW = 300  # characters of a note shown in the list


class Clicked(NamedTuple):
    """What was asked of one scenario in the list in this run."""

    duplicate: bool
    rename: bool
    new_name: str
    new_note: str


def render(scenarios: ScenarioStore, params: model.Parameters, current: Scenario | None, lang: str) -> None:
    saving.render(scenarios, params, current, lang)
    _saved_list(scenarios, params, lang)


def _saved_list(scenarios: ScenarioStore, params: model.Parameters, lang: str) -> None:
    st.header(t("scenarios.list.title", lang))
    search = st.text_input(
        t("scenarios.list.search", lang), key="scn_search", placeholder=t("scenarios.list.search_placeholder", lang)
    )
    limit = int(st.session_state.get(actions.LIST_LIMIT, actions.PAGE_SIZE))
    infos = scenarios.list(search=search, limit=limit + 1)
    if not infos:
        st.info(t("scenarios.list.empty" if not search else "scenarios.list.no_match", lang))
    opened = share.opened_status(st.session_state, params)
    for info in infos[:limit]:
        with st.container(border=True, key=f"scn_item_{info.id}"):
            state_of = None if opened is None or opened[0] != info.id else ("changed" if opened[2] else "same")
            _item(scenarios, info, state_of, lang)
    if len(infos) > limit:
        st.button(t("scenarios.list.more", lang), on_click=actions.show_more, key="scn_more")


def _item(scenarios: ScenarioStore, info: ScenarioInfo, open_state: str | None, lang: str) -> None:
    """One saved scenario: name, facts, note, its buttons, and what they asked for.

    *open_state* is None, "same" (open and unchanged) or "changed" (open, changed since it was saved).
    """
    head = f"**{markdown_literal(info.name)}**"
    if open_state == "same":
        head += "  :blue-badge[" + t("scenarios.list.open_now", lang) + "]"
    elif open_state == "changed":
        head += "  :orange-badge[" + t("scenarios.list.open_changed", lang) + "]"
    st.markdown(head)
    area = areas.label(areas.area_of(info.preset), lang)  # opening it switches to its area
    parameter_set = f"{area}: {markdown_literal(preset_name(info.preset, lang))}"
    if info.params_changed:
        parameter_set += t("scenarios.list.changed_params", lang)
    st.caption(
        t(
            "scenarios.list.meta",
            lang,
            shift=fmt_mnkr(info.shift_sek_per_year, lang),
            years=info.horizon_years,
            parameter_set=parameter_set,
            saved=actions.when(info.updated_at),
        )
        + " · "
        + t("scenarios.list.owner", lang, owner=markdown_literal(info.owner))
    )
    if info.note:
        st.markdown(markdown_literal(info.note[:NOTE_PREVIEW] + ("…" if len(info.note) > NOTE_PREVIEW else "")))
    clicked = _buttons(scenarios, info, lang)
    if st.session_state.get(actions.CONFIRM_DELETE) == info.id:
        _confirm_delete(scenarios, info, lang)
    if clicked.duplicate:
        actions.duplicate(scenarios, info, lang)
    if clicked.rename:
        actions.rename(scenarios, info, clicked.new_name, clicked.new_note, lang)


def _buttons(scenarios: ScenarioStore, info: ScenarioInfo, lang: str) -> Clicked:
    """Open, share, duplicate, rename, download and delete, in one row (changes only for who may)."""
    who = account.actor()
    mine = who is not None and who.may_change(info.owner)
    not_mine = None if mine else t("scenarios.list.owner_only", lang, owner=markdown_literal(info.owner))
    with st.container(horizontal=True):
        st.button(
            t("scenarios.list.open", lang),
            key=f"scn_open_{info.id}",
            on_click=actions.open_scenario,
            args=(info.id,),
            icon=":material/folder_open:",
            type="primary",
        )
        with st.popover(t("scenarios.list.share", lang), icon=":material/link:"):
            st.caption(t("scenarios.list.share_caption", lang))
            st.code(share.link(share.scenario_query(info.id, lang)), language=None, wrap_lines=True)
        duplicate = st.button(
            t("scenarios.list.duplicate", lang),
            key=f"scn_dup_{info.id}",
            icon=":material/content_copy:",
            disabled=who is None,
        )
        with st.popover(t("scenarios.list.rename", lang), icon=":material/edit:", disabled=not mine, help=not_mine):
            new_name = st.text_input(
                t("scenarios.save.name", lang), value=info.name, max_chars=MAX_NAME_CHARS, key=f"scn_rename_{info.id}"
            )
            new_note = st.text_area(
                t("scenarios.save.note", lang), value=info.note, max_chars=MAX_NOTE_CHARS, key=f"scn_note_{info.id}"
            )
            rename = st.button(t("scenarios.list.rename_save", lang), key=f"scn_rename_go_{info.id}")
        with st.popover(t("scenarios.list.download", lang), icon=":material/download:"):
            _downloads(scenarios, info, lang)
        st.button(
            t("scenarios.list.delete", lang),
            key=f"scn_del_{info.id}",
            on_click=actions.ask_delete,
            args=(info.id,),
            icon=":material/delete:",
            disabled=not mine,
            help=not_mine,
        )
    return Clicked(duplicate, rename, new_name, new_note)


def _downloads(scenarios: ScenarioStore, info: ScenarioInfo, lang: str) -> None:
    """The saved scenario as a workbook (its results) and as a scenario file (to import elsewhere)."""
    files = (
        (
            Download(
                "xlsx", t("scenarios.list.download_xlsx", lang), partial(actions.saved_xlsx, scenarios, info.id, lang)
            ),
            f"{t('download.filename', lang)}-{info.id}",
            ":material/table:",
        ),
        (
            Download("json", t("scenarios.list.download_json", lang), partial(actions.saved_json, scenarios, info.id)),
            f"{t('scenarios.file_prefix', lang)}-{info.id}",
            ":material/data_object:",
        ),
    )
    for file, name, icon in files:
        download_button(st, file, name, key=f"scn_{info.id}", icon=icon, width="content")
    st.caption(t("scenarios.list.download_caption", lang))


def _confirm_delete(scenarios: ScenarioStore, info: ScenarioInfo, lang: str) -> None:
    st.warning(t("scenarios.list.confirm_delete", lang, name=markdown_literal(info.name)))
    yes, no, _ = st.columns([1, 1, 3])
    confirmed = yes.button(
        t("scenarios.list.confirm_yes", lang),
        key=f"scn_del_yes_{info.id}",
        type="primary",
        icon=":material/delete_forever:",
    )
    no.button(t("scenarios.list.confirm_no", lang), key=f"scn_del_no_{info.id}", on_click=actions.cancel_delete)
    if confirmed:
        actions.delete(scenarios, info, lang)
