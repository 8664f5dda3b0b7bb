"""Work never lost, in a real browser (issue 11): Back and Forward step between lever states, every page keeps
the municipality in the address, and a reload keeps edited assumptions.

The findings: the browser's Back button reset the levers (Streamlit's binding
replaced the history entry on every move); pages other than Översikt dropped
the municipality from the URL, so a copied link opened the wrong one; a reload
dropped every assumption edit.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from streamlit_server import wait_idle

HEADLINE = "[data-testid='stMetricValue']"
SHIFT = ".st-key-shift_mnkr input[type='range']"
SHIFT_VALUE = ".st-key-shift_mnkr [data-testid='stSliderThumbValue']"


def query(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


def settle(page) -> None:
    page.wait_for_timeout(400)
    wait_idle(page)


def headline(page) -> str:
    return page.locator(HEADLINE).first.inner_text()


def move_shift(page) -> str:
    """Move the shift lever one step (0,5 mnkr) up; return the new headline."""
    before = headline(page)
    page.locator(SHIFT).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([sel, old]) => document.querySelector(sel)?.innerText !== old", arg=[HEADLINE, before], timeout=30000
    )
    settle(page)
    return headline(page)


def test_back_and_forward_step_between_lever_states(page, app_url):
    page.goto(app_url)
    page.wait_for_function(f'document.querySelectorAll("{HEADLINE}").length >= 8', timeout=60000)
    settle(page)
    start = headline(page)
    assert query(page.url)["shift_mnkr"] == "10.0"
    first = move_shift(page)
    second = move_shift(page)
    assert query(page.url)["shift_mnkr"] == "11.0"
    page.go_back()
    page.wait_for_function("([s, v]) => document.querySelector(s)?.innerText === v", arg=[HEADLINE, first])
    settle(page)
    assert query(page.url)["shift_mnkr"] == "10.5" and page.locator(SHIFT_VALUE).inner_text() == "10,5"
    page.go_back()
    page.wait_for_function("([s, v]) => document.querySelector(s)?.innerText === v", arg=[HEADLINE, start])
    settle(page)
    assert page.locator(SHIFT_VALUE).inner_text() == "10"
    page.go_forward()
    page.wait_for_function("([s, v]) => document.querySelector(s)?.innerText === v", arg=[HEADLINE, first])
    page.go_forward()
    page.wait_for_function("([s, v]) => document.querySelector(s)?.innerText === v", arg=[HEADLINE, second])


def test_every_page_keeps_the_municipality_in_the_address(page, app_url):
    page.goto(app_url + "/?kommun=small&shift_mnkr=3.5")
    page.wait_for_function(f'document.querySelectorAll("{HEADLINE}").length >= 8', timeout=60000)
    settle(page)
    for name, path in (("Antaganden", "/antaganden"), ("Metod och källor", "/metod"), ("Osäkerhet", "/osakerhet")):
        page.get_by_role("link", name=name).click()
        page.wait_for_url(f"**{path}?*")
        settle(page)
        assert query(page.url)["kommun"] == "small" and query(page.url)["shift_mnkr"] == "3.5", page.url
    # The address of any page opens the same state in a fresh browser tab.
    other = page.context.new_page()
    other.goto(page.url)
    other.get_by_text("Liten kommun (~15 000 invånare) · 2027–2036").wait_for(timeout=60000)
    other.close()


def test_a_reload_keeps_edited_assumptions(page, app_url):
    page.goto(app_url + "/antaganden")
    settle(page)
    page.get_by_role("tab", name="Kommunens egna siffror").click()
    field = page.get_by_role("textbox", name="HVB, kostnad per vårddygn (kr, Kolada N33100)")
    field.fill("7 400")
    page.get_by_role("button", name="Räkna om utgångsläget").click()
    page.wait_for_function("() => location.search.includes('utkast=')", timeout=30000)
    settle(page)
    changed = page.get_by_text("Aktiv uppsättning").inner_text()
    assert not changed.rstrip().endswith(": 0")
    page.reload()
    settle(page)
    page.get_by_text("Aktiv uppsättning").wait_for(timeout=60000)
    assert page.get_by_text("Aktiv uppsättning").inner_text() == changed  # the same changed assumptions
