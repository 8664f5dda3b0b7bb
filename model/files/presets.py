"""The embedded municipalities (presets): what they are called, their parameter sets, and what changed.

The presets in ``data/presets`` hold only what differs between municipalities
and name the shared file they extend (``data/base.yaml``; the employment area's
``data/base_employment.yaml``), which in turn extends the economics every area
shares (``data/economics.yaml``: the discount rate, the staff and other price
indices); a loaded preset is a complete, validated set. Here too: a preset's name for people, whether a set
still is its preset, and how a set saved before the model gained a parameter
is filled in from the current preset.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

from model.area import DEFAULT_AREA, area_ids, load_area
from model.catalogue import template
from model.errors import ParameterError
from model.fields import PRICE_INDEX, PRICE_INDEXES
from model.files.document import document_area, document_from_parameters, parameters_from_document, params_hash
from model.parameters import Measure, Parameters, expected_names
from model.records import measure_from_mapping
from model.resources import DATA_DIR
from model.text.i18n import has, t
from model.yaml_text import read_yaml_file

PRESETS_DIR = DATA_DIR / "presets"
#: How many files deep a preset may extend (a preset, its area's base, the shared economics).
MAX_EXTENDS = 3
DEFAULT_PRESET = "default"


def preset_dir(area: str = DEFAULT_AREA) -> Path:
    """The folder of an area's presets: ``data/presets`` for the children's area, ``data/presets/<area>`` else."""
    return PRESETS_DIR if area == DEFAULT_AREA else PRESETS_DIR / area


@cache
def presets(area: str = DEFAULT_AREA) -> dict[str, str]:
    """The presets of *area*: id -> display name (Swedish); read once (data files, not user state)."""
    out = {}
    for path in sorted(preset_dir(area).glob("*.yaml")):
        doc = read_yaml_file(path)
        out[str(doc.get("id", path.stem))] = str(doc.get("name", path.stem))
    default = DEFAULT_PRESET if area == DEFAULT_AREA else f"{area}_{DEFAULT_PRESET}"
    return dict(sorted(out.items(), key=lambda kv: kv[0] != default))


def resolve_preset(preset: str, area: str | None = None) -> tuple[str, str]:
    """(area, preset id) of *preset*: in *area* (``"default"`` there is ``<area>_default``), or in any area.

    Raises
    ------
    ParameterError
        ``preset`` with ``bad_choice`` for a preset no area (or not *area*) has.
    """
    areas = (area,) if area else area_ids()
    for a in areas:
        found = presets(a)
        for candidate in (preset, f"{a}_{preset}"):
            if candidate in found:
                return a, candidate
    choices = tuple(presets(area)) if area else tuple(p for a in areas for p in presets(a))
    raise ParameterError("preset", "bad_choice", value=preset, choices=choices)


def load_preset(preset: str = DEFAULT_PRESET, area: str | None = None) -> Parameters:
    """Load a preset (of *area*, or of whichever area has it) merged on the shared file it extends."""
    if area is not None:
        load_area(area)  # an unknown area is named as such, before its presets are looked for
    area_id, preset = resolve_preset(preset, area)
    path = next(p for p in sorted(preset_dir(area_id).glob("*.yaml")) if read_yaml_file(p).get("id", p.stem) == preset)
    return parameters_from_document(_extended(read_yaml_file(path)), preset=preset)


def _extended(doc: Mapping, depth: int = 0) -> Mapping:
    """*doc* merged on the file it extends, and that on the one it extends, every file in ``data/``.

    A preset extends its area's base, which extends the shared economics (``data/economics.yaml``).
    """
    base_name = doc.get("extends")
    if not base_name:
        return doc
    base_path = (DATA_DIR / str(base_name)).resolve()
    if base_path.parent != DATA_DIR.resolve() or depth >= MAX_EXTENDS:
        raise ParameterError("extends", "bad_file", reason="extends_outside")
    return _merge(_extended(read_yaml_file(base_path), depth + 1), doc)


def _merge(base: Mapping, override: Mapping) -> dict:
    """Override's parameters replace base's by name; other keys replace whole.

    The order: base's parameters (replaced in place), then override's new ones. A row of
    override that says ``shared: true`` places base's row of that name there instead (the
    shared economics keep their place in an area's set).
    """
    merged = {**base, **{k: v for k, v in override.items() if k not in ("parameters", "extends")}}
    inherited = {str(p.get("name")): p for p in base.get("parameters") or []}
    rows = [p for p in override.get("parameters") or [] if isinstance(p, Mapping)]
    placed = {str(p.get("name")) for p in rows if p.get("shared") is True}
    for name in sorted(placed - set(inherited)):
        raise ParameterError(name, "missing_parameter")
    by_name = {name: p for name, p in inherited.items() if name not in placed}
    for p in rows:
        name = str(p.get("name"))
        by_name[name] = inherited[name] if name in placed else p
    merged["parameters"] = list(by_name.values())
    return merged


# --- names for people ----------------------------------------------------------------------


def _all_presets() -> dict[str, str]:
    """Every area's presets: id -> display name."""
    return {k: v for a in area_ids() for k, v in presets(a).items()}


def preset_name(preset: str, language: str = "sv") -> str:
    """A preset's name for people: its file's (Swedish) name, translated where the locale has one.

    The translation is ``preset.<id>`` in the locale files; an unknown id is
    shown as itself, no preset as "–".
    """
    key = f"preset.{preset}"
    if preset and language != "sv" and has(key, language):
        return t(key, language)
    return _all_presets().get(preset, preset or "–")


def set_name(params: Parameters, language: str = "sv") -> str:
    """A parameter set's name for people: its preset's name while it carries it, otherwise its own."""
    if params.preset and params.name == _all_presets().get(params.preset):
        return preset_name(params.preset, language)
    return params.name


# --- the current preset and what changed ----------------------------------------------------


def preset_params(preset: str) -> Parameters | None:
    """The current preset of that id, or None if there is no such preset.

    Cached until a file in ``data/`` changes (parsing a preset takes ~0.1 s;
    the cached value is a frozen parameter set, the same for every user).
    """
    return _preset_cached(preset, _data_stamp())


def _data_stamp() -> tuple[tuple[str, int], ...]:
    files = sorted(DATA_DIR.glob("*.yaml")) + sorted(PRESETS_DIR.rglob("*.yaml"))
    return tuple((str(f), f.stat().st_mtime_ns) for f in files)


@lru_cache(maxsize=16)
def _preset_cached(preset: str, _stamp: tuple) -> Parameters | None:
    if preset not in _all_presets():
        return None
    return load_preset(preset)


def differs_from_preset(params: Parameters) -> bool:
    """True if *params* is not exactly its preset (or names no known preset)."""
    reference = preset_params(params.preset) if params.preset else None
    return reference is None or params_hash(reference) != params_hash(params)


#: Fields of a measure that the model no longer has (issue 9): a stored set that has them still opens.
RETIRED_FIELDS = {"prevention": ("placement_risk_per_year", "stay_reduction")}
#: What a stored measure of the catalogue takes from the current catalogue when it has none of its own.
UPGRADED_MEASURE_KEYS = ("age_groups", "evidence_class")


def upgrade_document(doc: Mapping, reference: Parameters | None) -> tuple[dict, tuple[str, ...]]:
    """Fill parameters that the model now needs but *doc* lacks from *reference*; drop retired ones.

    A scenario saved before the parameter set gained a field still opens: the
    new parameters take the values of the current preset, and their names are
    returned so the app can say which values were filled in. Flows are filled
    only for a care form that has no flow at all (shares must still sum to 1).
    A measure of the current catalogue that the document stores without age
    groups or evidence class takes the catalogue's; fields the model no longer
    has (:data:`RETIRED_FIELDS`) are dropped; a new field of an analyst's own
    measure takes the value of the catalogue's template of its kind.
    """
    out = dict(doc)
    rows = [r for r in (doc.get("parameters") or []) if isinstance(r, Mapping)]
    if reference is None or not rows:
        return out, ()
    try:
        measure_rows = _upgraded_measures(doc.get("measures") or [], reference)
        measures = [measure_from_mapping(m) for m in measure_rows]
        area = document_area(doc)
    except ParameterError:
        return out, ()
    out["measures"] = measure_rows
    retired = {f"measure.{m.id}.{f}" for m in measures for f in RETIRED_FIELDS.get(m.mechanism, ())}
    retired |= {PRICE_INDEX.format(k) for k in PRICE_INDEXES if k not in area.price_kinds}  # a kind it does not use
    rows = [r for r in rows if str(r.get("name")) not in retired]
    out["parameters"] = rows
    present = {str(r.get("name")) for r in rows}
    needed = expected_names(measures, area)
    sources_with_flows = {n.split(".")[1] for n in present if n.startswith("flow.") and n.count(".") == 2}
    filled = []
    for p in document_from_parameters(reference)["parameters"]:
        name = p["name"]
        if name in present:
            continue
        source = name.split(".")[1] if name.startswith("flow.") else ""
        if name in needed or (source in area.reported_forms and source not in sources_with_flows):
            filled.append(p)
    filled += _from_templates(needed - present - {str(p["name"]) for p in filled}, measures, reference)
    if filled:
        out["parameters"] = list(rows) + filled
    return out, tuple(sorted(str(p["name"]) for p in filled))


def _from_templates(missing: set[str], measures: list[Measure], reference: Parameters) -> list[dict]:
    """A measure's new fields that the catalogue cannot fill (an analyst's own measure): its template's values."""
    by_id = {m.id: m for m in measures}
    rows = {p["name"]: p for p in document_from_parameters(reference)["parameters"]}
    out = []
    for name in sorted(n for n in missing if n.startswith("measure.") and n.count(".") == 2):
        _, mid, f = name.split(".")
        m = by_id.get(mid)
        model = template(reference.measures, m.mechanism, m.unit) if m is not None else None
        if model is not None and f"measure.{model.id}.{f}" in rows:
            out.append({**rows[f"measure.{model.id}.{f}"], "name": name})
    return out


def _upgraded_measures(rows: list, reference: Parameters) -> list[dict]:
    """The stored measures, each taking what it lacks of :data:`UPGRADED_MEASURE_KEYS` from the catalogue."""
    current = {m["id"]: m for m in document_from_parameters(reference)["measures"]}
    out = []
    for row in rows:
        if not isinstance(row, Mapping):
            raise ParameterError("measures", "bad_file", reason="not_a_record")
        row = {k: v for k, v in row.items() if k != "stay_targets"}
        known = current.get(str(row.get("id")))
        if known is not None and known.get("mechanism") == row.get("mechanism"):
            for key in UPGRADED_MEASURE_KEYS:
                if not row.get(key) and known.get(key):
                    row[key] = known[key]
        out.append(row)
    return out


def parameters_from_stored(doc: Mapping, preset: str = "") -> tuple[Parameters, tuple[str, ...]]:
    """A stored whole-set document as validated :class:`Parameters` (upgraded if needed)."""
    reference = preset_params(preset or str(doc.get("id") or "") or DEFAULT_PRESET) or preset_params(DEFAULT_PRESET)
    upgraded, filled = upgrade_document(doc, reference)
    return parameters_from_document(upgraded, preset=preset), filled
