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
size, encoding, JSON syntax (with the line), format, every field and range,
and the parameter set through :func:`model.files.parameter_files.parameters_from_document`.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from model.files.parameter_files import (
    DEFAULT_PRESET,
    PRESETS_DIR,
    document_from_parameters,
    load_preset,
    parameters_from_document,
    presets,
)
from model.parameters import (
    CARE_FORM_IDS,
    DATA_DIR,
    LEFT_CARE,
    ParameterError,
    Parameters,
    expected_names,
    measure_from_mapping,
)
from model.scenario import DEFAULT_FIRST_YEAR, DEFAULT_MIX, LEVER_BOUNDS, MAX_SHIFT_SEK, Scenario

FORMAT = "omstallningskalkylen/scenario-v1"
MAX_FILE_BYTES = 2_000_000
MAX_NAME_CHARS = 120
MAX_NOTE_CHARS = 4000

# The levers, named as the sidebar's widget keys and the URL's query parameters.
SHIFT = "shift_mnkr"
RAMP = "ramp_years"
HORIZON = "horizon"
START = "start_year"
DISCOUNT = "discount_pct"
MIX_PREFIX = "mix_"
LEVER_KEYS = (SHIFT, RAMP, HORIZON, START, DISCOUNT)
DISCOUNT_PCT_MAX = 20.0  # Scenario.discount_rate allows 0–0.2
DEFAULT_SHIFT_CHILDREN = 24_000  # children 0-20 of the default municipality, for which the default shift is 10 mnkr

_MESSAGES = {
    "too_large": "{field}: the file is larger than {limit} MB",
    "not_utf8": "{field}: the file is not UTF-8 text",
    "not_json": "{field}: not valid JSON (line {line}, column {column})",
    "not_object": "{field}: expected a JSON object",
    "bad_format": "{field}: unknown format '{value}', expected '{expected}'",
    "missing": "{field}: required field is missing",
    "not_text": "{field}: expected text",
    "empty_name": "{field}: the name is empty",
    "too_long": "{field}: longer than {limit} characters",
    "not_a_number": "{field}: '{value}' is not a number",
    "not_integer": "{field}: {value} must be a whole number",
    "out_of_range": "{field}: {value} is outside the allowed range {low}–{high}",
    "unknown_lever": "{field}: unknown lever",
    "unknown_measure": "{field}: the parameter set has no measure '{value}'",
    "bad_scenario": "{field}: {detail}",
    "mismatch": "{field}: the levers do not give the saved scenario",
    "unknown_preset": "{field}: unknown preset '{value}'",
    "preset_changed": "{field}: the preset has changed since the file was saved and the file does not carry "
    "its parameter set",
    "bad_date": "{field}: '{value}' is not a date and time",
}


class ScenarioFileError(ValueError):
    """A saved scenario or scenario file is invalid.

    Attributes
    ----------
    field : str
        The part of the file the problem is in (``levers.horizon``, ``name``).
    code : str
        Machine-readable problem, a key of the app's translated messages
        (``scenarios.error.<code>``).
    details : dict
        Values for the message.
    """

    def __init__(self, field: str, code: str, **details: object) -> None:
        self.field = field
        self.code = code
        self.details = details
        super().__init__(_MESSAGES.get(code, "{field}: " + code).format(field=field, **details))


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
    levers: tuple[tuple[str, float | int], ...] = ()
    note: str = ""
    id: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    params_changed: bool = False
    upgraded: tuple[str, ...] = field(default=())
    params_sha256: str = ""

    @property
    def levers_dict(self) -> dict[str, float | int]:
        return dict(self.levers)

    @property
    def preset(self) -> str:
        return self.params.preset


# --- names and notes ------------------------------------------------------------------------


def clean_text(value: object, where: str, limit: int, required: bool) -> str:
    """Validated user text: normalised (NFC), control characters removed, stripped."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ScenarioFileError(where, "not_text")
    text = unicodedata.normalize("NFC", value)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = text.strip() if required else text.rstrip()
    if required:
        text = " ".join(text.split())  # a name is one line
    if required and not text:
        raise ScenarioFileError(where, "empty_name")
    if len(text) > limit:
        raise ScenarioFileError(where, "too_long", limit=limit)
    return text


def clean_name(value: object) -> str:
    """A scenario name: one line, 1–120 characters."""
    return clean_text(value, "name", MAX_NAME_CHARS, required=True)


def clean_note(value: object) -> str:
    """An author's note: free text, at most 4 000 characters."""
    return clean_text(value, "note", MAX_NOTE_CHARS, required=False)


# --- levers ---------------------------------------------------------------------------------


def default_mix_percent(measure_id: str) -> int:
    """The sidebar's default weight of a measure [%]."""
    return round(100 * DEFAULT_MIX.get(measure_id, 0.0))


def lever_bounds(key: str, horizon: int = int(LEVER_BOUNDS["horizon_years"][3])) -> tuple[float, float, bool]:
    """(low, high, integer) of a lever; ``start_year`` depends on the horizon."""
    if key == SHIFT:
        return 0.0, MAX_SHIFT_SEK / 1e6, False
    if key == RAMP:
        lo, hi, _, _ = LEVER_BOUNDS["ramp_years"]
        return lo, hi, True
    if key == HORIZON:
        lo, hi, _, _ = LEVER_BOUNDS["horizon_years"]
        return lo, hi, True
    if key == START:
        return DEFAULT_FIRST_YEAR, DEFAULT_FIRST_YEAR + horizon - 1, True
    if key == DISCOUNT:
        return 0.0, DISCOUNT_PCT_MAX, False
    if key.startswith(MIX_PREFIX):
        lo, hi, _, _ = LEVER_BOUNDS["mix_percent"]
        return lo, hi, True
    raise ScenarioFileError(f"levers.{key}", "unknown_lever")


def parse_lever(key: str, raw: object, horizon: int = int(LEVER_BOUNDS["horizon_years"][3]),
                where: str = "levers") -> float | int:
    """One lever value from a file or URL (text or number), checked against its bounds."""
    low, high, integer = lever_bounds(key, horizon)
    label = f"{where}.{key}" if where else key
    if isinstance(raw, bool) or raw is None:
        raise ScenarioFileError(label, "not_a_number", value=raw)
    try:
        x = float(raw.strip()) if isinstance(raw, str) else float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioFileError(label, "not_a_number", value=_short(raw)) from None
    if not math.isfinite(x):
        raise ScenarioFileError(label, "not_a_number", value=_short(raw))
    if integer and not x.is_integer():
        raise ScenarioFileError(label, "not_integer", value=_short(raw))
    if not low <= x <= high:
        raise ScenarioFileError(label, "out_of_range", value=_short(raw), low=_plain(low), high=_plain(high))
    return int(x) if integer else x


def check_levers(levers: Mapping[str, object], params: Parameters) -> dict[str, float | int]:
    """Validated levers for *params*: known keys, numbers in range, measures of the set.

    Missing levers take the sidebar's defaults, so the result is complete.
    """
    if not isinstance(levers, Mapping):
        raise ScenarioFileError("levers", "not_object")
    known = set(LEVER_KEYS) | {MIX_PREFIX + m for m in params.measure_ids}
    for key in levers:
        if not isinstance(key, str) or key not in known:
            if isinstance(key, str) and key.startswith(MIX_PREFIX):
                raise ScenarioFileError(f"levers.{key}", "unknown_measure", value=key[len(MIX_PREFIX):])
            raise ScenarioFileError(f"levers.{key}", "unknown_lever")
    defaults = default_levers(params)
    out: dict[str, float | int] = {}
    horizon = int(parse_lever(HORIZON, levers.get(HORIZON, defaults[HORIZON])))
    for key, default in defaults.items():
        out[key] = parse_lever(key, levers.get(key, default), horizon)
    return out


def default_shift_mnkr(params: Parameters) -> float:
    """The amount the sidebar starts with [mnkr/year]: 10 mnkr for the default municipality's
    24 000 children 0-20, scaled with the child population (a small municipality starts smaller),
    rounded to the slider's step of 0.5 and at least one step."""
    _, _, step, anchor = LEVER_BOUNDS["shift_mnkr"]
    scaled = anchor * params.value("population.children_0_20") / DEFAULT_SHIFT_CHILDREN
    return max(step, step * round(scaled / step))


def default_levers(params: Parameters) -> dict[str, float | int]:
    """The sidebar's starting values for *params*."""
    out: dict[str, float | int] = {
        SHIFT: default_shift_mnkr(params),
        RAMP: int(LEVER_BOUNDS["ramp_years"][3]),
        HORIZON: int(LEVER_BOUNDS["horizon_years"][3]),
        START: DEFAULT_FIRST_YEAR,
        DISCOUNT: _pct(params.value("economics.discount_rate")),
    }
    for mid in params.measure_ids:
        out[MIX_PREFIX + mid] = default_mix_percent(mid)
    return out


def mix_from_levers(levers: Mapping[str, object], measure_ids: tuple[str, ...]) -> dict[str, float]:
    """Mix shares from the per-measure weights [%], normalised to sum to 1 ({} when all are zero)."""
    weights = {}
    for mid in measure_ids:
        w = levers.get(MIX_PREFIX + mid, default_mix_percent(mid))
        weights[mid] = max(0.0, float(w)) if isinstance(w, (int, float)) else 0.0
    total = sum(weights.values())
    return {} if total <= 0 else {k: v / total for k, v in weights.items() if v > 0}


def scenario_from_levers(levers: Mapping[str, object], params: Parameters, name: str = "") -> Scenario:
    """The :class:`Scenario` that the sidebar's levers (or a file's, or a URL's) mean.

    The one rule the app uses: mix weights are normalised to shares (all zero:
    nothing is moved); the start year is clamped into the horizon.
    """
    shift = float(levers.get(SHIFT, default_shift_mnkr(params)))  # type: ignore[arg-type]
    horizon = int(levers.get(HORIZON, LEVER_BOUNDS["horizon_years"][3]))  # type: ignore[call-overload]
    start = int(levers.get(START, DEFAULT_FIRST_YEAR))  # type: ignore[call-overload]
    last = DEFAULT_FIRST_YEAR + horizon - 1
    discount = levers.get(DISCOUNT)
    mix = mix_from_levers(levers, params.measure_ids)
    if not mix:
        shift = 0.0  # every measure weighted zero: nothing is moved (the app says so)
    return Scenario(
        shift_sek_per_year=shift * 1e6,
        mix=mix,
        ramp_years=int(levers.get(RAMP, 1)),  # type: ignore[call-overload]
        start_year=min(max(start, DEFAULT_FIRST_YEAR), last),
        first_year=DEFAULT_FIRST_YEAR,
        horizon_years=horizon,
        discount_rate=None if discount is None else float(discount) / 100,  # type: ignore[arg-type]
        name=name,
    )


def levers_from_scenario(scenario: Scenario, params: Parameters) -> dict[str, float | int]:
    """Sidebar values that give *scenario* (mix weights as whole percent).

    Exact for scenarios made in the app; a mix that is not a whole percentage
    (1/3 each) is rounded to whole weights summing to 100.
    """
    rate = params.value("economics.discount_rate") if scenario.discount_rate is None else scenario.discount_rate
    out: dict[str, float | int] = {
        SHIFT: round(scenario.shift_sek_per_year / 1e6, 6),
        RAMP: int(scenario.ramp_years),
        HORIZON: int(scenario.horizon_years),
        START: int(scenario.shift_start_year),
        DISCOUNT: _pct(rate),
    }
    shares = scenario.mix_dict
    exact = {mid: 100 * shares.get(mid, 0.0) for mid in params.measure_ids}
    weights = {mid: math.floor(v + 1e-9) for mid, v in exact.items()}
    missing = 100 - sum(weights.values()) if shares else 0
    for mid in sorted(exact, key=lambda m: weights[m] - exact[m])[: max(0, missing)]:
        weights[mid] += 1
    for mid, w in weights.items():
        out[MIX_PREFIX + mid] = int(w)
    return out


def same_scenario(a: Scenario, b: Scenario, params: Parameters) -> bool:
    """True if the two scenarios compute the same (the name and a default discount aside)."""
    rate = params.value("economics.discount_rate")

    def key(s: Scenario) -> tuple:
        mix = tuple((k, round(v, 9)) for k, v in s.mix if v > 0)  # type: ignore[union-attr]
        r = rate if s.discount_rate is None else s.discount_rate
        return (round(s.shift_sek_per_year, 3), mix, s.ramp_years, s.shift_start_year, s.first_year,
                s.horizon_years, round(r, 12))

    return key(a) == key(b)


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
    }


_SCENARIO_FIELDS = ("shift_sek_per_year", "mix", "ramp_years", "start_year", "first_year", "horizon_years",
                    "discount_rate")


def scenario_from_dict(data: object, name: str = "", where: str = "scenario") -> Scenario:
    """A validated :class:`Scenario` from :func:`scenario_to_dict` output."""
    if not isinstance(data, Mapping):
        raise ScenarioFileError(where, "not_object")
    for key in data:
        if key not in _SCENARIO_FIELDS:
            raise ScenarioFileError(f"{where}.{key}", "unknown_lever")
    mix = data.get("mix", dict(DEFAULT_MIX))
    if not isinstance(mix, Mapping):
        raise ScenarioFileError(f"{where}.mix", "not_object")
    kwargs = {k: data[k] for k in _SCENARIO_FIELDS if k in data and k != "mix"}
    for k, v in kwargs.items():
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            raise ScenarioFileError(f"{where}.{k}", "not_a_number", value=_short(v))
    try:
        return Scenario(mix=dict(mix), name=name, **kwargs)
    except (TypeError, ValueError) as exc:
        detail = str(exc)
        lever = detail.split(":", 1)[0] if ":" in detail else ""
        raise ScenarioFileError(f"{where}.{lever}" if lever else where, "bad_scenario", detail=detail) from None


# --- parameter sets -------------------------------------------------------------------------


def canonical_json(doc: Mapping) -> str:
    """The one text of a document that its hash is taken over (sorted keys, no spaces)."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


@lru_cache(maxsize=64)
def params_hash(params: Parameters) -> str:
    """SHA-256 of the parameter set's whole-set document (hex).

    Cached by value (``Parameters`` is frozen and hashes by value): a digest of
    an immutable value is the same for every user, so sharing it is safe.
    """
    return hashlib.sha256(canonical_json(document_from_parameters(params)).encode("utf-8")).hexdigest()


def preset_params(preset: str) -> Parameters | None:
    """The current preset of that id, or None if there is no such preset.

    Cached until a file in ``data/`` changes (parsing a preset takes ~0.1 s;
    the cached value is a frozen parameter set, the same for every user).
    """
    return _preset_cached(preset, _data_stamp())


def _data_stamp() -> tuple[tuple[str, int], ...]:
    files = sorted(DATA_DIR.glob("*.yaml")) + sorted(PRESETS_DIR.glob("*.yaml"))
    return tuple((str(f), f.stat().st_mtime_ns) for f in files)


@lru_cache(maxsize=16)
def _preset_cached(preset: str, _stamp: tuple) -> Parameters | None:
    if preset not in presets():
        return None
    return load_preset(preset)


def differs_from_preset(params: Parameters) -> bool:
    """True if *params* is not exactly its preset (or names no known preset)."""
    reference = preset_params(params.preset) if params.preset else None
    return reference is None or params_hash(reference) != params_hash(params)


def upgrade_document(doc: Mapping, reference: Parameters | None) -> tuple[dict, tuple[str, ...]]:
    """Fill parameters that the model now needs but *doc* lacks from *reference*.

    A scenario saved before the parameter set gained a field still opens: the
    new parameters take the values of the current preset, and their names are
    returned so the app can say which values were filled in. Flows are filled
    only for a care form that has no flow at all (shares must still sum to 1).
    """
    out = dict(doc)
    rows = [r for r in (doc.get("parameters") or []) if isinstance(r, Mapping)]
    if reference is None or not rows:
        return out, ()
    present = {str(r.get("name")) for r in rows}
    try:
        measures = [measure_from_mapping(m) for m in doc.get("measures") or [] if isinstance(m, Mapping)]
    except ParameterError:
        return out, ()
    needed = expected_names(measures)
    sources_with_flows = {n.split(".")[1] for n in present if n.startswith("flow.") and n.count(".") == 2}
    filled = []
    for p in document_from_parameters(reference)["parameters"]:  # type: ignore[union-attr]
        name = p["name"]
        if name in present:
            continue
        if name in needed:
            filled.append(p)
        elif name.startswith("flow."):
            source = name.split(".")[1]
            if source in CARE_FORM_IDS and source != LEFT_CARE and source not in sources_with_flows:
                filled.append(p)
    if filled:
        out["parameters"] = list(rows) + filled
    return out, tuple(sorted(str(p["name"]) for p in filled))


def parameters_from_stored(doc: Mapping, preset: str = "") -> tuple[Parameters, tuple[str, ...]]:
    """A stored whole-set document as validated :class:`Parameters` (upgraded if needed)."""
    reference = preset_params(preset or str(doc.get("id") or "") or DEFAULT_PRESET) or preset_params(DEFAULT_PRESET)
    upgraded, filled = upgrade_document(doc, reference)
    return parameters_from_document(upgraded, preset=preset), filled


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
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioFileError(filename, "too_large", limit=MAX_FILE_BYTES // 1_000_000)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioFileError(filename, "not_utf8") from None
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ScenarioFileError(filename, "not_json", line=exc.lineno, column=exc.colno) from None
    except ValueError:
        raise ScenarioFileError(filename, "not_json", line="?", column="?") from None
    if not isinstance(doc, dict):
        raise ScenarioFileError(filename, "not_object")
    fmt = doc.get("format")
    if fmt != FORMAT:
        raise ScenarioFileError("format", "bad_format", value=_short(fmt), expected=FORMAT)
    name = clean_name(doc.get("name"))
    note = clean_note(doc.get("note"))
    saved_at = _parse_date(doc.get("saved"), "saved")
    preset = doc.get("preset") or ""
    if not isinstance(preset, str):
        raise ScenarioFileError("preset", "not_text")
    if "parameters" in doc:
        if not isinstance(doc["parameters"], Mapping):
            raise ScenarioFileError("parameters", "not_object")
        params, upgraded = parameters_from_stored(doc["parameters"], preset)
    else:
        reference = preset_params(preset or DEFAULT_PRESET)
        if reference is None:
            raise ScenarioFileError("preset", "unknown_preset", value=_short(preset))
        recorded = doc.get("parameters_sha256")
        if recorded is not None and recorded != params_hash(reference):
            raise ScenarioFileError("parameters", "preset_changed")
        params, upgraded = reference, ()
    if "scenario" not in doc and "levers" not in doc:
        raise ScenarioFileError("levers", "missing")
    levers = check_levers(doc.get("levers") or {}, params) if "levers" in doc else None
    if "scenario" in doc:
        scenario = scenario_from_dict(doc["scenario"], name=name)
        missing = set(scenario.mix_dict) - set(params.measure_ids)
        if missing:
            raise ScenarioFileError(f"scenario.mix.{sorted(missing)[0]}", "unknown_measure", value=sorted(missing)[0])
        if levers is not None and not same_scenario(scenario_from_levers(levers, params), scenario, params):
            raise ScenarioFileError("levers", "mismatch")
    else:
        try:
            scenario = scenario_from_levers(levers or {}, params, name=name)
        except ValueError as exc:
            raise ScenarioFileError("levers", "bad_scenario", detail=str(exc)) from None
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


# --- helpers ----------------------------------------------------------------------------------


def _pct(rate: float) -> float:
    return round(100 * float(rate), 6)


def _plain(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


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
        raise ScenarioFileError(where, "bad_date", value=_short(value))
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ScenarioFileError(where, "bad_date", value=_short(value)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(tzinfo=None)
