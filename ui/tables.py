"""A table of words and amounts, shown as plain HTML with every cell exactly as written.

``st.table`` renders Markdown in every cell, row label and column header, so a
measure label, a scenario name or a note someone typed as ``[Klicka](http://…)``
or ``![](http://…/bild.png)`` would become a link or an image that the browser
fetches. Every table in the app goes through :func:`show_table`, which escapes
all text (:func:`model.text.user_text.markdown_literal`): people see what was
written, never what it would render to.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.text.user_text import markdown_literal, shown_text


def literal(frame: pd.DataFrame) -> pd.DataFrame:
    """*frame* with every text cell and every column name as Markdown that shows exactly as written."""
    shown = frame.map(lambda value: markdown_literal(value) if isinstance(value, str) else value)
    shown.columns = [markdown_literal(name) for name in frame.columns]
    return shown


def show_table(frame: pd.DataFrame, index: str | None = None) -> None:
    """*frame* as a plain HTML table, column *index* (default: the first) as the row labels, all text literal."""
    shown = literal(frame)
    st.table(shown.set_index(shown.columns[0] if index is None else markdown_literal(index)))


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """What people see of a table :func:`show_table` sent (*frame* as an AppTest reads it): the text unescaped."""
    out = frame.map(lambda value: shown_text(value) if isinstance(value, str) else value)
    out.columns = [shown_text(str(name)) for name in frame.columns]
    out.index = pd.Index([shown_text(str(label)) for label in frame.index], name=shown_text(str(frame.index.name)))
    return out
