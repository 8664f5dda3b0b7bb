"""Which saved scenario the overview shows, and whether the levers or assumptions changed since it was saved."""

from __future__ import annotations

import streamlit as st

import model
from model.text.i18n import t
from model.text.user_text import markdown_literal
from ui import share


def render(params: model.Parameters, lang: str) -> None:
    """One line under the title when a saved scenario is open: its name, and "ändrat sedan det sparades"."""
    status = share.opened_status(st.session_state, params)
    if status is None:
        return
    _, name, changed = status
    key = "overview.opened_changed" if changed else "overview.opened"
    st.info(t(key, lang, name=markdown_literal(name)), icon=":material/folder_open:")
