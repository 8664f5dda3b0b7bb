"""Start a Streamlit script as a subprocess and drive it with Playwright."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
#: The output files of the servers running now (tests/browser/conftest.py shows their tails when a test fails).
LIVE_LOGS: list = []
APP_IDLE = (
    "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
    "[data-test-script-state='notRunning']"
)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    """True if the server's health endpoint answers "ok"."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.read().decode().strip() == "ok"
    except OSError:
        return False


def _stop(proc: subprocess.Popen) -> None:
    """Kill the server's whole process group: SIGTERM, then SIGKILL after 5 s."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


@contextmanager
def running_app(
    script: Path, env: dict | None = None, extra_args: list[str] = (), timeout: float = 60, cwd: Path = REPO,
    port: int | None = None, launcher: Sequence[str] = ("-m", "streamlit"),
) -> Iterator[str]:
    """Run `streamlit run script` from *cwd* (the repo root) and yield its base URL (on *port*, or a free one).

    *launcher*: what runs after the interpreter instead of ``-m streamlit`` (a benchmark's tracing wrapper).
    """
    with running_server(script, env, extra_args, timeout, cwd, port, launcher) as (url, _):
        yield url


@contextmanager
def running_server(
    script: Path, env: dict | None = None, extra_args: list[str] = (), timeout: float = 60, cwd: Path = REPO,
    port: int | None = None, launcher: Sequence[str] = ("-m", "streamlit"),
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run `streamlit run script` from *cwd* (the repo root) and yield its base URL and process."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable, *launcher, "run", str(Path(script).resolve()),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        # No --browser.gatherUsageStats here: the shipped .streamlit/config.toml
        # must turn it off (tests/browser/test_a11y_browser.py checks that nothing leaves).
        "--server.fileWatcherType", "none",
        *extra_args,
    ]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            cmd, cwd=cwd, env={**os.environ, **(env or {})},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        LIVE_LOGS.append(log)
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    raise RuntimeError(
                        f"Streamlit did not become healthy at {url} "
                        f"(exit code {proc.poll()}):\n{output}"
                    )
                time.sleep(0.2)
            yield url, proc
        finally:
            LIVE_LOGS.remove(log)
            _stop(proc)


def log_tails(chars: int = 6000) -> list[str]:
    """The last *chars* characters each running server has printed (its tracebacks, when a page broke)."""
    tails = []
    for log in LIVE_LOGS:  # pread: the server shares the file's offset, which a seek here would move
        size = os.fstat(log.fileno()).st_size
        start = max(0, size - chars)
        tails.append(os.pread(log.fileno(), size - start, start).decode(errors="replace"))
    return tails


def launch_browser(playwright):
    """Launch Debian's headless Chromium with the sandbox-free flags."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )


def wait_idle(page, timeout_ms: int = 30000) -> None:
    """Wait until the app is connected and its script is not running."""
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout_ms)


def open_every_tab(page) -> list[str]:
    """Click every visible tab once, including tabs that appear inside another; return their names.

    The last unclicked tab first: inner tabs follow their outer ones in the page,
    so they are opened before a click elsewhere hides them again.
    """
    from playwright.sync_api import expect

    clicked: list[str] = []
    while True:
        tabs = page.get_by_role("tab")
        fresh = [
            tabs.nth(i) for i in range(tabs.count())
            if tabs.nth(i).is_visible() and tabs.nth(i).inner_text() not in clicked
        ]
        if not fresh:
            return clicked
        tab = fresh[-1]
        clicked.append(tab.inner_text())
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")
        wait_idle(page)
