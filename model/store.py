"""``model.store``: the documented path of the scenario store (:mod:`model.files.scenario_store`)."""

from model.files.scenario_store import (
    DEFAULT_URL,
    ENV_URL,
    ScenarioInfo,
    ScenarioNotFound,
    ScenarioStore,
    configured_url,
    is_valid_id,
)

__all__ = [
    "DEFAULT_URL",
    "ENV_URL",
    "ScenarioInfo",
    "ScenarioNotFound",
    "ScenarioStore",
    "configured_url",
    "is_valid_id",
]
