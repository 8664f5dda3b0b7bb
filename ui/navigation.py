"""The app's pages: one table that the router (``app.py``) and the links (``ui.share``) both read."""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from model.text.i18n import t


class PageSpec(NamedTuple):
    """One page: its script (relative to app.py), title key, icon and address (None: the app's root)."""

    script: str
    title: str
    icon: str
    url_path: str | None


PAGES = (
    PageSpec("ui/pages/overview.py", "nav.overview", ":material/dashboard:", None),
    PageSpec("ui/pages/uncertainty.py", "nav.uncertainty", ":material/casino:", "osakerhet"),
    PageSpec("ui/pages/scenarios.py", "nav.scenarios", ":material/compare:", "scenarier"),
    PageSpec("ui/pages/assumptions.py", "nav.assumptions", ":material/tune:", "antaganden"),
    PageSpec("ui/pages/method.py", "nav.method", ":material/menu_book:", "metod"),
)
#: The address of every page but the default one (which lives at the app's root).
URL_PATHS = tuple(p.url_path for p in PAGES if p.url_path)


def pages(language: str) -> list[st.Page]:
    """The pages for ``st.navigation``, titled in *language*."""
    return [
        st.Page(p.script, title=t(p.title, language), icon=p.icon, url_path=p.url_path, default=p.url_path is None)
        for p in PAGES
    ]
