"""The uncertainty page in real Chromium with two users at once: the line for heavy runs (issue 14).

Only a real server shows these: Streamlit records what a cached function draws
and replays it on every cache hit (AppTest has no such runtime), and only two
sessions on one server share its gate.
"""

from __future__ import annotations

import time

from streamlit_server import wait_idle

SHIFT = ".st-key-shift_mnkr input[type='range']"
EXCEPTION = "[data-testid='stException']"
QUEUE = "Beräknar, plats 1 i kön"


def open_page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{app_url}/osakerhet")
    wait_idle(page, 120000)
    return context, page


def first_to_show(text: str, pages, timeout_s: float):
    """The first of *pages* found showing *text* (checked every 50 ms), or None after *timeout_s* seconds."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for page in pages:
            if page.get_by_text(text).count():
                return page
        pages[0].wait_for_timeout(50)
    return None


def move(page, key: str) -> None:
    page.locator(SHIFT).focus()
    page.keyboard.press(key)


def test_a_second_user_waits_in_line_and_cache_hits_replay_cleanly(browser, app_url):
    (ca, a), (cb, b) = open_page(browser, app_url), open_page(browser, app_url)
    try:
        # Both ask for 20 000 simulations: seconds of work for the server's one heavy slot.
        for p in (a, b):
            p.get_by_text("Om simuleringen").click()
            p.get_by_role("radio", name="20\u00a0000").click()
            p.get_by_text("20\u00a0000 simuleringar där varje").wait_for(timeout=60000)
            wait_idle(p, 120000)
        # Both move the shift at once, in opposite directions: two 20 000-draw runs for the one slot, so whichever
        # reaches the line second waits its turn and is told its place. They ask for different levers: the same
        # would give the second a cache hit. (Waiting for A's run to start before B moved raced with the run: a
        # run that ended before B's rerun reached the line left B nothing to wait for; the runs got faster.)
        move(a, "ArrowRight")
        move(b, "ArrowLeft")
        assert first_to_show(QUEUE, (a, b), timeout_s=60) is not None, "neither user was told a place in line"
        for p in (a, b):
            wait_idle(p, 120000)
            assert p.get_by_text(QUEUE).count() == 0  # gone once the results are there
        # Back to the levers computed before: cache hits, whose replay must not fail.
        move(a, "ArrowLeft")
        move(b, "ArrowRight")
        for p in (a, b):
            time.sleep(0.3)
            wait_idle(p, 120000)
            assert p.locator(EXCEPTION).count() == 0, p.locator(EXCEPTION).first.inner_text()
            assert p.get_by_text("Chans att betala sig inom mandatperioden").count() == 1
    finally:
        ca.close()
        cb.close()
