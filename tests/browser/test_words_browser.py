"""Words and numbers as people see them, in a real browser (issue 11).

The findings: the municipality's name stayed Swedish after a switch to English;
the file uploader said "Upload" and "5MB per file" and text fields "Press Enter
to apply" in the Swedish app; in "Lägg till en insats" a browser number field
read "0,1" as 1.000 (a 100 % effect) and "0,02" as 2, and a table cell read
"1e12" as 112 — all without a word.
"""

from __future__ import annotations

from streamlit_server import wait_idle

SIDEBAR_SELECT = "[data-testid='stSidebar'] [data-testid='stSelectbox']"
ERROR = "[data-testid='stAlertContentError']"
AFTER = "(e) => getComputedStyle(e, '::after').content"
SIZE = "(e) => getComputedStyle(e).fontSize"


def settle(page) -> None:
    page.wait_for_timeout(400)
    wait_idle(page)


def test_the_municipality_name_switches_language_at_once(page, app_url):
    page.goto(app_url)
    settle(page)
    page.locator(SIDEBAR_SELECT).first.click()
    page.get_by_role("option", name="English").click()
    page.get_by_text("Budget shift").wait_for(timeout=30000)
    settle(page)
    assert page.locator(SIDEBAR_SELECT).nth(1).locator("input").input_value().startswith("Växjö-like municipality")


def test_the_file_uploaders_and_text_fields_speak_swedish(page, app_url):
    page.goto(app_url + "/antaganden")
    settle(page)
    page.get_by_role("tab", name="Spara och ladda upp").click()
    zone = page.locator("[data-testid='stFileUploaderDropzone']").first
    button = zone.locator("button [data-testid='stMarkdownContainer'] p")
    assert button.evaluate(SIZE) == "0px" and button.evaluate(AFTER) == '"Ladda upp"'
    limit = zone.locator("[data-testid='stFileUploaderDropzoneInstructions'] span").first
    assert limit.evaluate(SIZE) == "0px" and limit.evaluate(AFTER) == '"Högst 5 MB per fil"'
    page.get_by_role("tab", name="Kommunens egna siffror").click()
    field = page.get_by_role("textbox", name="HVB, kostnad per vårddygn (kr, Kolada N33100)")
    field.click()
    field.press("End")
    field.type("1")
    hint = page.locator("[data-testid='InputInstructions'] > span").first
    hint.wait_for(state="attached")  # its own text has no size: the Swedish words are its ::after
    assert hint.evaluate(SIZE) == "0px" and hint.evaluate(AFTER) == '"Tryck Enter för att skicka"'


def test_a_decimal_comma_in_the_new_measure_form_is_a_tenth(page, app_url):
    page.goto(app_url + "/antaganden")
    settle(page)
    page.get_by_role("tab", name="Insatser").click()
    page.get_by_role("textbox", name="Namn", exact=True).fill("Nattvandrare")
    page.get_by_role("textbox", name="Relativ minskning av risken", exact=True).fill("0,1")
    page.get_by_role("textbox", name="Lågt värde").fill("0,02")
    page.get_by_role("textbox", name="Högt värde").fill("0,2")
    page.get_by_role("button", name="Lägg till insatsen").click()
    page.get_by_text("Insatsen Nattvandrare är tillagd").wait_for(timeout=30000)
    settle(page)
    page.get_by_role("tab", name="Alla värden").click()
    group = page.locator("[data-testid='stExpander']", has_text="Insats: Nattvandrare")
    group.locator("summary").click()
    settle(page)
    editor = group.locator(".stDataFrame")
    row = editor.locator("tr", has_text="relativ minskning av risken")
    row.wait_for(state="attached")
    cells = [c.inner_text() for c in row.locator("[role=gridcell]").all()]
    assert cells[2:6] == ["0,1", "andel", "0,02", "0,2"], cells  # value, unit, low, high: a tenth, not 100 %
