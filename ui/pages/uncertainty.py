"""Placeholder page: replaced by the issue that builds it."""

import streamlit as st

from model.i18n import t
from ui import state

st.info(t("common.not_built", state.language()))
