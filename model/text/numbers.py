"""Numbers as people type them: read by the convention in force, never guessed.

One parser for every number a person types or a file carries as text: table
cells, forms, own figures, CSV cells and the command line. It knows the Swedish
forms (``6 500``, ``6 500,5``, ``0,1``, ``1 234,5`` with a space, a no-break
space or a narrow no-break space between the thousands) and the English ones
(``6,500``, ``0.1``, ``1,234.5``), a leading ``+``, ``-`` or the typographic
minus ``−``, and an exponent (``1e12``, ``2,5e3``).

The *decimal* argument says which convention is in force:

* ``","`` (Swedish text, a semicolon CSV): a comma is the decimal sign. A lone
  point is only accepted where it cannot be a thousands separator (``0.1``,
  ``.5``); ``6.500`` or ``1.5`` are refused with both readings, because a
  Swedish reader may have meant six thousand five hundred or fifteen.
* ``"."`` (English text, a comma CSV): the mirror image.
* ``None`` (the command line, a value with no declared convention): a single
  separator is a decimal sign unless it is followed by exactly three digits
  after a non-zero integer part (``6.500``, ``6,500``), which is refused with
  both readings.

A number with both a point and a comma is read by position (the last one is
the decimal sign) when the other one groups thousands correctly; several of
the same separator are thousands separators (``1.234.567``). Anything else —
text, an empty cell, ``inf``, ``nan``, a misplaced group — is refused. Errors
are :class:`model.errors.ParameterError` naming the field, with the codes
``missing_value``, ``not_a_number``, ``not_finite`` and ``ambiguous_number``
(details ``value``, ``first`` and ``second``: the two readings).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from model.errors import ParameterError

#: Characters people put between groups of thousands.
GROUP_SPACES = "\u0020\u00a0\u202f\u2009"
#: Characters read as a minus sign.
MINUS_SIGNS = "-\u2212\u2013"

_DIGITS = re.compile(r"\d+")
_EXPONENT = re.compile(r"(.*?)[eE]([+\-\u2212]?\d{1,3})")


def parse_number(text: object, field: str, decimal: str | None = None) -> float:
    """Read one number typed by a person or stored as text in a file.

    Parameters
    ----------
    text : str or number
        The input. ``int`` and ``float`` (not ``bool``) pass through after a
        finiteness check.
    field : str
        What the number is, for the error message (``care.hvb.cost_per_day``, a
        column and row, a form field).
    decimal : {",", ".", None}
        The decimal sign of the convention in force (see the module docstring).

    Returns
    -------
    float
        The number.

    Raises
    ------
    ParameterError
        ``missing_value``, ``not_a_number``, ``not_finite`` or ``ambiguous_number``.
    """
    if isinstance(text, bool):
        raise ParameterError(field, "not_a_number", value=text)
    if isinstance(text, (int, float)):
        return _finite(float(text), field, text)
    if not isinstance(text, str):
        raise ParameterError(field, "not_a_number", value=text)
    raw = text
    body = text.strip()
    if not body:
        raise ParameterError(field, "missing_value")
    sign = 1.0
    if body[0] in MINUS_SIGNS or body[0] == "+":
        sign = -1.0 if body[0] in MINUS_SIGNS else 1.0
        body = body[1:].lstrip()
    exponent = 0
    match = _EXPONENT.fullmatch(body)
    if match:
        body, exponent = match.group(1), int(match.group(2).replace("\u2212", "-"))
    grouped = any(c in body for c in GROUP_SPACES)
    if grouped:
        body = _ungroup_spaces(body, field, raw)
    # Thousands grouped by spaces leave one reading for a single point or comma: the decimal sign.
    readings = _readings(body, "." if grouped and "." in body else "," if grouped else decimal)
    if readings is None:
        raise ParameterError(field, "not_a_number", value=raw)
    if not all(math.isfinite(r) for r in readings):  # 400 digits: larger than any float
        raise ParameterError(field, "not_finite", value=raw)
    # Scaled in decimal, rounded to a float once (2,5e3 is exactly 2500; 0.0000001 reads as 1e-07).
    values = sorted({sign * float(Decimal(repr(r)).scaleb(exponent)) for r in readings})
    if len(values) > 1:
        raise ParameterError(field, "ambiguous_number", value=raw, first=values[0], second=values[1])
    return _finite(values[0], field, raw)


def _finite(x: float, field: str, raw: object) -> float:
    if not math.isfinite(x):
        raise ParameterError(field, "not_finite", value=raw)
    return x


def _ungroup_spaces(body: str, field: str, raw: str) -> str:
    """Drop spaces that group thousands (``1 234 567,5``); any other space is an error."""
    pattern = "[" + GROUP_SPACES + "]"
    integer = re.split(r"[.,]", body, maxsplit=1)
    head = integer[0]
    rest = body[len(head):]
    if not re.fullmatch(r"\d{1,3}(?:" + pattern + r"\d{3})+", head) or not re.fullmatch(r"(?:[.,]\d+)?", rest):
        raise ParameterError(field, "not_a_number", value=raw)
    return re.sub(pattern, "", head) + rest


def _readings(body: str, decimal: str | None) -> set[float] | None:
    """Every reading of *body* (digits and separators) under the convention; None if it is no number."""
    if _DIGITS.fullmatch(body):
        return {float(body)}
    points, commas = body.count("."), body.count(",")
    if points and commas:
        last = "." if body.rfind(".") > body.rfind(",") else ","
        other = "," if last == "." else "."
        head, _, tail = body.rpartition(last)
        if not _thousands(head, other) or not _DIGITS.fullmatch(tail):
            return None
        return {float(head.replace(other, "") + "." + tail)}
    sep = "." if points else ","
    if points + commas > 1:
        return {float(body.replace(sep, ""))} if _thousands(body, sep) else None
    head, _, tail = body.partition(sep)
    if not _DIGITS.fullmatch(tail) or (head and not _DIGITS.fullmatch(head)):
        return None
    as_decimal = float((head or "0") + "." + tail)
    could_group = bool(head) and head.lstrip("0") != "" and len(head) <= 3 and len(tail) == 3
    if decimal == sep or (decimal is None and not could_group):
        return {as_decimal}
    if decimal is None:
        return {as_decimal, float(head + tail)}
    # The other convention's decimal sign: read only where it cannot group thousands (0.1, .5).
    if not head or head.lstrip("0") == "":
        return {as_decimal}
    return {as_decimal, float(head + tail)}


def _thousands(text: str, sep: str) -> bool:
    """Whether *text* is digits grouped in threes by *sep* (``1.234.567``)."""
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", text) is not None
