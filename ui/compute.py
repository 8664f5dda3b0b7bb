"""Cached wrappers around the pure model: runs, exports and chart specs.

Parameter sets and scenarios are frozen dataclasses that hash by value; using
that hash (instead of Streamlit's deep ``asdict``) keeps a cache hit cheap.
"""

from __future__ import annotations

import streamlit as st

import model
from model.files.result_export import to_csv_bytes, to_xlsx_bytes
from model.scenario import Scenario

HASH = {model.Parameters: hash, Scenario: hash}


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=HASH)
def run(params: model.Parameters, scenario: Scenario) -> model.Result:
    return model.run(params, scenario)


@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=HASH)
def xlsx_bytes(params: model.Parameters, scenario: Scenario, language: str) -> bytes:
    return to_xlsx_bytes(run(params, scenario), language)


@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=HASH)
def csv_bytes(params: model.Parameters, scenario: Scenario, language: str) -> bytes:
    return to_csv_bytes(run(params, scenario), language)
