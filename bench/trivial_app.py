"""Trivial one-slider app: the latency floor to compare the real app against."""

import altair as alt
import pandas as pd
import streamlit as st

value = st.slider("Belopp", 0, 100, 10, key="amount")
st.metric("Resultat", f"{value * 3} kr")
data = pd.DataFrame({"x": range(10), "y": [value * i for i in range(10)]})
st.altair_chart(alt.Chart(data).mark_line().encode(x="x", y="y"))
