"""In a real browser: save a scenario, reload, open it again, and follow shared links to the same headline."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from streamlit_server import REPO, running_app, wait_idle

METRIC = "[data-testid='stMetricValue']"


def _headline(page) -> str:
    wait_idle(page)
    return page.locator(METRIC).first.inner_text()


def test_save_reload_open_and_follow_shared_links(browser, tmp_path):
    db = f"sqlite:///{tmp_path / 'scenarios.db'}"
    with running_app(REPO / "app.py", env={"OMSTALLNING_DB_URL": db}) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="sv-SE")
        page = context.new_page()

        # The levers come from a link; the overview shows their headline.
        page.goto(f"{url}/?shift_mnkr=22.5&ramp_years=2&mix_parent_training=60")
        wait_idle(page)
        headline = _headline(page)
        assert "mnkr" in headline

        # Save them under a name on the page "Spara och jämför".
        page.get_by_role("link", name="Spara och jämför").click()
        wait_idle(page)
        page.get_by_label("Namn", exact=True).fill("Majoritetens förslag")
        page.get_by_label("Anteckning (frivillig)").fill("Två års upptrappning, mer föräldrastöd.")
        page.get_by_role("button", name="Spara scenario").click()
        expect(page.get_by_text("Sparat: Majoritetens förslag")).to_be_visible(timeout=30_000)
        wait_idle(page)
        match = re.search(r"[?&]scenario=([a-z0-9]+)", page.url)
        assert match, page.url  # the address bar is now a link to the saved scenario
        scenario_id = match.group(1)

        # Reload: the scenario is still in the list (it is in the database, not the session).
        page.goto(f"{url}/scenarier")
        wait_idle(page)
        item = page.locator(f".st-key-scn_item_{scenario_id}")
        expect(item.get_by_text("Majoritetens förslag")).to_be_visible()
        expect(item.get_by_text("Två års upptrappning, mer föräldrastöd.")).to_be_visible()

        # Move a lever away, then open the saved scenario again: the sidebar gets its levers back.
        page.goto(f"{url}/scenarier?shift_mnkr=3")
        wait_idle(page)
        page.locator(f".st-key-scn_open_{scenario_id} button").click()
        expect(page.get_by_text("Öppnade Majoritetens förslag")).to_be_visible(timeout=30_000)
        wait_idle(page)
        page.get_by_role("link", name="Översikt").click()
        expect(page.locator(METRIC).first).to_have_text(headline, timeout=30_000)

        # A colleague follows the link to the saved scenario in their own browser.
        colleague = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="sv-SE")
        other = colleague.new_page()
        other.goto(f"{url}/?scenario={scenario_id}")
        expect(other.get_by_text("Öppnade det sparade scenariot")).to_be_visible(timeout=30_000)
        expect(other.locator(METRIC).first).to_have_text(headline)
        other.screenshot(path=str(tmp_path / "colleague.png"))

        # ... and the plain lever link from the "Dela" box, which carries every lever.
        page.get_by_role("link", name="Spara och jämför").click()
        wait_idle(page)
        page.get_by_role("tab", name="Dela och importera").click()
        code = page.locator("[data-testid='stCode']").filter(has_text="shift_mnkr").first
        lever_link = code.inner_text().strip()
        assert "shift_mnkr=22.5" in lever_link and lever_link.startswith(url)
        third = colleague.new_page()
        third.goto(lever_link)
        wait_idle(third)
        expect(third.locator(METRIC).first).to_have_text(headline)
        assert not third.get_by_text("Länken hade").count()  # no complaint about the link
        colleague.close()
        context.close()
