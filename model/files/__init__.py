"""Everything that reads or writes bytes: parameter files, presets, exports, scenario JSON, the store."""
