"""The core app in real headless Chromium: a keyboard slider move, and the downloads (Excel, CSV, the memo)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from playwright.sync_api import expect
from streamlit_server import wait_idle

HEADLINE = "[data-testid='stMetric'] [data-testid='stMetricValue']"
SHIFT = ".st-key-shift_mnkr input[type='range']"


def _written(page, pattern: str) -> None:
    """Wait until a run has written *pattern* into the address, and is over.

    The app reports "not running" between a key press and the run it starts too (the press reaches
    the server a moment later), so "idle" alone does not say that the run for the press is done.
    """
    expect(page).to_have_url(re.compile(rf"[?&]{pattern}(&|$)"), timeout=60_000)
    wait_idle(page)


def test_keyboard_slider_move_updates_the_headline(page, app_url):
    page.goto(app_url)
    _written(page, r"kommun=[^&]+")  # the first run is over
    headline = page.locator(HEADLINE).first
    before = headline.inner_text()
    assert "mnkr" in before
    thumb = page.locator(".st-key-shift_mnkr [data-testid='stSliderThumbValue']")
    for step in ("10,5", "11", "11,5", "12"):  # 4 × 0,5 mnkr, one key at a time, each after the run the
        page.locator(SHIFT).focus()  # previous one started (a key pressed while the app reruns can be lost,
        page.keyboard.press("ArrowRight")  # as it is for a person who waits for the page)
        expect(thumb).to_have_text(re.compile(rf"^{step}\b"))
        _written(page, rf"shift_mnkr={float(step.replace(',', '.'))}")
    page.wait_for_function(
        "([sel, old]) => document.querySelector(sel)?.innerText !== old", arg=[HEADLINE, before], timeout=30000
    )
    wait_idle(page)
    expect(headline).not_to_have_text(before)
    expect(headline).to_contain_text("mnkr")
    # The lever lives in the URL, so the link reproduces the scenario.
    expect(page).to_have_url(re.compile(r"shift_mnkr=12"))
    # The browser shows the slider value in the Swedish locale, e.g. "12".
    expect(page.locator(".st-key-shift_mnkr [data-testid='stSliderThumbValue']")).to_have_text(re.compile(r"^12"))


def test_downloads_produce_files_that_read_back(page, app_url, tmp_path):
    page.goto(app_url)
    wait_idle(page)
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="Ladda ner Excel").click()
    xlsx = tmp_path / "scenario.xlsx"
    info.value.save_as(xlsx)
    wb = load_workbook(xlsx)
    assert wb.sheetnames == [
        "Sammanfattning", "Resultat per år", "Antaganden och källor", "Nettoeffekt per mekanism",
        "Budget per post", "Betalare", "Källförteckning", "Data",
    ]
    assert wb["Data"].max_row == 11
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="Ladda ner CSV").click()
    data = (tmp_path / "scenario.csv")
    info.value.save_as(data)
    df = pd.read_csv(io.BytesIO(data.read_bytes()), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(df) == 10 and "Nettoeffekt (kr)" in df.columns
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="Budgetposter (CSV)").click()
    assert info.value.suggested_filename == "omstallningskalkylen-budgetposter.csv"
    lines = pd.read_csv(io.BytesIO(Path(info.value.path()).read_bytes()), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(lines) == 40 and list(lines.columns)[:2] == ["År", "Budgetpost"]
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="Beslutsunderlag (PDF)").click()
    pdf = tmp_path / "memo.pdf"
    info.value.save_as(pdf)
    assert info.value.suggested_filename == "beslutsunderlag.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and b"/Lang (sv)" in pdf.read_bytes()


def test_a_charts_numbers_are_one_click_away(page, app_url):
    """The table under a chart is built on the click that opens it (a fragment), and it shows the chart's numbers."""
    page.goto(app_url)
    wait_idle(page)
    headline = page.locator(HEADLINE).first.inner_text()
    # The money not used is a plain table of its own; the chart's table is the one with the chart's row.
    chart_table = page.locator("[data-testid='stTable']", has_text="Sammanlagd nettoeffekt")
    expect(page.locator("[data-testid='stTable']", has_text="Inte använt")).to_have_count(1)
    assert chart_table.count() == 0  # folded: not built, not sent
    page.locator("[data-testid='stExpander'] summary", has_text="Visa som tabell").first.click()
    table = chart_table.first
    expect(table).to_be_visible()
    expect(table).to_contain_text("Sammanlagd nettoeffekt")
    expect(table).to_contain_text("mnkr")
    wait_idle(page)
    # Choosing another chart reruns the chart alone (a fragment) and keeps the page as it was.
    page.locator("[data-testid=stButtonGroup] button", has_text="Kostnad per budgetpost").click()
    wait_idle(page)
    expect(page.locator("[data-testid='stMarkdownContainer'] strong", has_text="Kostnad per år")).to_be_visible()
    expect(page.locator(HEADLINE).first).to_have_text(headline)
