"""Every chart's text alternative (WCAG 1.1.1): a labelled, silent SVG and its numbers as a table."""

from __future__ import annotations

import model
from model.text.i18n import fmt_mnkr
from ui.charts.overview import build_children_chart, build_cost_chart, build_cumulative_chart
from ui.charts.spec import chart_table, described
from ui.style import lang_script


def _result():
    return model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10_000_000))


def _marks(spec: dict) -> list[dict]:
    found = [spec["mark"]] if "mark" in spec else []
    for layer in spec.get("layer", []):
        found += _marks(layer)
    return found


def test_the_table_has_the_tooltips_columns_in_swedish_words_and_numbers():
    r = _result()
    chart = build_cumulative_chart(r.yearly, r.summary["payback_year"], "sv")
    table = chart_table(chart.template, chart.data)
    assert list(table.columns) == ["År", "Nettoeffekt under året", "Sammanlagd nettoeffekt"]
    assert len(table) == len(r.yearly)
    last = table.iloc[-1]
    assert last["År"] == str(r.yearly["year"].iloc[-1]) and last["Sammanlagd nettoeffekt"].endswith("mnkr")
    # The figure as a person reads it (a sign, a decimal comma, "mnkr"), not a raw 23234567.8.
    assert last["Sammanlagd nettoeffekt"] == fmt_mnkr(r.yearly["cumulative_net_sek"].iloc[-1], "sv", sign=True)


def test_the_table_speaks_english_in_english():
    r = _result()
    for chart in (build_cost_chart(r.yearly, "en"), build_children_chart(r.by_form, r.params.area, "en")):
        table = chart_table(chart.template, chart.data)
        assert table.columns[0] == "Year" and not table.empty
        assert not any("_" in c for c in table.columns)  # titles, not field names


def test_described_labels_the_chart_and_silences_every_mark():
    r = _result()
    chart = build_cumulative_chart(r.yearly, r.summary["payback_year"], "sv")
    spec = described(chart.template, "Nettoeffekt över tid")
    assert spec["description"] == "Nettoeffekt över tid" and spec["config"]["aria"] is False
    marks = _marks(spec)
    assert marks and all(m["aria"] is False for m in marks)
    assert all(m["point"]["aria"] is False for m in marks if "point" in m)
    assert "aria" not in str(chart.template)  # the cached template itself is left alone


def test_the_page_declares_the_users_language():
    assert lang_script("sv") == '<script>document.documentElement.lang = "sv";</script>'
    assert '"en"' in lang_script("en")
