"""The scenarios page's parts: saving and the list, the comparison, sharing and importing."""
