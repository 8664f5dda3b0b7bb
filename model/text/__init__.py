"""Words for people: translated strings, number formats and labels (depends on the model core only)."""
