"""One saved scenario as plain data: levers, parameter set, name and note.

This is the shape the scenario store keeps and the small JSON file that a user
downloads and uploads (``format: omstallningskalkylen/scenario-v1``)::

    {"format": "omstallningskalkylen/scenario-v1",
     "name": "Majoritetens förslag", "note": "...",
     "saved": "2026-11-22T08:00:00Z",
     "levers": {"shift_mnkr": 10.0, "ramp_years": 1, "horizon": 10, ...},
     "scenario": {"shift_sek_per_year": 10000000.0, "mix": {...}, ...},
     "preset": "default", "parameters_sha256": "…",
     "parameters": {whole-set document, only when it differs from the preset}}

The *levers* are the sidebar's values under the same names as the URL's query
parameters (``shift_mnkr``, ``ramp_years``, ``horizon``, ``start_year``,
``discount_pct``, ``mix_<measure id>``), so opening a saved scenario puts back
exactly what its author saw; the *scenario* is the :class:`Scenario` computed
from them. A file is validated on import as strictly as a parameter file:
size, nesting depth (the JSON parser's recursion stops cleanly), no key
twice in an object, encoding, JSON syntax (with the line), format, every field
and range, and the parameter set through
:func:`model.files.document.parameters_from_document`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from model.area import DEFAULT_AREA
from model.catalogue import embedded_default_mix
from model.errors import ParameterError, ScenarioFileError, shorten
from model.files.document import document_from_parameters, params_hash
from model.files.presets import DEFAULT_PRESET, differs_from_preset, parameters_from_stored, preset_params
from model.levers import (
    CHOICE_KEYS,
    DEFAULT_HORIZON,
    check_levers,
    levers_from_scenario,
    parse_lever,
    parse_price_basis,
    same_scenario,
    scenario_from_levers,
    with_tax_lever,
)
from model.parameters import Parameters
from model.scenario import Scenario
from model.text.numbers import parse_number
from model.text.user_text import clean_name, clean_note

FORMAT = "omstallningskalkylen/scenario-v1"
MAX_FILE_BYTES = 2_000_000
#: Deepest nesting of a scenario file (file > parameters > measures > measure > targets = 5).
MAX_DEPTH = 8

@dataclass(frozen=True, slots=True)
class SavedScenario:
    """A scenario as its author saved it.

    Parameters
    ----------
    name : str
        The name people see (validated: 1–120 characters).
    scenario : Scenario
        The levers as a model scenario (what is computed).
    params : Parameters
        The parameter set the scenario was computed with.
    levers : tuple of (str, float or int)
        The sidebar's values (``shift_mnkr`` [mnkr/year], ``discount_pct`` [%],
        ``mix_<id>`` weights [%], ...), from which *scenario* follows.
    note : str
        The author's note (at most 4 000 characters).
    id : str
        The store's id ("" before it is stored).
    created_at, updated_at : datetime, optional
        When it was first saved and last changed [UTC].
    params_changed : bool
        True if the parameter set differed from its preset when saved.
    upgraded : tuple of str
        Parameters that the set lacked when opened and that were filled in from
        the current preset (the parameter set gained fields since it was saved).
    params_sha256 : str
        SHA-256 of the parameter set as stored ("" for a scenario not stored).
    """

    name: str
    scenario: Scenario
    params: Parameters
    levers: tuple[tuple[str, float | int | str], ...] = ()
    note: str = ""
    id: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    params_changed: bool = False
    upgraded: tuple[str, ...] = field(default=())
    params_sha256: str = ""

    @property
    def levers_dict(self) -> dict[str, float | int | str]:
        """The levers as a dict (key -> value)."""
        return dict(self.levers)

    @property
    def preset(self) -> str:
        """The id of the preset the parameter set comes from ("" for none)."""
        return self.params.preset


# --- the scenario as JSON -------------------------------------------------------------------


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario's fields as JSON-ready data."""
    return {
        "shift_sek_per_year": float(scenario.shift_sek_per_year),
        "mix": dict(scenario.mix_dict),
        "ramp_years": int(scenario.ramp_years),
        "start_year": None if scenario.start_year is None else int(scenario.start_year),
        "first_year": int(scenario.first_year),
        "horizon_years": int(scenario.horizon_years),
        "discount_rate": None if scenario.discount_rate is None else float(scenario.discount_rate),
        "evidence_level": scenario.evidence_level,
        "price_basis": scenario.price_basis,
        "end_year": None if scenario.end_year is None else int(scenario.end_year),
        # The municipal tax counted in the net effect: written only when on (an area with municipal tax).
        **({"count_municipal_tax": True} if scenario.count_municipal_tax else {}),
    }


_SCENARIO_FIELDS = ("shift_sek_per_year", "mix", "ramp_years", "start_year", "first_year", "horizon_years",
                    "discount_rate", "evidence_level", "price_basis", "end_year", "count_municipal_tax")
#: Fields of a scenario that are true or false.
_FLAG_FIELDS = ("count_municipal_tax",)
#: Fields of a scenario that are text, not numbers (a scenario saved before one existed takes its default).
_TEXT_FIELDS = ("evidence_level", "price_basis")


def scenario_from_dict(data: object, name: str = "", where: str = "scenario") -> Scenario:
    """A validated :class:`Scenario` from :func:`scenario_to_dict` output."""
    if not isinstance(data, Mapping):
        raise ScenarioFileError(where, "not_object")
    for key in data:
        if key not in _SCENARIO_FIELDS:
            raise ScenarioFileError(f"{where}.{key}", "unknown_lever")
    mix = data.get("mix", embedded_default_mix())
    if not isinstance(mix, Mapping):
        raise ScenarioFileError(f"{where}.mix", "not_object")
    kwargs = {k: data[k] for k in _SCENARIO_FIELDS if k in data and k != "mix"}
    for k, v in kwargs.items():
        _check_field(k, v, f"{where}.{k}")
    try:
        return Scenario(mix=dict(mix), name=name, **kwargs)
    except (TypeError, ValueError) as exc:
        detail = str(exc)
        lever = detail.split(":", 1)[0] if ":" in detail else ""
        raise ScenarioFileError(f"{where}.{lever}" if lever else where, "bad_scenario", detail=detail) from None


def _check_field(key: str, value: object, where: str) -> None:
    """A scenario field's value has its kind: true or false, text, or a number (or none)."""
    if key in _FLAG_FIELDS:
        if not isinstance(value, bool):
            raise ScenarioFileError(where, "bad_choice", value=shorten(value), choices="true, false")
    elif key in _TEXT_FIELDS:
        if not isinstance(value, str):
            raise ScenarioFileError(where, "not_text")
        if key == "price_basis":
            parse_price_basis(value, where)
    elif value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ScenarioFileError(where, "not_a_number", value=shorten(value))


def lever_numbers(levers: Mapping[str, object], where: str = "levers") -> Mapping[str, object]:
    """Levers whose values are text (a link's, a hand-edited file's) read as numbers.

    Text is read by the one number parser with a decimal point (``10.5``), as
    links and files write numbers; ``10,5`` or ``1.500`` are refused showing
    both readings, anything else that is not a number is refused as such.
    """
    if not isinstance(levers, Mapping):
        return levers
    out: dict[str, object] = {}
    for key, value in levers.items():
        if isinstance(value, str) and key not in CHOICE_KEYS:  # the evidence level and price basis are ids
            label = f"{where}.{key}" if where else str(key)
            try:
                value = parse_number(value, label, decimal=".")
            except ParameterError as exc:
                code = "ambiguous_number" if exc.code == "ambiguous_number" else "not_a_number"
                readings = {k: v for k, v in exc.details.items() if k in ("first", "second")}
                raise ScenarioFileError(label, code, value=shorten(value), **readings) from None
        out[key] = value
    return out


def lever_of_text(key: str, text: str, horizon: int = DEFAULT_HORIZON, where: str = "") -> float | int:
    """One lever written as text (a link's value): read by the one number parser, then checked against its bounds."""
    return parse_lever(key, lever_numbers({key: text}, where=where)[key], horizon=horizon, where=where)


# --- the file ---------------------------------------------------------------------------------


def to_json_bytes(saved: SavedScenario) -> bytes:
    """The scenario as a small JSON file (UTF-8).

    The parameter set is written in full only when it differs from its preset;
    otherwise the file names the preset and the set's SHA-256, and an import
    checks that the preset has not changed since.
    """
    doc: dict[str, Any] = {
        "format": FORMAT,
        "name": saved.name,
        "note": saved.note,
        "saved": _iso(saved.updated_at or saved.created_at or datetime.now(UTC)),
        "levers": dict(saved.levers) or levers_from_scenario(saved.scenario, saved.params),
        "scenario": scenario_to_dict(saved.scenario),
        "preset": saved.params.preset or "",
        "parameters_sha256": params_hash(saved.params),
    }
    if saved.params.area.id != DEFAULT_AREA:  # the area the scenario is of (the children's when a file names none)
        doc["area"] = saved.params.area.id
    if differs_from_preset(saved.params):
        doc["parameters"] = document_from_parameters(saved.params)
    return (json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def from_json_bytes(data: bytes, filename: str = "scenario.json") -> SavedScenario:
    """Read and validate a scenario file.

    Raises
    ------
    ScenarioFileError
        The file, a field or a lever is invalid (the message names it).
    ParameterError
        The embedded parameter set is invalid (the message names the parameter).
    """
    doc = _read_document(data, filename)
    name = clean_name(doc.get("name"))
    note = clean_note(doc.get("note"))
    saved_at = _parse_date(doc.get("saved"), "saved")
    params, upgraded = _parameters(doc)
    area = doc.get("area", DEFAULT_AREA)
    if area != params.area.id:
        # the parameter set (its preset, or the set the file carries) is of another area than the file says
        raise ScenarioFileError("area", "bad_choice", value=shorten(area), choices=params.area.id)
    if "scenario" not in doc and "levers" not in doc:
        raise ScenarioFileError("levers", "missing")
    stored = doc.get("scenario")
    counted = stored.get("count_municipal_tax", False) if isinstance(stored, Mapping) else False
    raw_levers = with_tax_lever(lever_numbers(doc.get("levers") or {}), counted, params)
    levers = check_levers(raw_levers, params) if "levers" in doc else None
    scenario = _scenario(doc, levers, params, name)
    if levers is None:
        levers = levers_from_scenario(scenario, params)
    return SavedScenario(
        name=name,
        scenario=scenario,
        params=params,
        levers=tuple(levers.items()),
        note=note,
        created_at=saved_at,
        updated_at=saved_at,
        params_changed=differs_from_preset(params),
        upgraded=upgraded,
    )


def _read_document(data: bytes, filename: str) -> dict:
    """The file's JSON object of the right format: size, encoding and syntax checked."""
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioFileError(filename, "too_large", limit=MAX_FILE_BYTES // 1_000_000)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioFileError(filename, "not_utf8") from None
    try:
        doc = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except RecursionError:  # the C parser stops cleanly at Python's recursion limit
        raise ScenarioFileError(filename, "too_deep", limit=MAX_DEPTH) from None
    except _DuplicateKey as exc:
        raise ScenarioFileError(filename, "duplicate_key", name=shorten(exc.key)) from None
    except json.JSONDecodeError as exc:
        raise ScenarioFileError(filename, "not_json", line=exc.lineno, column=exc.colno) from None
    except ValueError:
        raise ScenarioFileError(filename, "not_json", line="?", column="?") from None
    if not isinstance(doc, dict):
        raise ScenarioFileError(filename, "not_object")
    if _depth(doc) > MAX_DEPTH:
        raise ScenarioFileError(filename, "too_deep", limit=MAX_DEPTH)
    fmt = doc.get("format")
    if fmt != FORMAT:
        raise ScenarioFileError("format", "bad_format", value=shorten(fmt), expected=FORMAT)
    return doc


def _parameters(doc: Mapping) -> tuple[Parameters, tuple[str, ...]]:
    """The file's parameter set: the one it carries, or its unchanged preset (and what was filled in)."""
    preset = doc.get("preset") or ""
    if not isinstance(preset, str):
        raise ScenarioFileError("preset", "not_text")
    if "parameters" in doc:
        if not isinstance(doc["parameters"], Mapping):
            raise ScenarioFileError("parameters", "not_object")
        return parameters_from_stored(doc["parameters"], preset)
    reference = preset_params(preset or DEFAULT_PRESET)
    if reference is None:
        raise ScenarioFileError("preset", "unknown_preset", value=shorten(preset))
    recorded = doc.get("parameters_sha256")
    if recorded is not None and recorded != params_hash(reference):
        raise ScenarioFileError("parameters", "preset_changed")
    return reference, ()


def _scenario(
    doc: Mapping, levers: Mapping[str, float | int | str] | None, params: Parameters, name: str
) -> Scenario:
    """The file's scenario: as saved (checked against its levers), or from the levers alone."""
    if "scenario" not in doc:
        try:
            return scenario_from_levers(levers or {}, params, name=name)
        except ValueError as exc:
            raise ScenarioFileError("levers", "bad_scenario", detail=str(exc)) from None
    scenario = scenario_from_dict(doc["scenario"], name=name)
    missing = sorted(set(scenario.mix_dict) - set(params.measure_ids))
    if missing:
        raise ScenarioFileError(f"scenario.mix.{missing[0]}", "unknown_measure", value=missing[0])
    if levers is not None and not same_scenario(scenario_from_levers(levers, params), scenario, params):
        raise ScenarioFileError("levers", "mismatch")
    return scenario


# --- helpers ----------------------------------------------------------------------------------


def _depth(doc: object) -> int:
    """How deeply objects and arrays nest in *doc* (without recursion)."""
    deepest, todo = 0, [(doc, 1)]
    while todo:
        node, level = todo.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        todo.extend((child, level + 1) for child in children)
    return deepest


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (the last of two would silently win)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed")


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse_date(value: object, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ScenarioFileError(where, "bad_date", value=shorten(value))
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ScenarioFileError(where, "bad_date", value=shorten(value)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(tzinfo=None)
