"""The assumptions page's parts: one module per tab, the callbacks, and the pure edit logic.

``editing`` (edited table -> parameters) and ``measures`` (a new measure as
data) import no streamlit and are tested directly; ``actions`` holds the
callbacks that write session state; the rest draw.
"""
