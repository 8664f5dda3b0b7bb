"""Sign-in end to end: st.login against a local OIDC provider, two users and a signed-out visitor.

The provider is ``oidc-provider-mock`` (PyPI), started by the test on a
loopback port with two predefined users; the app gets an ``[auth]`` section in
a secrets file of its own (``--secrets.files``). Anna saves a scenario;
Bertil can open and copy it but not rename or delete it; a signed-out visitor
can open it but save nothing; Anna renames her own. The audit rows that
result are read from the database, and each user's change log shows theirs.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect
from streamlit_server import REPO, free_port, running_app, wait_idle

from model.files.scenario_store import ScenarioStore

USERS = {
    "anna": {"sub": "anna", "email": "anna@kommun.se", "name": "Anna Andersson"},
    "bertil": {"sub": "bertil", "email": "bertil@kommun.se", "name": "Bertil Berg"},
}


@contextmanager
def oidc_provider() -> Iterator[str]:
    """oidc-provider-mock on a free loopback port, with the two users; yields its issuer URL."""
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    args = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    for claims in USERS.values():
        args += ["--user-claims", json.dumps(claims)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the OIDC test provider did not start") from None
                time.sleep(0.2)
        yield issuer
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def signed_in_app(tmp_path_factory):
    """The app with sign-in configured against the test provider; yields (URL, database URL)."""
    folder = tmp_path_factory.mktemp("signin")
    db = f"sqlite:///{folder / 'scenarios.db'}"
    port = free_port()
    with oidc_provider() as issuer:
        secrets = folder / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "test-only-cookie-secret-0123456789abcdef"\n'
            'client_id = "omstallningskalkylen"\n'
            'client_secret = "test-only-client-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
            "\n[access]\n"
            'admin_roles = ["admin"]\n',
            encoding="utf-8",
        )
        with running_app(
            REPO / "app.py", env={"OMSTALLNING_DB_URL": db}, extra_args=["--secrets.files", str(secrets)], port=port
        ) as url:
            yield url, db


def _page(browser):
    return browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE").new_page()


def sign_in(browser, url: str, user: str):
    """A page of its own, signed in as *user* through the provider's form."""
    page = _page(browser)
    page.goto(url)
    wait_idle(page)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/oauth2/authorize**", timeout=30_000)
    page.get_by_role("button", name=user, exact=True).click()
    page.wait_for_url(f"{url}/**", timeout=30_000)
    expect(page.get_by_text(f"Inloggad som {USERS[user]['name']}")).to_be_visible(timeout=30_000)
    return page


def scenarios_page(page, url: str) -> None:
    page.goto(f"{url}/scenarier")
    wait_idle(page)


def item(page, name: str):
    """The saved scenario *name* in the list (its bordered container, by its bold heading)."""
    heading = page.locator("strong").filter(has_text=re.compile(f"^{re.escape(name)}$"))
    return page.locator("[class*='st-key-scn_item_']").filter(has=heading)


def shown(text: str) -> re.Pattern:
    """*text* as the page shows user text: a word joiner may follow a colon or an at-sign."""
    return re.compile("".join(re.escape(c) + ("\u2060?" if c in ":@" else "") for c in text))


def test_owners_others_and_the_signed_out(browser, signed_in_app):
    url, db = signed_in_app
    anna, bertil, guest = sign_in(browser, url, "anna"), sign_in(browser, url, "bertil"), _page(browser)

    # Anna saves a scenario: it is hers.
    scenarios_page(anna, url)
    anna.locator(".st-key-scn_save_name input").fill("Annas förslag")
    anna.locator("[data-testid='stFormSubmitButton'] button").click()
    expect(anna.locator("[data-testid='stAlertContentSuccess']").first).to_be_visible(timeout=30_000)
    wait_idle(anna)
    expect(item(anna, "Annas förslag").get_by_text(shown("Ägare: anna@kommun.se"))).to_be_visible()

    # Bertil sees it, may open and copy it, but not rename or delete it.
    scenarios_page(bertil, url)
    his_view = item(bertil, "Annas förslag")
    expect(his_view.get_by_text(shown("Ägare: anna@kommun.se"))).to_be_visible()
    expect(his_view.get_by_role("button", name="Byt namn")).to_be_disabled()
    expect(his_view.get_by_role("button", name="Ta bort")).to_be_disabled()
    his_view.get_by_role("button", name="Kopiera").click()
    expect(bertil.get_by_text("Kopierat: Kopia av Annas förslag")).to_be_visible(timeout=30_000)
    wait_idle(bertil)
    expect(item(bertil, "Kopia av Annas förslag").get_by_text(shown("Ägare: bertil@kommun.se"))).to_be_visible()
    expect(item(bertil, "Kopia av Annas förslag").get_by_role("button", name="Ta bort")).to_be_enabled()

    # The signed-out visitor may open it, but neither save nor copy.
    guest.goto(f"{url}/scenarier")
    wait_idle(guest)
    expect(guest.get_by_text("Du är inte inloggad")).to_be_visible()
    expect(guest.locator("[data-testid='stFormSubmitButton'] button")).to_be_disabled()
    expect(guest.get_by_text("Logga in för att spara scenarier.").first).to_be_visible()
    visitor_view = item(guest, "Annas förslag")
    for name in ("Kopiera", "Byt namn", "Ta bort"):
        expect(visitor_view.get_by_role("button", name=name)).to_be_disabled()
    visitor_view.get_by_role("button", name="Öppna").click()
    expect(guest.get_by_text("Öppnade Annas förslag")).to_be_visible(timeout=30_000)

    # Anna renames her own.
    mine = item(anna, "Annas förslag")
    mine.get_by_role("button", name="Byt namn").click()
    field = anna.locator("[class*='st-key-scn_rename_'] input").first
    field.fill("Annas förslag v2")
    anna.get_by_role("button", name="Spara namn och anteckning").first.click()
    expect(anna.get_by_text("Namnet är nu Annas förslag v2")).to_be_visible(timeout=30_000)
    wait_idle(anna)

    # What the audit log holds, and who sees which rows.
    store = ScenarioStore(db)
    try:
        rows = list(reversed(store.audit()))
        assert [(r.action, r.actor, r.owner) for r in rows] == [
            ("save", "anna@kommun.se", "anna@kommun.se"),
            ("copy", "bertil@kommun.se", "bertil@kommun.se"),
            ("rename", "anna@kommun.se", "anna@kommun.se"),
        ]
        assert rows[2].before_sha256 == rows[0].after_sha256 and rows[2].scenario_name == "Annas förslag v2"
        assert [r.action for r in store.audit(owner="anna@kommun.se")] == ["rename", "save"]
        assert [r.action for r in store.audit(owner="bertil@kommun.se")] == ["copy"]
    finally:
        store.dispose()
    for page, actions in ((anna, ("sparat", "bytt namn")), (bertil, ("kopierat",))):
        page.get_by_role("tab", name="Ändringslogg").click()
        expect(page.get_by_text("Du ser raderna om dina egna scenarier")).to_be_visible(timeout=30_000)
        table = page.locator("[data-testid='stDataFrame']")
        for action in actions:  # the grid's accessible table holds the cells' text
            expect(table).to_contain_text(action)
        assert ("kopierat" in (table.text_content() or "")) == (page is bertil)
    guest.goto(f"{url}/scenarier")
    wait_idle(guest)
    guest.get_by_role("tab", name="Ändringslogg").click()
    expect(guest.get_by_text("Logga in för att se ändringsloggen")).to_be_visible()
    for page in (anna, bertil, guest):
        page.context.close()
