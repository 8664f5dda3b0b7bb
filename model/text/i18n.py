"""Words and numbers for people: translated strings and Swedish number formats.

Every user-facing string lives in ``locales/<language>/*.yaml`` (one file per
area of the app, merged; a key defined twice is an error). Swedish is the
default; English is available. Numbers follow the language: Swedish uses a
(non-breaking) space between thousands and a decimal comma — ``1 234 567 kr``,
``12,3 mnkr``.
"""

from __future__ import annotations

import math
from functools import cache

from model.resources import LOCALES_DIR
from model.yaml_text import read_yaml_file

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
NBSP = "\u00a0"
MINUS = "\u2212"


@cache
def strings(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """All strings of *language*, merged from its locale files."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    merged: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.yaml")):
        doc = read_yaml_file(path)
        for key, value in _flatten(doc):
            if key in merged:
                raise ValueError(f"{path.name}: key '{key}' is defined twice in locale '{language}'")
            merged[key] = value
    return merged


def _flatten(doc: dict, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for k, v in doc.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.extend(_flatten(v, key + "."))
        else:
            out.append((key, str(v)))
    return out


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string *key* in *language*, formatted with *values*.

    A key missing in English falls back to Swedish; a key missing everywhere is
    returned as itself, so a gap shows instead of crashing.
    """
    text = strings(language).get(key)
    if text is None:
        text = strings(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**values) if values else text


#: Where an area's own wording of a shared key lives: ``for_area.<area id>.<key>`` (locales/*/<area>.yaml).
AREA_PREFIX = "for_area"


def area_key(key: str, area: str, language: str = DEFAULT_LANGUAGE) -> str:
    """*key* as the area *area* words it: its own ``for_area.<area>.<key>`` if it has one, else *key*."""
    own = f"{AREA_PREFIX}.{area}.{key}"
    return own if has(own, language) else key


def ta(key: str, language: str, area: str, **values: object) -> str:
    """:func:`t` of *key* in the words of the area *area* (an area id, e.g. ``params.area.id``)."""
    return t(area_key(key, area, language), language, **values)


def has(key: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether *key* has a string in *language* or in Swedish."""
    return key in strings(language) or key in strings(DEFAULT_LANGUAGE)


def decimal_sign(language: str = DEFAULT_LANGUAGE) -> str:
    """The decimal sign people of *language* type and read: ``,`` in Swedish, ``.`` in English."""
    return "," if language == "sv" else "."


def fmt_number(x: float | None, decimals: int = 0, language: str = DEFAULT_LANGUAGE, sign: bool = False) -> str:
    """``1234567.8`` -> ``1 234 568`` (sv) or ``1,234,568`` (en)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{abs(x):,.{decimals}f}"
    if language == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    if round(abs(x), decimals) == 0:
        return text
    if x < 0:
        return (MINUS if language == "sv" else "-") + text
    return ("+" + text) if sign else text


def fmt_sek(x: float | None, language: str = DEFAULT_LANGUAGE, sign: bool = False) -> str:
    """Whole kronor: ``1 234 567 kr``."""
    return f"{fmt_number(x, 0, language, sign)}{NBSP}kr"


def mnkr_unit(language: str = DEFAULT_LANGUAGE) -> str:
    """The unit of million kronor: ``mnkr`` (sv) or ``MSEK`` (en); the screen, charts and workbooks use it."""
    return "mnkr" if language == "sv" else "MSEK"


def fmt_mnkr(x: float | None, language: str = DEFAULT_LANGUAGE, sign: bool = False, decimals: int = 1) -> str:
    """Million kronor: ``12,3 mnkr`` (sv) or ``12.3 MSEK`` (en)."""
    value = None if x is None else x / 1e6
    return f"{fmt_number(value, decimals, language, sign)}{NBSP}{mnkr_unit(language)}"


def fmt_percent(x: float | None, language: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A share as percent: ``0.725`` -> ``73 %`` (sv) / ``73%`` (en)."""
    value = None if x is None else 100 * x
    return fmt_number(value, decimals, language) + (f"{NBSP}%" if language == "sv" else "%")


def format_value(value: object, kind: str, language: str = DEFAULT_LANGUAGE, sign: bool = False) -> str:
    """A value of a given kind as people read it (Swedish: ``12,3 mnkr``, ``45 %``).

    Kinds: ``sek`` (kronor, shown in mnkr), ``year``, ``ratio``, ``decimal``,
    ``number``, ``share``, ``percent``; anything else is shown as text.
    """
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    formats = {
        "sek": lambda x: fmt_mnkr(x, language, sign=sign),
        "ratio": lambda x: fmt_number(x, 2, language),
        "decimal": lambda x: fmt_number(x, 1, language, sign=sign),
        "number": lambda x: fmt_number(x, 0, language),
        "share": lambda x: fmt_percent(x, language),
        "percent": lambda x: fmt_percent(x, language, 1),
    }
    if kind == "year":
        return str(int(value))  # type: ignore[call-overload]
    if kind in formats:
        return formats[kind](float(value))  # type: ignore[arg-type]
    return str(value)
