"""The method page's parts: the table of sources and the evidence of each measure."""
