"""Numbers people type into the app, read by the one parser in the convention of their language.

Every numeric input of the app is a text field read by
:func:`model.text.numbers.parse_number` (a browser number field reads "0,1" as
1 and "1e12" as 112 without a word): "0,1", "0.1", "1 234,5" with a space or a
no-break space are read the Swedish way; "6.500" or "1.5" in a Swedish field
are refused with both readings. A field shows its number the way the user
writes it, and a field left as shown keeps the exact value behind it (the
text may be rounded). Pure functions (no streamlit), tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping

from model.errors import ParameterError
from model.text.i18n import decimal_sign
from model.text.numbers import parse_number
from ui.text import exact_number

#: Own figures that differ from the preset's by more than this factor get a plausibility warning.
PLAUSIBLE_FACTOR = 3.0
#: Decimals a number field shows at most (the exact value stays behind an untouched field).
FIELD_DECIMALS = 6


def shown_number(x: float | None, language: str, max_decimals: int = FIELD_DECIMALS) -> str:
    """A number as a text field shows it: ``9 000``, ``0,35`` (empty for None)."""
    return "" if x is None else exact_number(float(x), language, max_decimals)


def read_number(text: object, field: str, language: str) -> float:
    """One typed number (ParameterError naming *field* if it is not one, or is ambiguous)."""
    return parse_number(text, field, decimal_sign(language))


def read_bounded(
    text: object, field: str, language: str, low: float, high: float, integer: bool = False
) -> float:
    """A typed number within [*low*, *high*] (a whole number if *integer*), or ParameterError."""
    x = read_number(text, field, language)
    if x < low:
        raise ParameterError(field, "below_domain", value=x, limit=low)
    if x > high:
        raise ParameterError(field, "above_domain", value=x, limit=high)
    if integer and not float(x).is_integer():
        raise ParameterError(field, "not_integer", value=x)
    return x


def read_fields(
    entered: Mapping[str, object],
    shown: Mapping[str, str],
    bounds: Mapping[str, tuple[float, float, bool]],
    labels: Mapping[str, str],
    language: str,
) -> tuple[dict[str, float], list[ParameterError]]:
    """The fields whose text differs from what was *shown*, read and checked against their *bounds*.

    Returns the numbers of the changed fields and one problem per field that is
    not a number in range (each naming the field by its label); a field left
    as shown is not in the result, so its exact value stays.
    """
    values: dict[str, float] = {}
    problems: list[ParameterError] = []
    for key, text in entered.items():
        if text is None or str(text).strip() == str(shown.get(key, "")).strip():
            continue
        low, high, integer = bounds[key]
        try:
            values[key] = read_bounded(text, labels.get(key, key), language, low, high, integer)
        except ParameterError as exc:
            problems.append(exc)
    return values, problems


def implausible(entered: Mapping[str, float], reference: Mapping[str, float]) -> list[str]:
    """Keys of *entered* more than :data:`PLAUSIBLE_FACTOR` times above or below *reference*'s value.

    A reference of 0 has no factor and is not judged.
    """
    out = []
    for key, x in entered.items():
        ref = reference.get(key)
        if ref is None or ref <= 0:
            continue
        if x > PLAUSIBLE_FACTOR * ref or x < ref / PLAUSIBLE_FACTOR:
            out.append(key)
    return out
