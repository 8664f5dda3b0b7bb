"""``model.store``: the documented path of the scenario store (:mod:`model.files.scenario_store`)."""

from model.files.scenario_db import DEFAULT_URL, ENV_URL, OWNER_UNKNOWN, configured_url
from model.files.scenario_store import (
    SINGLE_USER,
    Actor,
    AuditRow,
    NotAllowed,
    ScenarioInfo,
    ScenarioNotFound,
    ScenarioStore,
    is_valid_id,
)

__all__ = [
    "DEFAULT_URL",
    "ENV_URL",
    "OWNER_UNKNOWN",
    "SINGLE_USER",
    "Actor",
    "AuditRow",
    "NotAllowed",
    "ScenarioInfo",
    "ScenarioNotFound",
    "ScenarioStore",
    "configured_url",
    "is_valid_id",
]
