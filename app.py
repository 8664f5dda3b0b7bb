"""Omställningskalkylen — the Streamlit entry point: page config, language, navigation, levers."""

import streamlit as st

from ui import allocator, navigation, share, sidebar, state

allocator.keep_freed_memory()  # process-wide, cached: see ui/allocator.py
st.set_page_config(page_title="Omställningskalkylen", page_icon=":material/balance:", layout="wide")

share.check_url()  # a tampered link: a message and the defaults, before any widget reads it
lang = sidebar.render_settings()
share.show_url_messages(lang)
page = st.navigation(navigation.pages(lang))
sidebar.render_levers(state.params(), lang)
share.track_opened(state.params(), lang)
page.run()
