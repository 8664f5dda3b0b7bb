"""Who may change a saved scenario, and what the audit log records of each change.

An :class:`Actor` is whoever acts on the scenario store: anyone may list, open
and copy a scenario; only its owner, or an actor whose configured role lets
them change every scenario, may rename, update or delete it
(:class:`NotAllowed` otherwise). Each change writes an :class:`AuditRow` with
the record's hash before and after (:func:`record_hash`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from model.files.scenario_db import OWNER_UNKNOWN


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts on the store.

    Parameters
    ----------
    id : str
        The owner id the store records (the signed-in user's e-mail or subject).
    admin : bool
        True if a configured role lets this actor change every scenario.
    """

    id: str
    admin: bool = False

    def may_change(self, owner: str) -> bool:
        """Whether this actor may rename, update or delete a scenario owned by *owner*."""
        return self.admin or owner == self.id


#: Everyone, when the app runs without sign-in: may change every scenario; saves are owned by "okänd".
SINGLE_USER = Actor(OWNER_UNKNOWN, admin=True)
#: The actions the audit log records.
ACTIONS = ("save", "copy", "rename", "update", "delete")


class NotAllowed(PermissionError):
    """The actor may not change this scenario (it is someone else's)."""

    def __init__(self, scenario_id: str, action: str, owner: str) -> None:
        self.scenario_id, self.action, self.owner = scenario_id, action, owner
        super().__init__(f"only the owner ({owner}) may {action} the scenario '{scenario_id}'")


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One row of the audit log: who did what to which scenario, when, and its hash before and after."""

    at: datetime
    actor: str
    action: str
    scenario_id: str
    scenario_name: str
    owner: str
    before_sha256: str | None
    after_sha256: str | None


#: The columns of a scenario's record that its hash in the audit log covers (not the timestamps).
HASHED_COLUMNS = ("id", "name", "note", "levers", "scenario", "preset", "params_sha256", "owner")


def record_hash(row: dict) -> str:
    """SHA-256 of a scenario's record (:data:`HASHED_COLUMNS`), as the audit log keeps it."""
    data = {k: row.get(k) for k in HASHED_COLUMNS}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
