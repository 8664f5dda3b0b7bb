"""Words for the screen that more than one page needs: user text made literal, names, exact numbers.

Pure functions (no streamlit), tested directly. Translations and number
formats themselves are the model's (``model.i18n``); this module only
combines them the way the app shows them.
"""

from __future__ import annotations

import re

from model.i18n import fmt_mnkr, fmt_number, has, t
from model.io import presets
from model.parameters import CARE_FORMS, Parameters

# CommonMark lets a backslash escape any ASCII punctuation; these are the characters that can start
# markup (emphasis, code, links, images, HTML, strike-through, formulas, tables, headings, lists,
# Streamlit's :emoji: and :colour[...] directives, e-mail and http: autolinks).
_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-=!|<>~$:@"})
# A full stop makes markup only after "www" (an autolink) or after a number opening a line (an
# ordered list); elsewhere it stays as typed, so a file name reads "kollega.xlsx".
_MARKUP_STOP = re.compile(r"(?im)(www|^\s*\d+)\.")


def md(text: object) -> str:
    """User text (a scenario's or a set's name, a note, a file name) shown as Markdown literally.

    Every character that could start Markdown markup is escaped, so a name can
    never become a link, emphasis, a formula, an icon or a list; the text reads
    as typed.
    """
    escaped = str(text).translate(_MARKDOWN_SPECIAL)
    return _MARKUP_STOP.sub(r"\1\\.", escaped)


def preset_name(preset: str, language: str, fallback: str = "–") -> str:
    """A preset's display name: its own (Swedish) name, or its translation (``preset.<id>``)."""
    if language == "sv":
        return presets().get(preset, fallback)
    return t(f"preset.{preset}", language)


def set_name(params: Parameters, language: str) -> str:
    """The parameter set's name in the user's language (a preset's own name is Swedish)."""
    key = f"preset.{params.preset}"
    if language != "sv" and params.preset and has(key, language) and params.name == presets().get(params.preset):
        return t(key, language)
    return params.name


def form_labels(language: str) -> dict[str, str]:
    """Care form id -> its name in *language*."""
    return {c.id: c.label(language) for c in CARE_FORMS}


def measure_label(params: Parameters, measure_id: str, language: str) -> str:
    """A measure's name in *language*, or its id when *params* has no such measure."""
    return params.measure(measure_id).label(language) if measure_id in params.measure_ids else measure_id


def exact_number(x: float, language: str, max_decimals: int) -> str:
    """A number for people with as many decimals as it has (up to *max_decimals*): ``0,013``, ``9 000``."""
    decimals = len(f"{float(x):.{max_decimals}f}".rstrip("0").split(".")[1])
    return fmt_number(float(x), decimals, language)


def interval_text(low: float, high: float, language: str) -> str:
    """A range of money with signs: ``−199,0 mnkr till −54,0 mnkr``."""
    return t(
        "uncertainty.interval",
        language,
        low=fmt_mnkr(low, language, sign=True),
        high=fmt_mnkr(high, language, sign=True),
    )
