"""The overview page's parts: the big numbers, the chart, the yearly table with downloads, the decision memo."""
