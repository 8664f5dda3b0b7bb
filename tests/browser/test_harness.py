"""Proves the browser harness on the trivial one-slider app."""

from pathlib import Path

from playwright.sync_api import expect
from streamlit_server import running_app, wait_idle

TRIVIAL = Path(__file__).resolve().parents[2] / "bench" / "trivial_app.py"


def test_keyboard_slider_move_reruns_app(page):
    with running_app(TRIVIAL) as url:
        page.goto(url)
        wait_idle(page)
        metric = page.locator("[data-testid='stMetricValue']")
        expect(metric).to_have_text("30 kr")
        page.locator(".st-key-amount input[type='range']").focus()
        page.keyboard.press("ArrowRight")
        expect(metric).to_have_text("33 kr")
        wait_idle(page)
        expect(metric).to_have_text("33 kr")
