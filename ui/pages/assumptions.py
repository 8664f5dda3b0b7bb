"""Page "Antaganden": every assumption editable with its source, the municipality's own
figures, new measures as data, and parameter files in and out.

Each tab draws from ``ui/assumptions/``; what an action does is in
``ui.assumptions.actions`` (callbacks that write session state) over pure
functions (``ui.assumptions.editing``, ``ui.assumptions.measures``,
``model.analysis.calibration``, ``model.files.parameter_xlsx``).
"""

from __future__ import annotations

import streamlit as st

from model.text.i18n import t
from ui import state
from ui.assumptions import catalogue, changes, editing, files, header, own, values

lang = state.language()
params = state.params()
default = state.default_params()
diffs = editing.differences(params, default)

header.render(params, default, diffs, lang)
tab_values, tab_own, tab_measures, tab_files, tab_changes = st.tabs(
    [t(f"assumptions.tab.{k}", lang) for k in ("values", "own", "measures", "files", "changes")],
    key="asm_tabs",
)
with tab_values:
    values.render(params, default, lang)
with tab_own:
    own.render(params, lang)
with tab_measures:
    catalogue.render(params, default, lang)
with tab_files:
    files.render(params, lang)
with tab_changes:
    changes.render(params, default, diffs, lang)
