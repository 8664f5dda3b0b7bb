"""Every cached call of the app: runs, analyses, files, presets and the scenario store.

The heavy analyses (Monte Carlo, tornado, break-even) take their turn at the
server's one :class:`ui.heavy.Gate` on a cache miss and compute in its worker
processes: a line, so that one session cannot starve the others; a hit never
waits.

Parameter sets and scenarios are frozen dataclasses that hash by value; one
hash function (:data:`HASH`, their own ``hash``) serves every wrapper, which
keeps a cache hit cheap (Streamlit's default would walk the whole set).
``st.cache_data`` returns a copy to each session, so no user sees another's
objects. ``st.cache_resource`` holds the store's connection pool, the
drafts of edited parameter sets (immutable bytes behind a lock, ``ui.drafts``)
and what a slider move reads on every rerun (:func:`_shared`): the embedded
presets (frozen parameter sets), the results of :func:`run` and the net
effect by amount. A ``model.Result`` is read-only (a frozen dataclass whose
tables no page changes; pandas copies on write), so every session reads the
same object, and its tables (by measure, by mechanism, budget lines) are
built once, not unpickled and rebuilt on every slider move (bench/latency.py
--trace).

The scenario store's URL comes from configuration, first found wins:

1. the environment variable ``OMSTALLNING_DB_URL``;
2. ``.streamlit/secrets.toml``::

       [connections.scenarios]
       url = "postgresql+psycopg://kalkyl:secret@db.kommun.local/omstallning"

3. the embedded SQLite file ``var/scenarios.db`` (created on first use).

Every read goes to the database, so a scenario saved in one session is listed
in every other at once.
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

import model
from model.analysis import breakeven as be

# Called through the module, not imported by name: the app tests count the Monte Carlo runs by
# replacing model.analysis.uncertainty.run_uncertainty.
from model.analysis import uncertainty
from model.analysis.amounts import amounts_up_to, net_by_amount
from model.analysis.sensitivity import tornado as one_way_sensitivity
from model.files import budget_export
from model.files.parameter_csv import parameters_to_csv
from model.files.parameter_xlsx import parameters_to_xlsx
from model.files.parameter_yaml import parameters_to_yaml
from model.files.presets import load_preset
from model.files.result_export import to_csv_bytes, to_xlsx_bytes
from model.files.scenario_db import DEFAULT_URL, ENV_URL
from model.files.scenario_store import ScenarioStore
from model.scenario import Scenario
from ui import heavy
from ui.drafts import DraftStore

HASH = {model.Parameters: hash, Scenario: hash}


def _cached(max_entries: int):  # a decorator
    """``st.cache_data`` with the app's one hash function."""
    return st.cache_data(max_entries=max_entries, show_spinner=False, hash_funcs=HASH)


def _shared(max_entries: int):  # a decorator
    """``st.cache_resource`` with the app's one hash function: one read-only object for every session."""
    return st.cache_resource(max_entries=max_entries, show_spinner=False, hash_funcs=HASH)


# --- parameter sets ------------------------------------------------------------------------------


@_shared(8)
def preset(preset_id: str) -> model.Parameters:
    """An embedded preset (read from disk once)."""
    return load_preset(preset_id)


# --- one run and its files ----------------------------------------------------------------------------


@_shared(64)
def run(params: model.Parameters, scenario: Scenario) -> model.Result:
    """The run of *scenario* on *params*, shared by every session (read-only; see the module's text)."""
    return model.run(params, scenario)


@_cached(16)
def result_xlsx(params: model.Parameters, scenario: Scenario, language: str) -> bytes:
    return to_xlsx_bytes(run(params, scenario), language)


@_cached(16)
def result_csv(params: model.Parameters, scenario: Scenario, language: str) -> bytes:
    return to_csv_bytes(run(params, scenario), language)


@_cached(16)
def budget_lines_csv(params: model.Parameters, scenario: Scenario, language: str) -> bytes:
    return budget_export.budget_lines_csv(run(params, scenario), language)


@_cached(16)
def payers_csv(params: model.Parameters, scenario: Scenario, language: str) -> bytes:
    return budget_export.payers_csv(run(params, scenario), language)


@_shared(16)
def amount_curve(params: model.Parameters, scenario: Scenario, largest_sek: float) -> pd.DataFrame:
    """The net effect at amounts from 0 to *largest_sek* a year (the scenario's own amount is not used)."""
    return net_by_amount(params, scenario, amounts_up_to(largest_sek))


# --- parameter files (built on click, cached by the set's value) ----------------------------------


@_cached(8)
def parameters_yaml(params: model.Parameters) -> bytes:
    return parameters_to_yaml(params).encode("utf-8")


@_cached(8)
def parameters_xlsx(params: model.Parameters, language: str) -> bytes:
    return parameters_to_xlsx(params, language)


@_cached(8)
def parameters_csv(params: model.Parameters) -> bytes:
    return parameters_to_csv(params)


# --- analyses of the uncertainty page: each miss waits for its turn at the one gate ---------------


@st.cache_resource(show_spinner=False, hash_funcs=HASH)
def gate() -> heavy.Gate:
    """The server process's one line for heavy runs (shared by every session: that is its job)."""
    return heavy.Gate()


@_cached(16)
def monte_carlo(params: model.Parameters, scenario: Scenario, draws: int, seed: int) -> uncertainty.UncertaintyResult:
    return heavy.compute(gate(), uncertainty.run_uncertainty, params, scenario, draws, seed, draws=draws)


@_cached(16)
def tornado(params: model.Parameters, scenario: Scenario) -> pd.DataFrame:
    return heavy.compute(gate(), one_way_sensitivity, params, scenario)


@_cached(32)
def payback_answers(params: model.Parameters, scenario: Scenario, year: int) -> list[be.BreakEven]:
    return heavy.compute(gate(), be.payback_answers, params, scenario, year)


@_cached(32)
def largest_shift(params: model.Parameters, scenario: Scenario, year: int | None) -> be.BreakEven:
    return heavy.compute(gate(), be.largest_shift, params, scenario, year)


# --- the scenario store: one engine (connection pool) per database URL, for the whole server -------


def database_url() -> str:
    """The configured database URL (environment, then secrets, then the embedded file)."""
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    try:
        url = st.secrets["connections"]["scenarios"]["url"]
    except (FileNotFoundError, KeyError, TypeError, AttributeError, StreamlitAPIException):
        url = None
    return str(url).strip() if url else DEFAULT_URL


@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs=HASH)
def _store(url: str) -> ScenarioStore:
    # Opening also migrates the schema; a failure is not cached, the next run retries.
    return ScenarioStore(url)


def store() -> ScenarioStore:
    """The store for the configured URL (raises if the database cannot be opened)."""
    return _store(database_url())


# --- drafts of edited parameter sets: one bounded, locked store for the server (ui/drafts.py) ------


@st.cache_resource(show_spinner=False, max_entries=1, hash_funcs=HASH)
def draft_store() -> DraftStore:
    return DraftStore()
