"""Omställningskalkylen — the Streamlit entry point: page config, language, navigation, levers.

Each part runs inside the error boundary (:func:`ui.errors.boundary`): an
unexpected error shows a message with an error id and is logged on the
server; it never shows a traceback, and the other parts still run.
"""

from pathlib import Path

import streamlit as st

from ui import account, navigation, share, sidebar, state
from ui.errors import boundary

# The favicon ships with the product: a ":material/..." icon is fetched from Google's font server.
FAVICON = Path(__file__).resolve().parent / "ui" / "static" / "favicon.png"
st.set_page_config(page_title="Omställningskalkylen", page_icon=FAVICON, layout="wide")

with boundary():
    share.check_url()  # a tampered link: a message and the defaults, before any widget reads it
with boundary():
    sidebar.render_settings()
lang = state.language()
with boundary():
    account.render(lang)  # signed in as ... / sign in, or the single-user notice
    share.show_url_messages(lang)
page = st.navigation(navigation.pages(lang))
with boundary():
    sidebar.render_levers(state.params(), lang)
    share.track_opened(state.params(), lang)
with boundary():
    page.run()
