"""Nothing cut, in a real browser at 390, 768, 1024, 1280 and 1920 px (issue 11).

The findings: at 1024×768 the four headline cards read "−106,…", "−87,7…",
"2…"; at 1280 px the labels were cut ("Barn på HVB/SiS 20…"); a chart legend
read "Scenar" and the title "Barn per vårdform" was invisible. At each width
the test takes a screenshot of the overview and of each chart (into
``$OMSTALLNING_SHOTS`` when set, else a temporary folder), and checks through
the DOM that every metric value and label fits (``scrollWidth <= clientWidth``),
that the headline cards stand 4, 2 or 1 to a line by the width of the page,
and that every text of every chart (legend labels, axis titles) lies inside
the chart, uncut.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit_server import wait_idle

WIDTHS = (390, 768, 1024, 1280, 1920)
CHARTS = ("Nettoeffekt över tid", "Kostnad per budgetpost", "Barn per vårdform")
METRIC = "[data-testid='stMetricValue']"

#: Every metric label and value, and everything inside them, that is wider than its box (cut).
CUT_METRICS = """() => [...document.querySelectorAll(
    "[data-testid='stMetricValue'], [data-testid='stMetricLabel'], "
    + "[data-testid='stMetricValue'] *, [data-testid='stMetricLabel'] *"
  )].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
#: Texts of a chart outside its drawing or cut with an ellipsis, and whether the drawing is wider than its box.
CUT_CHART = """(el) => {
  const svg = el.querySelector('svg'); if (!svg) return ['no chart'];
  const box = svg.getBoundingClientRect(), host = el.getBoundingClientRect(), out = [];
  if (box.right > host.right + 1) out.push('chart wider than its box');
  for (const t of svg.querySelectorAll('text')) {
    const r = t.getBoundingClientRect();
    if (!r.width) continue;
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1
        || t.textContent.includes('…')) out.push(t.textContent);
  }
  return out; }"""
#: The headline rows: the main area's width and the cards' distinct tops (one per line).
ROWS = """() => [...document.querySelectorAll("[class*='st-key-headline_row']")].map(row => [
  row.clientWidth, new Set([...row.children].map(c => Math.round(c.getBoundingClientRect().top))).size,
  row.children.length])"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("OMSTALLNING_SHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def per_line(width: float) -> int:
    """Cards to a line for a headline row this wide (ui/static/layout.css)."""
    return 4 if width > 1000 else 2 if width > 520 else 1


@pytest.mark.parametrize("width", WIDTHS)
def test_no_number_label_legend_or_title_is_cut(browser, app_url, shots, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(app_url)
        page.wait_for_function(f'document.querySelectorAll("{METRIC}").length >= 8', timeout=60000)
        wait_idle(page)
        page.screenshot(path=str(shots / f"overview_{width}.png"), full_page=True)
        assert page.evaluate(CUT_METRICS) == []
        for row_width, lines, cards in page.evaluate(ROWS):
            assert lines == cards // per_line(row_width), (width, row_width, lines)
        for name in CHARTS:
            page.locator("[data-testid=stButtonGroup] button", has_text=name).click()
            wait_idle(page)
            chart = page.locator("[data-testid='stVegaLiteChart']").first
            chart.scroll_into_view_if_needed()
            page.wait_for_timeout(500)  # the chart lays itself out to its width
            assert chart.evaluate(CUT_CHART) == [], (width, name)
            title = page.locator("[data-testid='stMarkdownContainer'] strong").filter(has_text=name.split()[0])
            assert title.first.is_visible(), name  # the title is text above the chart: it wraps, never vanishes
            chart.screenshot(path=str(shots / f"chart_{width}_{CHARTS.index(name)}.png"))
    finally:
        context.close()
