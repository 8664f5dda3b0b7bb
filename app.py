"""Omställningskalkylen — the Streamlit entry point: page config, language, navigation, levers."""

from pathlib import Path

import streamlit as st

from ui import navigation, share, sidebar, state

# The favicon ships with the product: a ":material/..." icon is fetched from Google's font server.
FAVICON = Path(__file__).resolve().parent / "ui" / "static" / "favicon.png"
st.set_page_config(page_title="Omställningskalkylen", page_icon=FAVICON, layout="wide")

share.check_url()  # a tampered link: a message and the defaults, before any widget reads it
lang = sidebar.render_settings()
share.show_url_messages(lang)
page = st.navigation(navigation.pages(lang))
sidebar.render_levers(state.params(), lang)
share.track_opened(state.params(), lang)
page.run()
