"""Pure Altair chart builders (``build_*_chart(df, ...)``), tested on their Vega-Lite specs without Streamlit.

``spec`` holds what every chart shares (the cached template, axes in the
user's number format), ``palette`` the one set of colours (the theme's), and
one module per page draws that page's charts.
"""
