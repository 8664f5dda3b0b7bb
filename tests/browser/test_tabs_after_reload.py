"""A click on "Jämför" right after a reload stays: no later run puts the scenario page's tabs back.

The tabs are a widget (``st.tabs(key="scn_tab", on_change="rerun")``): the browser shows the tab the
server last sent, and switches when a run sends another. A run that the browser sends without the
clicked tab in it (a late rerun of the page load, or one started by another widget) would put the tabs
back to the first. The test reloads the page, clicks "Jämför" as soon as it is drawn, waits until the
app is idle, and then checks both what the user sees and what the browser sent: every run after the
click carries the compare tab, and no run started after the click's own.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit_server import wait_idle

QUIET_MS = 3_000  # long enough for a late rerun to reach the server and come back


def _record_reruns(page) -> list[dict[str, str]]:
    """Every run the page asks for, as {widget key: string value} (e.g. ``scn_tab``)."""
    runs: list[dict[str, str]] = []

    def sent(payload) -> None:
        if isinstance(payload, str):
            return
        message = BackMsg()
        message.ParseFromString(payload)
        if message.WhichOneof("type") == "rerun_script":
            widgets = message.rerun_script.widget_states.widgets
            runs.append({w.id.rsplit("-", 1)[-1]: w.string_value for w in widgets if w.HasField("string_value")})

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return runs


def test_compare_tab_clicked_right_after_a_reload_stays(page, app_url):
    runs = _record_reruns(page)
    page.goto(f"{app_url}/scenarier")
    expect(page).to_have_url(re.compile(r"[?&]kommun="), timeout=60_000)  # the first run wrote the address
    wait_idle(page)

    before = len(runs)
    page.reload()
    compare = page.get_by_role("tab", name="Jämför")
    compare.click()  # as soon as the reloaded page draws it: its first run may still be going
    expect(compare).to_have_attribute("aria-selected", "true")
    wait_idle(page)
    page.wait_for_timeout(QUIET_MS)
    wait_idle(page)

    expect(compare).to_have_attribute("aria-selected", "true")
    expect(page.locator(".st-key-scn_compare")).to_be_visible()  # the compare tab's content, not only its label
    load, *rest = runs[before:]  # the reloaded page's first run, then the click's
    assert "scn_tab" not in load  # a fresh page knows no tab yet
    assert [run.get("scn_tab") for run in rest] == ["Jämför"], f"runs after the reload's: {rest}"


def test_compare_tab_and_language_stay_when_a_scenario_is_picked_on_an_english_page(page, app_url):
    """The browser once sent "Svenska" from an English page with the user's next action (the language
    selector's default, not the session's value): the page turned Swedish and the tabs went back to the first."""
    runs = _record_reruns(page)
    page.goto(f"{app_url}/scenarier?lang=en")
    expect(page).to_have_url(re.compile(r"[?&]kommun="), timeout=60_000)
    wait_idle(page)
    compare = page.get_by_role("tab", name="Compare")
    compare.click()
    expect(page.locator(".st-key-scn_compare")).to_be_visible()
    wait_idle(page)
    page.locator(".st-key-scn_compare input[role='combobox']").click()
    page.get_by_role("listbox").get_by_role("option").first.click()
    expect(page.locator(".st-key-scn_compare")).to_contain_text("Current settings (unsaved)")  # picked
    wait_idle(page)
    page.keyboard.press("Escape")
    page.wait_for_timeout(QUIET_MS)
    wait_idle(page)

    expect(compare).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("heading", level=1)).to_have_text("Save, compare and share scenarios")
    sent = [run["lang"] for run in runs if "lang" in run]
    assert sent and set(sent) == {"English"}, sent
