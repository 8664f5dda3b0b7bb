"""A part of a page folded in an expander and built only while the expander is open.

On the pages a lever reruns, a detail a committee member rarely opens (a chart's
numbers, the table year by year, the budget lines per year) costs every slider
move its computation, its elements and the browser's render when it is built
folded; built only while open, it costs a closed one nothing (issue 14). The
expander keeps its open state under *key* for the session, so a controller who
opens it keeps it open (and pays for it) on every move.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


@st.fragment
def folded(label: str, key: str, draw: Callable[[], None]) -> None:
    """An expander labelled *label* that calls *draw* inside it only while it is open.

    A fragment: opening or closing it reruns this part only, not the page.
    """
    part = st.expander(label, key=key, on_change="rerun")
    if part.open:
        with part:
            draw()
