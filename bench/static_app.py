"""The trivial app and a page of paragraphs that never change: what a page's size alone costs a slider move.

``python bench/latency.py --static N`` measures it beside the trivial app, under
the same config in the same run, with ``N`` paragraphs (``STATIC_ELEMENTS``;
110 by default: the overview sends 113 messages a rerun, ``--trace``). Only
the trivial app's metric and chart change with the slider. Every paragraph is
sent again on each rerun with the hash it had, so the browser may reuse it;
what it still costs is Streamlit's own price of a page that size, whatever
the page says.
"""

import os

import altair as alt
import pandas as pd
import streamlit as st

ELEMENTS = int(os.environ.get("STATIC_ELEMENTS", "110"))

value = st.slider("Belopp", 0, 100, 10, key="amount")
st.metric("Resultat", f"{value * 3} kr")
data = pd.DataFrame({"x": range(10), "y": [value * i for i in range(10)]})
st.altair_chart(alt.Chart(data).mark_line().encode(x="x", y="y"))
for i in range(ELEMENTS):
    st.markdown(f"Stycke {i + 1}: en mening som är densamma vid varje körning, **med fetstil** som i appen.")
