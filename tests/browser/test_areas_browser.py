"""The area switch in real headless Chromium: a lever set in one area survives a visit to the other, and the
address says the area."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from streamlit_server import wait_idle

SHIFT = ".st-key-shift_mnkr input[type='range']"
THUMB = ".st-key-shift_mnkr [data-testid='stSliderThumbValue']"
SELECTOR = ".st-key-_omrade_sv"


AREAS = {"Barn och unga": "children", "Ekonomiskt bistånd": "employment"}


def _choose(page, label: str) -> None:
    """Choose an area and wait for the run it starts (the address names the area once the sidebar has run)."""
    page.locator(SELECTOR).get_by_text(label, exact=True).click()
    expect(page).to_have_url(re.compile(rf"omrade={AREAS[label]}"), timeout=60000)
    wait_idle(page, 60000)


def test_switching_area_and_back_keeps_the_lever(page, app_url):
    page.goto(app_url)
    wait_idle(page, 120000)  # the first run of a cold server on a loaded machine
    for step in ("10,5", "11"):  # one key at a time, as in test_app_browser
        page.locator(SHIFT).focus()
        page.keyboard.press("ArrowRight")
        expect(page.locator(THUMB)).to_have_text(re.compile(rf"^{step}\b"))
        wait_idle(page)
    expect(page).to_have_url(re.compile(r"omrade=children.*shift_mnkr=11"))
    _choose(page, "Ekonomiskt bistånd")
    expect(page).to_have_url(re.compile(r"omrade=employment"))
    expect(page).to_have_url(re.compile(r"kommun=employment_default"))
    expect(page.locator(".st-key-mix_ips")).to_be_visible()  # the employment area's own measures
    expect(page.locator(THUMB)).not_to_have_text(re.compile(r"^11\b"))
    _choose(page, "Barn och unga")
    expect(page).to_have_url(re.compile(r"omrade=children"))
    expect(page.locator(THUMB)).to_have_text(re.compile(r"^11\b"))
    expect(page).to_have_url(re.compile(r"shift_mnkr=11"))
    expect(page.locator(".st-key-mix_ips")).to_have_count(0)
    page.go_back()  # Back: to the employment area as it was, and the children's lever is still kept
    expect(page).to_have_url(re.compile(r"omrade=employment"))
    wait_idle(page, 60000)
    expect(page.locator(".st-key-mix_ips")).to_be_visible()
    _choose(page, "Barn och unga")
    expect(page.locator(THUMB)).to_have_text(re.compile(r"^11\b"))
