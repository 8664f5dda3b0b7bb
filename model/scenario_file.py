"""``model.scenario_file``: the documented path of one scenario as JSON (:mod:`model.files.scenario_json`).

``to_json_bytes(saved)`` writes a :class:`SavedScenario` as a small JSON file,
``from_json_bytes(data)`` reads and validates one. The levers it stores are
those of :mod:`model.levers`.
"""

from model.errors import ScenarioFileError
from model.files.scenario_json import (
    FORMAT,
    MAX_FILE_BYTES,
    SavedScenario,
    from_json_bytes,
    scenario_from_dict,
    scenario_to_dict,
    to_json_bytes,
)

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "SavedScenario",
    "ScenarioFileError",
    "from_json_bytes",
    "scenario_from_dict",
    "scenario_to_dict",
    "to_json_bytes",
]
