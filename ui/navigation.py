"""The app's pages: one table that the router (``app.py``) and the links (``ui.share``) both read.

The sidebar's page links are the app's own (``st.navigation(position="hidden")``):
each carries the whole state in its address (``ui.address``), so a page switch
keeps the municipality and the levers in the URL and makes one history entry
(Streamlit's own menu drops every query parameter it does not bind).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from model.text.i18n import t


class PageSpec(NamedTuple):
    """One page: its script (relative to app.py), title key, icon and address (None: the app's root)."""

    script: str
    title: str
    icon: str
    url_path: str | None


PAGES = (
    PageSpec("ui/pages/overview.py", "nav.overview", ":material/dashboard:", None),
    PageSpec("ui/pages/committee.py", "nav.committee", ":material/account_balance:", "hela-namnden"),
    PageSpec("ui/pages/uncertainty.py", "nav.uncertainty", ":material/casino:", "osakerhet"),
    PageSpec("ui/pages/scenarios.py", "nav.scenarios", ":material/compare:", "scenarier"),
    PageSpec("ui/pages/assumptions.py", "nav.assumptions", ":material/tune:", "antaganden"),
    PageSpec("ui/pages/method.py", "nav.method", ":material/menu_book:", "metod"),
    PageSpec("ui/pages/accessibility.py", "nav.accessibility", ":material/accessibility:", "tillganglighet"),
)
#: The address of every page but the default one (which lives at the app's root).
URL_PATHS = tuple(p.url_path for p in PAGES if p.url_path)


def pages(language: str) -> list[st.Page]:
    """The pages for ``st.navigation``, titled in *language*."""
    return [
        st.Page(p.script, title=t(p.title, language), icon=p.icon, url_path=p.url_path, default=p.url_path is None)
        for p in PAGES
    ]


def render_links(where: DeltaGenerator, pages: Sequence[st.Page], query: Mapping[str, str]) -> None:
    """One link per page in *where*, each to the page with the state *query*."""
    for page in pages:
        where.page_link(page, query_params=dict(query), width="stretch")
    where.divider()
