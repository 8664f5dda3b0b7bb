"""Errors shown to people: a message in their language naming the field and the problem.

:func:`message` and :func:`file_error` give plain text (tests read it as
such); every place that shows one passes it through
:func:`model.text.user_text.markdown_literal` (:func:`shown`), because a
message quotes what people sent — a file name, a cell, a link's value — and
that must show as typed, never as a link or an image.
"""

from __future__ import annotations

import functools
import logging
import math
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from model.errors import ParameterError, ScenarioFileError
from model.text.i18n import has, t
from model.text.user_text import markdown_literal
from ui import state
from ui.text import exact_number

#: The server's log of unexpected errors (each with the id the user was shown).
LOG = logging.getLogger("omstallningskalkylen")

#: Details that are counts of lines or calendar years: shown as they are, not as "1 234".
PLAIN_DETAILS = frozenset({"line", "column", "row", "first_row", "first_line", "year", "price_year", "position"})


def message(exc: Exception, language: str) -> str:
    """A translated message for *exc* (codes of ParameterError and ScenarioFileError in the locales), as plain text."""
    if isinstance(exc, ScenarioFileError):
        return file_error(exc, language)
    if isinstance(exc, ParameterError):
        details = {k: v if k in PLAIN_DETAILS else _show(v, language) for k, v in exc.details.items()}
        # A file problem carries a reason code: error.file.<reason> says it in the user's language.
        file_key = f"error.file.{exc.details.get('reason')}"
        text = None
        if exc.code == "bad_file" and has(file_key, language):
            text = t(file_key, language, field=exc.field, **details)
        elif has(f"error.{exc.code}", language):
            text = t(f"error.{exc.code}", language, field=exc.field, **details)
        if text is not None:
            if "file" in exc.details and "row" in exc.details:  # located in a row of a table
                text = t("error.in_row", language, file=exc.details["file"], row=exc.details["row"], message=text)
            elif "file" in exc.details:  # a field of a file
                text = t("error.in_file", language, file=exc.details["file"], message=text)
            return text
    return t("error.generic", language, detail=str(exc))


def shown(text: str) -> str:
    """A plain-text message as Markdown that shows it literally."""
    return markdown_literal(text)


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
    st.error(shown(message(exc, language)), icon=":material/error:")


@contextmanager
def boundary(key: str = "error.internal") -> Iterator[None]:
    """The app's error boundary: an unexpected error becomes a message with an error id, never a traceback.

    The traceback goes to the server's log under the same id, so whoever runs
    the server can find it; the user sees a Swedish (or English) message and
    the rest of the page keeps working. Streamlit's own control flow
    (``st.stop``, ``st.rerun``, ``st.switch_page``) raises ``BaseException``
    subclasses and passes through. *key*: the message's locale key (an action's
    own, ``error.action``, says what was being done may not have been done).
    """
    try:
        yield
    except Exception as exc:
        error_id = secrets.token_hex(4)
        LOG.error("unexpected error %s", error_id, exc_info=exc)
        st.error(t(key, state.language(), id=error_id), icon=":material/error:")


def safe_callback(callback: Callable[..., None]) -> Callable[..., None]:
    """*callback* (a widget's ``on_change``/``on_click``) inside the error boundary.

    Streamlit runs callbacks before the script and shows an error in one as its
    own redacted exception over an empty page; guarded, the user gets the
    boundary's message with its id at the top of the page, which then draws as
    usual, and the server's log has the traceback.
    """

    @functools.wraps(callback)
    def run(*args: object, **kwargs: object) -> None:
        with boundary("error.action"):
            callback(*args, **kwargs)

    return run
