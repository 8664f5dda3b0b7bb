"""Omställningskalkylen — the Streamlit entry point: page config, language, navigation, levers."""

from pathlib import Path

import streamlit as st

from ui import address, navigation, share, sidebar, state, style

# The favicon ships with the product: a ":material/..." icon is fetched from Google's font server.
FAVICON = Path(__file__).resolve().parent / "ui" / "static" / "favicon.png"
st.set_page_config(page_title="Omställningskalkylen", page_icon=FAVICON, layout="wide")

share.check_url()  # a tampered link: a message and the defaults, before any widget reads it
address.follow()  # a reload, Back or Forward: the state in the address, before any widget is drawn
menu = st.sidebar.container()  # the page links, drawn once this run's address is known
lang = sidebar.render_settings()
style.inject(lang)
share.show_url_messages(lang)
pages = navigation.pages(lang)
page = st.navigation(pages, position="hidden")
sidebar.render_levers(state.params(), lang)
navigation.render_links(menu, pages, address.write(state.params(), lang))
share.track_opened(state.params(), lang)
page.run()
