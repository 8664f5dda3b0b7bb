"""The scenario store for the app: one engine (connection pool) per database URL, for the whole server.

The URL comes from configuration, first found wins:

1. the environment variable ``OMSTALLNING_DB_URL``;
2. ``.streamlit/secrets.toml``::

       [connections.scenarios]
       url = "postgresql+psycopg://kalkyl:secret@db.kommun.local/omstallning"

3. the embedded SQLite file ``var/scenarios.db`` (created on first use).

Only the engine is shared between sessions (``st.cache_resource``): it holds
connections, never a user's data. Every read goes to the database, so a
scenario saved in one session is listed in every other at once.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit.errors import StreamlitAPIException

from model.store import DEFAULT_URL, ENV_URL, ScenarioStore


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


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(url: str) -> ScenarioStore:
    # Opening also migrates the schema; a failure is not cached, the next run retries.
    return ScenarioStore(url)


def store() -> ScenarioStore:
    """The store for the configured URL (raises if the database cannot be opened)."""
    return _store(database_url())
