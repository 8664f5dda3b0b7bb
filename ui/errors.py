"""Errors shown to people: a message in their language naming the field and the problem."""

from __future__ import annotations

import streamlit as st

from model.errors import ParameterError, ScenarioFileError
from model.text.i18n import has, t


def message(exc: Exception, language: str) -> str:
    """A translated message for *exc* (ParameterError and ScenarioFileError codes are in the locale files)."""
    if isinstance(exc, ScenarioFileError):
        return file_error(exc, language)
    if isinstance(exc, ParameterError):
        details = {k: _show(v) for k, v in exc.details.items()}
        # A file problem carries a reason code: error.file.<reason> says it in the user's language.
        file_key = f"error.file.{exc.details.get('reason')}"
        if exc.code == "bad_file" and has(file_key, language):
            return t(file_key, language, field=exc.field, **details)
        if has(f"error.{exc.code}", language):
            return t(f"error.{exc.code}", language, field=exc.field, **details)
    return t("error.generic", language, detail=str(exc))


def _show(v: object) -> object:
    if isinstance(v, (tuple, list)):
        return ", ".join(map(str, v))
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
