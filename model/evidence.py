"""Evidence levels: three documented sets of effect sizes (data in ``data/evidence_levels.yaml``).

A scenario picks a level (``Scenario(evidence_level="central")``): *cautious*
(försiktig), *central* (trolig, the default) or *optimistic* (optimistisk).
``central`` is the parameter set as it stands. The other two replace the
values the data file lists — effect sizes, how long effects last, and the
realism of recruited family homes — for the parameters the set has; a measure
an analyst added keeps its own values. :func:`at_level` is the one place a
level is applied: :func:`model.run`, the uncertainty and sensitivity analyses
and the break-even questions all call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from model.parameters import Parameters, to_number
from model.resources import DATA_DIR
from model.yaml_text import read_yaml_file

LEVELS_FILE = DATA_DIR / "evidence_levels.yaml"
#: The level that is the parameter set's own values (no replacement).
CENTRAL = "central"
DEFAULT_EVIDENCE_LEVEL = CENTRAL


@dataclass(frozen=True, slots=True)
class EvidenceLevel:
    """One evidence level: its id, names and what it assumes, in Swedish and English."""

    id: str
    label_sv: str
    label_en: str
    description_sv: str
    description_en: str

    def label(self, language: str = "sv") -> str:
        """The level's name in *language*."""
        return self.label_en if language == "en" else self.label_sv

    def description(self, language: str = "sv") -> str:
        """What the level assumes, in *language*."""
        return self.description_en if language == "en" else self.description_sv


@dataclass(frozen=True, slots=True)
class LevelValue:
    """The cautious and optimistic value of one parameter, and why (Swedish and English)."""

    name: str
    values: tuple[tuple[str, float], ...]
    why_sv: str
    why_en: str

    def value(self, level: str) -> float | None:
        """The value at *level* (None for the central level: the parameter's own value)."""
        return dict(self.values).get(level)

    def why(self, language: str = "sv") -> str:
        """Why these values, in *language*."""
        return self.why_en if language == "en" else self.why_sv


@cache
def _document() -> dict:
    return read_yaml_file(LEVELS_FILE)


@cache
def evidence_levels() -> tuple[EvidenceLevel, ...]:
    """The levels, in the data file's order (read once: data, not user state)."""
    return tuple(
        EvidenceLevel(
            id=str(row["id"]),
            label_sv=str(row.get("label_sv") or row["id"]),
            label_en=str(row.get("label_en") or row.get("label_sv") or row["id"]),
            description_sv=str(row.get("description_sv") or ""),
            description_en=str(row.get("description_en") or ""),
        )
        for row in _document().get("levels") or ()
    )


def level_ids() -> tuple[str, ...]:
    """Ids of the evidence levels (``cautious``, ``central``, ``optimistic``)."""
    return tuple(level.id for level in evidence_levels())


def evidence_level(level_id: str) -> EvidenceLevel:
    """The level *level_id* (``ValueError`` naming ``evidence_level`` for an unknown one)."""
    for level in evidence_levels():
        if level.id == level_id:
            return level
    raise ValueError(f"evidence_level: '{level_id}' is not one of {', '.join(level_ids())}")


@cache
def level_values() -> tuple[LevelValue, ...]:
    """Every parameter a level other than central sets, with its values and why."""
    others = [i for i in level_ids() if i != CENTRAL]
    return tuple(
        LevelValue(
            name=str(row["name"]),
            values=tuple((i, to_number(row[i], f"{row['name']} ({i})")) for i in others if i in row),
            why_sv=str(row.get("why_sv") or ""),
            why_en=str(row.get("why_en") or row.get("why_sv") or ""),
        )
        for row in _document().get("values") or ()
    )


@lru_cache(maxsize=64)
def at_level(params: Parameters, level: str) -> Parameters:
    """*params* at evidence level *level*: the level's values for the parameters the set has.

    Cached by value (parameter sets are frozen and hash by value; the result
    is the same for every user).
    """
    evidence_level(level)  # an unknown level is an error, named
    if level == CENTRAL:
        return params
    changes = {v.name: x for v in level_values() if v.name in params and (x := v.value(level)) is not None}
    return params.with_values(changes) if changes else params
