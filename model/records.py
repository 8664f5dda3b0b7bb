"""Parameters and measures from plain data: a YAML record or a row of a table.

The one way a :class:`~model.parameters.Parameter` or a
:class:`~model.parameters.Measure` is built from text and numbers people wrote,
whatever the file format: empty cells are missing, list fields accept a list
or ``"a, b"`` text, numbers are checked as finite, and text is plain text of
bounded length (:func:`model.plain_text.check_plain_text`: no control
characters, which would break every later export of the set).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

from model.errors import ParameterError
from model.parameters import Citation, Measure, Parameter, check_price_year, to_number
from model.plain_text import MAX_LONG_TEXT_CHARS, MAX_NAME_CHARS, check_plain_text

#: Longest unit, id, status or other short code [characters].
MAX_SHORT_TEXT_CHARS = 200


def parameter_from_mapping(row: Mapping[str, object], where: str = "parameters") -> Parameter:
    """Build a :class:`Parameter` from a mapping (a YAML record or a table row)."""
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ParameterError(where, "missing_field")
    name = check_plain_text(name.strip(), f"{where} (name)", ParameterError, limit=MAX_SHORT_TEXT_CHARS)
    value = to_number(row.get("value"), name)
    low = to_number(row["low"], f"{name} (low)") if _present(row.get("low")) else value
    high = to_number(row["high"], f"{name} (high)") if _present(row.get("high")) else value
    price_year = row.get("price_year")
    return Parameter(
        name=name,
        value=value,
        unit=_text(row.get("unit"), f"{name} (unit)"),
        low=low,
        high=high,
        **_citation(row, lambda key: f"{name} ({key})"),
        confidence=_text(row.get("confidence"), f"{name} (confidence)") or "L",
        status=_text(row.get("status"), f"{name} (status)") or "E",
        price_year=check_price_year(price_year, f"{name} (price_year)") if _present(price_year) else None,
        distribution=_text(row.get("distribution"), f"{name} (distribution)") or "pert",
    )


def measure_from_mapping(row: Mapping[str, object]) -> Measure:
    """Build a :class:`Measure` from a mapping; list fields accept lists or 'a, b' text."""
    mid = _text(row.get("id"), "measures (id)")
    if not mid:
        raise ParameterError("measures", "missing_field")
    where = f"measures.{mid}"
    label_sv = _text(row.get("label_sv"), f"{where}.label_sv", MAX_NAME_CHARS)
    return Measure(
        id=mid,
        label_sv=label_sv,
        label_en=_text(row.get("label_en"), f"{where}.label_en", MAX_NAME_CHARS) or label_sv,
        mechanism=_text(row.get("mechanism"), f"{where}.mechanism"),
        unit=_text(row.get("unit"), f"{where}.unit"),
        targets=_id_list(row.get("targets"), f"{where}.targets"),
        age_groups=_shares(row.get("age_groups"), f"{where}.age_groups"),
        evidence_class=_text(row.get("evidence_class"), f"{where}.evidence_class"),
        evidence=_text(row.get("evidence"), f"{where}.evidence", MAX_LONG_TEXT_CHARS),
        **_citation(row, lambda key: f"{where}.{key}"),
        default_share=to_number(row["default_share"], f"measures.{mid}.default_share")
        if _present(row.get("default_share"))
        else 0.0,
        roles=_id_list(row.get("roles"), f"{where}.roles"),
    )


#: A source id cited in brackets in an old-format ``source`` text: ``[id]`` or ``[id, id]``.
CITED = re.compile(r"\[([a-z0-9_]+(?:, ?[a-z0-9_]+)*)\]")


def _citation(row: Mapping[str, object], field: Callable[[str], str]) -> Citation:
    """``sources``, ``note_sv`` and ``note_en`` of a record.

    The format since issue 10: ``sources`` (a list of bibliography ids, or
    ``"a, b"`` text) and the two notes. A file of the earlier format has one
    English ``source`` text with the ids in brackets; it is read as the ids in
    brackets plus the text without them as ``note_en`` (``note_sv`` empty).
    """
    sources = _id_list(row.get("sources"), field("sources"))
    note_sv = _text(row.get("note_sv"), field("note_sv"), MAX_LONG_TEXT_CHARS)
    note_en = _text(row.get("note_en"), field("note_en"), MAX_LONG_TEXT_CHARS)
    old = _text(row.get("source"), field("source"), MAX_LONG_TEXT_CHARS)
    if old and not (sources or note_sv or note_en):
        sources = tuple(i.strip() for group in CITED.findall(old) for i in group.split(","))
        note_en = " ".join(CITED.sub("", old).split()).replace(" ;", ";").replace(" ,", ",").replace(" .", ".")
    return Citation(sources=tuple(dict.fromkeys(sources)), note_sv=note_sv, note_en=note_en)


def _shares(x: object, where: str) -> tuple[tuple[str, float], ...]:
    """Age-group shares from a mapping, table-cell text or ids.

    ``{age_0_12: 0.6, age_13_17: 0.4}``, ``"age_0_12=0.6; age_13_17=0.4"`` (a
    decimal comma is read too) or an id or a list of ids (equal shares).
    """
    if not _present(x):
        return ()
    if isinstance(x, Mapping):
        return tuple((str(k).strip(), to_number(v, f"{where}.{k}")) for k, v in x.items())
    if isinstance(x, str) and ";" in x:
        items = tuple(i.strip() for i in x.split(";") if i.strip())
    else:
        items = _id_list(x, where)
    if all("=" in item for item in items):
        pairs = [item.split("=", 1) for item in items]
        return tuple((k.strip(), to_number(v.strip().replace(",", "."), f"{where}.{k.strip()}")) for k, v in pairs)
    if any("=" in item for item in items):
        raise ParameterError(where, "not_a_number", value=", ".join(items))
    return tuple((item, 1.0 / len(items)) for item in items)


def age_groups_text(m: Measure) -> str:
    """A measure's age groups as one table cell: ``"age_0_12=0.6; age_13_17=0.4"`` (read back by the reader)."""
    return "; ".join(f"{group}={share:g}" for group, share in m.age_groups)


def _present(x: object) -> bool:
    if x is None:
        return False
    if isinstance(x, float) and math.isnan(x):
        return False
    return not (isinstance(x, str) and not x.strip())


def _text(x: object, field: str, limit: int = MAX_SHORT_TEXT_CHARS) -> str:
    """Text of a field: "" when missing; a number is written out; anything else must be plain text."""
    if not _present(x):
        return ""
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        x = str(x)
    multiline = limit == MAX_LONG_TEXT_CHARS
    return check_plain_text(x, field, ParameterError, limit=limit, multiline=multiline).strip()


def _id_list(x: object, field: str) -> tuple[str, ...]:
    if not _present(x):
        return ()
    if isinstance(x, str):
        items: list[object] = list(x.split(","))
    elif isinstance(x, (list, tuple)):
        items = list(x)
    else:
        raise ParameterError(field, "not_text")
    return tuple(t for t in (_text(i, field) for i in items) if t)
