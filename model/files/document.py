"""A parameter set as one plain document (the data of a YAML file), its canonical text and its hash.

A whole set is one document (``format: omstallningskalkylen/parameters-v1``)
with ``name``, ``price_year``, ``area``, ``measures`` and ``parameters``. The
YAML files, the saved scenarios and the scenario files all hold this
document; :func:`params_hash` over its canonical JSON text identifies a set.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache

from model.area import DEFAULT_AREA, Area, load_area
from model.bibliography import bibliography
from model.errors import ParameterError
from model.parameters import FORMAT, Measure, Parameter, Parameters, check_price_year
from model.plain_text import check_plain_text
from model.records import measure_from_mapping, parameter_from_mapping

#: The set's name when a document has none.
UNNAMED = "Egen parameteruppsättning"
DEFAULT_PRICE_YEAR = 2024


def parameters_from_document(doc: Mapping, preset: str = "", area: Area | None = None) -> Parameters:
    """Build a validated :class:`Parameters` from a parsed whole-set document.

    Parameters
    ----------
    doc : mapping
        The document.
    preset : str
        The preset id the set comes from ("" for none; default: the document's ``id``).
    area : Area, optional
        The set's area; default: the area the document names (``area:``, an
        id in ``data/areas/``), or the children's area if it names none.
    """
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
    name = doc.get("name")
    return Parameters(
        name=check_plain_text(name, "name", ParameterError).strip() or UNNAMED if name else UNNAMED,
        price_year=check_price_year(doc.get("price_year", DEFAULT_PRICE_YEAR), "price_year"),
        parameters=tuple(params),
        measures=tuple(measures),
        preset=preset or _preset_id(doc.get("id")),
        area=area or document_area(doc),
    )


def _preset_id(value: object) -> str:
    """The preset id a document names ("" for none): short plain text."""
    return check_plain_text(value, "id", ParameterError, limit=64) if value else ""


def document_area(doc: Mapping) -> Area:
    """The area a document names (an id of ``data/areas/``; the children's area if none)."""
    name = doc.get("area") or DEFAULT_AREA
    if not isinstance(name, str):
        raise ParameterError("area", "bad_file", reason="unknown_area", value=name)
    return load_area(name)  # text is an id (checked), never a path: a file cannot make the server read another


def measure_document(m: Measure) -> dict[str, object]:
    """A measure as plain data (age groups, evidence class, roles and a default share only where it has them)."""
    out: dict[str, object] = {
        "id": m.id,
        "label_sv": m.label_sv,
        "label_en": m.label_en,
        "mechanism": m.mechanism,
        "unit": m.unit,
        "targets": list(m.targets),
    }
    if m.age_groups:
        out["age_groups"] = {group: plain_number(share) for group, share in m.age_groups}
    if m.evidence_class:
        out["evidence_class"] = m.evidence_class
    out.update(evidence=m.evidence, **_citation(m))
    if m.default_share:
        out["default_share"] = plain_number(m.default_share)
    if m.roles:
        out["roles"] = list(m.roles)
    return out


def document_from_parameters(params: Parameters) -> dict:
    """The whole-set document of *params* (inverse of :func:`parameters_from_document`)."""
    rows = []
    for p in params.parameters:
        row: dict[str, object] = {
            "name": p.name,
            "value": plain_number(p.value),
            "unit": p.unit,
            "low": plain_number(p.low),
            "high": plain_number(p.high),
        }
        if p.price_year is not None:
            row["price_year"] = p.price_year
        row.update(status=p.status, confidence=p.confidence, **_citation(p))
        if p.distribution != "pert":
            row["distribution"] = p.distribution
        rows.append(row)
    doc: dict[str, object] = {"format": FORMAT, "name": params.name, "price_year": params.price_year}
    if params.preset:
        doc["id"] = params.preset
    if params.area.id != DEFAULT_AREA:
        doc["area"] = params.area.id
    doc.update(measures=[measure_document(m) for m in params.measures], parameters=rows)
    # The full citation of every id the set cites, so that a reader of the file alone can find them
    # (written for people; the reader ignores it and resolves the ids in data/sources.yaml).
    doc["bibliography"] = {i: bibliography()[i].citation() for i in params.cited_ids() if i in bibliography()}
    return doc


def _citation(record: Parameter | Measure) -> dict[str, object]:
    """The cited ids and the two notes of a parameter or a measure (the notes only where written)."""
    out: dict[str, object] = {"sources": list(record.sources)}
    if record.note_sv:
        out["note_sv"] = record.note_sv
    if record.note_en:
        out["note_en"] = record.note_en
    return out


def plain_number(x: float) -> int | float:
    """A whole number as an int (as YAML and JSON write it), otherwise the float."""
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


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
