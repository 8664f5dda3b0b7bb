"""Omställningskalkylen — the Streamlit entry point: page config, language, navigation, levers."""

from pathlib import Path

import streamlit as st

from model.text.i18n import t
from ui import share, sidebar, state

# The favicon ships with the product: a ":material/..." icon is fetched from Google's font server.
FAVICON = Path(__file__).resolve().parent / "ui" / "static" / "favicon.png"
st.set_page_config(page_title="Omställningskalkylen", page_icon=FAVICON, layout="wide")

share.check_url()  # a tampered link: a message and the defaults, before any widget reads it
lang = sidebar.render_settings()
share.show_url_messages(lang)
pages = [
    st.Page("ui/pages/overview.py", title=t("nav.overview", lang), icon=":material/dashboard:", default=True),
    st.Page(
        "ui/pages/uncertainty.py", title=t("nav.uncertainty", lang), icon=":material/casino:", url_path="osakerhet"
    ),
    st.Page("ui/pages/scenarios.py", title=t("nav.scenarios", lang), icon=":material/compare:", url_path="scenarier"),
    st.Page("ui/pages/assumptions.py", title=t("nav.assumptions", lang), icon=":material/tune:", url_path="antaganden"),
    st.Page("ui/pages/method.py", title=t("nav.method", lang), icon=":material/menu_book:", url_path="metod"),
]
page = st.navigation(pages)
sidebar.render_levers(state.params(), lang)
share.track_opened(state.params(), lang)
page.run()
