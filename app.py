"""Omställningskalkylen — the Streamlit entry point: page config, language, navigation, levers.

Each part runs inside the error boundary (:func:`ui.errors.boundary`): an
unexpected error shows a message with an error id and is logged on the
server; it never shows a traceback, and the other parts still run.
"""

from pathlib import Path

import streamlit as st

from model.text.i18n import t
from ui import account, address, areas, meeting, navigation, share, sidebar, state, style
from ui.errors import boundary

# The favicon ships with the product: a ":material/..." icon is fetched from Google's font server.
FAVICON = Path(__file__).resolve().parent / "ui" / "static" / "favicon.png"
st.set_page_config(page_title="Omställningskalkylen", page_icon=FAVICON, layout="wide")

with boundary():
    share.check_url()  # a tampered link: a message and the defaults, before any widget reads it
with boundary():
    address.follow()  # a reload, Back or Forward: the state in the address, before any widget is drawn
with boundary():
    areas.render(state.language())  # "Område" at the very top of the sidebar
menu = st.sidebar.container()  # the page links, drawn once this run's address is known
with boundary():
    sidebar.render_settings()
lang = state.language()
with boundary():
    style.inject(lang)
    account.render(lang)  # signed in as ... / sign in, or the single-user notice
    share.show_url_messages(lang)
if meeting.requested(st.query_params):  # Mötesläge: the projector view, no levers, no menu
    with boundary():
        meeting.render(lang)
    st.stop()
pages = navigation.pages(lang)
page = st.navigation(pages, position="hidden")
st.set_page_config(page_title=t("app.page_title", lang, page=page.title))  # each page its own title (WCAG 2.4.2)
with boundary():
    sidebar.render_levers(state.params(), lang)
    navigation.render_links(menu, pages, address.write(state.params(), lang))
    share.track_opened(state.params(), lang)
with boundary():
    page.run()
