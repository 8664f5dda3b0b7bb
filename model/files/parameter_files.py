"""Reading and writing parameter sets: the YAML files of ``data/``.

A whole set is one YAML document (``format: omstallningskalkylen/parameters-v1``)
with ``name``, ``price_year``, ``measures`` and ``parameters``. The presets in
``data/presets`` hold only what differs between municipalities and name the
shared file they extend; an exported set is always complete and self-contained.
Only ``yaml.safe_load`` is used: a tag that would construct an object is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import yaml

from model.parameters import (
    DATA_DIR,
    FORMAT,
    Parameter,
    ParameterError,
    Parameters,
    measure_from_mapping,
    parameter_from_mapping,
)

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PRESETS_DIR = DATA_DIR / "presets"
DEFAULT_PRESET = "default"
MAX_FILE_BYTES = 5_000_000


@cache
def presets() -> dict[str, str]:
    """Available presets: id -> display name (Swedish); read once (data files, not user state)."""
    out = {}
    for path in sorted(PRESETS_DIR.glob("*.yaml")):
        doc = _read_yaml_text(path.read_text(encoding="utf-8"), path.name)
        out[str(doc.get("id", path.stem))] = str(doc.get("name", path.stem))
    return dict(sorted(out.items(), key=lambda kv: kv[0] != DEFAULT_PRESET))


def load_preset(preset: str = DEFAULT_PRESET) -> Parameters:
    """Load a preset from ``data/presets`` merged on the shared file it extends."""
    path = PRESETS_DIR / f"{preset}.yaml"
    if preset not in presets():
        raise ParameterError("preset", "bad_choice", value=preset, choices=tuple(presets()))
    doc = _read_yaml_text(path.read_text(encoding="utf-8"), path.name)
    base_name = doc.get("extends")
    if base_name:
        base_path = (DATA_DIR / str(base_name)).resolve()
        if base_path.parent != DATA_DIR.resolve():
            raise ParameterError("extends", "bad_file", reason="extends_outside")
        base = _read_yaml_text(base_path.read_text(encoding="utf-8"), base_path.name)
        doc = _merge(base, doc)
    return parameters_from_document(doc, preset=preset)


def _merge(base: Mapping, override: Mapping) -> dict:
    """Override's parameters replace base's by name; other keys replace whole."""
    merged = {**base, **{k: v for k, v in override.items() if k not in ("parameters", "extends")}}
    by_name = {str(p.get("name")): p for p in base.get("parameters") or []}
    for p in override.get("parameters") or []:
        by_name[str(p.get("name"))] = p
    merged["parameters"] = list(by_name.values())
    return merged


def _read_yaml_text(text: str, where: str) -> dict:
    try:
        # libyaml's C parser where installed: the same safe constructor, ~10x faster.
        doc = yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        if isinstance(exc, yaml.constructor.ConstructorError):
            # A tag such as !!python/object/apply: safe_load refused to build it.
            found = re.search(r"tag '([^']*)'", str(exc.problem))
            tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "?"
            raise ParameterError(where, "bad_file", reason="yaml_tag", tag=tag, line=line) from None
        raise ParameterError(where, "bad_file", reason="not_yaml", line=line) from None
    if not isinstance(doc, dict):
        raise ParameterError(where, "bad_file", reason="not_mapping")
    return doc


def parameters_from_document(doc: Mapping, preset: str = "") -> Parameters:
    """Build a validated :class:`Parameters` from a parsed whole-set document."""
    fmt = doc.get("format", FORMAT)
    if fmt != FORMAT:
        raise ParameterError("format", "bad_file", reason="unknown_format", value=fmt, expected=FORMAT)
    rows = doc.get("parameters")
    if not isinstance(rows, list) or not rows:
        raise ParameterError("parameters", "bad_file", reason="no_parameters")
    params: list[Parameter] = []
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise ParameterError(f"parameters[{i}]", "bad_file", reason="not_a_record")
        params.append(parameter_from_mapping(row, where=f"parameters[{i}]"))
    measures = []
    for row in doc.get("measures") or []:
        if not isinstance(row, Mapping):
            raise ParameterError("measures", "bad_file", reason="not_a_record")
        measures.append(measure_from_mapping(row))
    try:
        price_year = int(doc.get("price_year", 2024))
    except (TypeError, ValueError):
        raise ParameterError("price_year", "not_a_number", value=doc.get("price_year")) from None
    return Parameters(
        name=str(doc.get("name") or "Egen parameteruppsättning"),
        price_year=price_year,
        parameters=tuple(params),
        measures=tuple(measures),
        preset=preset or str(doc.get("id") or ""),
    )


def document_from_parameters(params: Parameters) -> dict:
    """The whole-set document of *params* (inverse of :func:`parameters_from_document`)."""
    measures = [
        {
            "id": m.id,
            "label_sv": m.label_sv,
            "label_en": m.label_en,
            "mechanism": m.mechanism,
            "unit": m.unit,
            "targets": list(m.targets),
            "stay_targets": list(m.stay_targets),
            "evidence": m.evidence,
            "source": m.source,
        }
        for m in params.measures
    ]
    rows = []
    for p in params.parameters:
        row: dict[str, object] = {
            "name": p.name,
            "value": _plain(p.value),
            "unit": p.unit,
            "low": _plain(p.low),
            "high": _plain(p.high),
        }
        if p.price_year is not None:
            row["price_year"] = p.price_year
        row.update(status=p.status, confidence=p.confidence, source=p.source)
        if p.distribution != "pert":
            row["distribution"] = p.distribution
        rows.append(row)
    doc: dict[str, object] = {"format": FORMAT, "name": params.name, "price_year": params.price_year}
    if params.preset:
        doc["id"] = params.preset
    doc.update(measures=measures, parameters=rows)
    return doc


def _plain(x: float) -> int | float:
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


def parameters_to_yaml(params: Parameters) -> str:
    """The whole set as YAML text (complete, self-contained)."""
    header = "# Omställningskalkylen parameter set — every value with unit, range and source.\n"
    return header + yaml.safe_dump(document_from_parameters(params), allow_unicode=True, sort_keys=False, width=120)


def decode_text(data: bytes, where: str) -> str:
    """The text of an uploaded file: size checked, UTF-8 (a BOM is allowed), not empty."""
    check_size(data, where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParameterError(where, "bad_file", reason="not_utf8") from None
    if not text.strip():
        raise ParameterError(where, "bad_file", reason="empty")
    return text


def parameters_from_yaml(text: str | bytes, where: str = "file") -> Parameters:
    """Parse a whole-set YAML text (safe loading only)."""
    text = decode_text(text, where) if isinstance(text, bytes) else text
    if not text.strip():
        raise ParameterError(where, "bad_file", reason="empty")
    doc = _read_yaml_text(text, where)
    if "extends" in doc:
        raise ParameterError("extends", "bad_file", reason="incomplete")
    return parameters_from_document(doc)


def load_parameters(path: str | Path | None = None, preset: str = DEFAULT_PRESET) -> Parameters:
    """Load a parameter set.

    Parameters
    ----------
    path : str or Path, optional
        A whole-set file: ``.yaml``/``.yml``, an ``.xlsx`` workbook, or a
        ``.csv`` parameter table (measures from the default preset; see
        :mod:`model.files.parameter_xlsx`). Without it, the embedded preset is loaded.
    preset : str
        Preset id in ``data/presets`` (``"default"``: ~100 000 inhabitants).

    Returns
    -------
    Parameters
        A validated parameter set.

    Raises
    ------
    ParameterError
        A broken file; the message names the parameter or row and the problem.
    """
    if path is None:
        return load_preset(preset)
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParameterError(str(path), "bad_file", reason="unreadable", detail=exc.strerror) from None
    return parameters_from_bytes(data, path.name)


def check_size(data: bytes, where: str) -> None:
    """Refuse a file larger than :data:`MAX_FILE_BYTES` (the app's upload limit)."""
    if len(data) > MAX_FILE_BYTES:
        size, limit = len(data) / 1e6, round(MAX_FILE_BYTES / 1e6)
        # One decimal, unless that would read as the limit itself.
        size = round(size, 1) if round(size, 1) > limit else round(size, 6)
        raise ParameterError(where, "bad_file", reason="too_large", size=size, limit=limit)


def parameters_from_bytes(data: bytes, filename: str, template: Parameters | None = None) -> Parameters:
    """Parse an uploaded or read file by its suffix.

    *template* supplies the catalogue of measures for a CSV table (which holds
    parameters only); default: the embedded default preset.
    """
    check_size(data, filename)
    suffix = Path(filename).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return parameters_from_yaml(data, filename)
    from model.files import parameter_xlsx as workbook  # local: openpyxl is only needed for workbooks

    if suffix == ".xlsx":
        return workbook.parameters_from_xlsx(data, filename)
    if suffix == ".csv":
        return workbook.parameters_from_csv(data, filename, template=template)
    raise ParameterError(filename, "bad_file", reason="unknown_type", suffix=suffix or filename)


def save_parameters(params: Parameters, path: str | Path) -> Path:
    """Write *params* to *path*; the format follows the suffix (.yaml/.yml, .xlsx, .csv)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        path.write_text(parameters_to_yaml(params), encoding="utf-8")
        return path
    from model.files import parameter_xlsx as workbook

    if suffix == ".xlsx":
        path.write_bytes(workbook.parameters_to_xlsx(params))
    elif suffix == ".csv":
        path.write_bytes(workbook.parameters_to_csv(params))
    else:
        raise ParameterError(str(path), "bad_file", reason="unknown_type", suffix=suffix or path.name)
    return path
