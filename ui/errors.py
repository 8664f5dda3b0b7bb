"""Errors shown to people: a message in their language naming the field and the problem."""

from __future__ import annotations

import math

import streamlit as st

from model.errors import ParameterError, ScenarioFileError
from model.text.i18n import has, t
from ui.text import exact_number

#: Details that are counts of lines or calendar years: shown as they are, not as "1 234".
PLAIN_DETAILS = frozenset({"line", "column", "row", "year", "price_year"})


def message(exc: Exception, language: str) -> str:
    """A translated message for *exc* (ParameterError codes are in the locale files)."""
    if isinstance(exc, ParameterError):
        details = {k: v if k in PLAIN_DETAILS else _show(v, language) for k, v in exc.details.items()}
        # A file problem carries a reason code: error.file.<reason> says it in the user's language.
        file_key = f"error.file.{exc.details.get('reason')}"
        if exc.code == "bad_file" and has(file_key, language):
            return t(file_key, language, field=exc.field, **details)
        if has(f"error.{exc.code}", language):
            return t(f"error.{exc.code}", language, field=exc.field, **details)
    return t("error.generic", language, detail=str(exc))


def _show(v: object, language: str) -> object:
    """A detail as the message shows it: numbers in the user's format (``−6 500``, ``0,9``), lists joined."""
    if isinstance(v, (tuple, list)):
        return ", ".join(str(_show(x, language)) for x in v)
    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
        return exact_number(v, language, 6)
    return v


def file_error(exc: Exception, language: str) -> str:
    """A scenario-file or store error in the user's language."""
    if isinstance(exc, ScenarioFileError):
        key = f"scenarios.error.{exc.code}"
        details = {k: v for k, v in exc.details.items() if k != "field"}
        text = t(key, language, field=exc.field, **details)
        return text if text != key else str(exc)
    if isinstance(exc, ParameterError):
        return message(exc, language)
    return t("scenarios.error.generic", language, detail=str(exc))


def show_error(exc: Exception, language: str) -> None:
    st.error(message(exc, language), icon=":material/error:")
