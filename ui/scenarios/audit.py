"""Tab "Ändringslogg": the audit log of the scenario store, for the owner of the scenarios.

A signed-in user sees the rows about the scenarios they own and what they did
themselves; an administrator, and everyone in single-user mode, sees every
row. The table is plain text (a dataframe), so names show exactly as saved.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.files.ownership import AuditRow
from model.files.scenario_store import ScenarioStore
from model.text.i18n import t
from ui import account
from ui.scenarios.actions import when

COLUMNS = ("at", "actor", "action", "scenario", "owner", "before", "after")


def render(scenarios: ScenarioStore, lang: str) -> None:
    st.header(t("scenarios.audit.title", lang))
    who = account.actor()
    if who is None:
        st.info(t("scenarios.audit.signed_out", lang), icon=":material/login:")
        return
    st.caption(t("scenarios.audit.caption", lang))
    st.caption(t("scenarios.audit.caption_all" if who.admin else "scenarios.audit.caption_owner", lang))
    rows = scenarios.audit(owner=None if who.admin else who.id)
    if not rows:
        st.info(t("scenarios.audit.empty", lang))
        return
    st.dataframe(audit_table(rows, lang), hide_index=True, width="stretch", key="scn_audit_table")


def audit_table(rows: list[AuditRow], lang: str) -> pd.DataFrame:
    """The audit rows as a table with the user's column names (hashes shortened to 12 characters)."""
    data = [
        (
            when(r.at),
            r.actor,
            t(f"scenarios.audit.actions.{r.action}", lang),
            r.scenario_name,
            r.owner,
            (r.before_sha256 or "–")[:12],
            (r.after_sha256 or "–")[:12],
        )
        for r in rows
    ]
    return pd.DataFrame(data, columns=[t(f"scenarios.audit.{c}", lang) for c in COLUMNS])
