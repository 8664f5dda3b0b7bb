"""The assumptions page's header: which set is active, how many changes, reset, and the last action's message."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.files.presets import set_name
from model.text.i18n import t
from model.text.user_text import markdown_literal
from ui.assumptions import actions, editing


def render(params: model.Parameters, default: model.Parameters, diffs: pd.DataFrame, lang: str) -> None:
    st.title(t("assumptions.title", lang))
    st.caption(t("assumptions.intro", lang))
    head, reset = st.columns([4, 1], vertical_alignment="center")
    head.markdown(
        t(
            "assumptions.active",
            lang,
            name=markdown_literal(set_name(params, lang)),
            price_year=params.price_year,
            preset=set_name(default, lang),
            changes=diffs["name"].nunique(),
        )
    )
    reset.button(
        t("assumptions.reset_all", lang),
        key="asm_reset_all",
        on_click=actions.on_reset_all,
        disabled=diffs.empty,
        icon=":material/restart_alt:",
        width="stretch",
        help=t("assumptions.reset_all_help", lang),
    )
    notice = st.container()  # always there, so the tabs below keep their place (and the open tab)
    flash = actions.pop_flash()
    if flash:
        key, values = flash
        shown = {k: markdown_literal(v) for k, v in values.items()}
        if "group" in values:
            shown["group"] = markdown_literal(editing.group_label(values["group"], params, lang))
        notice.success(t(key, lang, **shown), icon=":material/check_circle:")
