"""Pytest fixtures for the browser tests: Chromium, a page and the running app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from streamlit_server import CHROMIUM, launch_browser, log_tails, running_app

# A run of the overview takes a second or two on a loaded 2-core machine; Playwright's default 5 s
# for an expectation is too tight for a page that first runs the model and then draws it.
expect.set_options(timeout=20_000)

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
IN_CI = os.environ.get("CI") == "true"
HAVE_CHROMIUM = Path(CHROMIUM).exists()


def pytest_collection_modifyitems(config, items):
    """Skip this folder when Chromium is missing, except in CI where it must fail."""
    if HAVE_CHROMIUM or IN_CI:
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test's report ends with what the running servers printed (the app's traceback is
    redacted in the page, so the server's output is the only place that says what broke)."""
    report = yield
    if report.failed and HERE in Path(item.path).resolve().parents:
        for n, tail in enumerate(log_tails(), 1):
            report.sections.append((f"Streamlit server {n}, its last output", tail))
    return report


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not HAVE_CHROMIUM:
        pytest.fail(f"CI=true but Chromium is missing at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_browser(p)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh Swedish-locale page in its own browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def app_url():
    """Base URL of the repo's app.py, served for the whole session."""
    with running_app(REPO / "app.py") as url:
        yield url
