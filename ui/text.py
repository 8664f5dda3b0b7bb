"""Numbers for the screen that more than one page writes the same way: exact values and ranges of money.

Pure functions (no streamlit), tested directly. Translations, number formats
and labels are the model's words (``model.text``: ``i18n``, ``labels``,
``user_text.markdown_literal`` for text people typed), and a preset's or a
set's name is ``model.files.presets``'s; this module only combines number
formats the way the app shows them.
"""

from __future__ import annotations

from model.text.i18n import fmt_mnkr, fmt_number, t


def exact_number(x: float, language: str, max_decimals: int) -> str:
    """A number for people with as many decimals as it has (up to *max_decimals*): ``0,013``, ``9 000``."""
    decimals = len(f"{float(x):.{max_decimals}f}".partition(".")[2].rstrip("0"))
    return fmt_number(float(x), decimals, language)


def interval_text(low: float, high: float, language: str) -> str:
    """A range of money with signs: ``−199,0 mnkr till −54,0 mnkr``."""
    return t(
        "uncertainty.interval",
        language,
        low=fmt_mnkr(low, language, sign=True),
        high=fmt_mnkr(high, language, sign=True),
    )
