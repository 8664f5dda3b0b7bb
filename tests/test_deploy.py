"""The local deployment (deploy/local.sh): the nginx configuration it renders is valid nginx and sends every
app process its share, with websockets and sticky sessions; an app process started by deploy/serve.py has
loaded the model before its port listens; the warm-up (deploy/warm.py) really runs the overview and the
uncertainty page in such a fresh process and fails loudly when a run fails; and the whole stack (PostgreSQL,
an app process, nginx) starts, warmed before nginx, and stops.

How fast the warmed stack answers is measured by hand with bench/load.py --url (docs/deployment.md).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO / "tests" / "browser"))

import warm  # noqa: E402
from streamlit_server import _stop, free_port, running_server  # noqa: E402

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
PG_CTL = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))  # Debian's postgresql (.ci/postgres.sh)
IN_CI = os.environ.get("CI") == "true"


def render(tmp_path: Path, processes: int) -> str:
    env = {**os.environ, "OMSTALLNING_DEPLOY_DIR": str(tmp_path), "OMSTALLNING_APP_PORT": "9601"}
    subprocess.run(
        ["bash", str(REPO / "deploy" / "local.sh"), "render", str(processes)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    return (tmp_path / "nginx" / "site.conf").read_text(encoding="utf-8")


def run_warm_up(url: str, *options: str, timeout_s: float) -> subprocess.CompletedProcess:
    """``deploy/warm.py`` against *url*, as the deployment runs it: its exit code and its output."""
    return subprocess.run(
        [sys.executable, str(REPO / "deploy" / "warm.py"), url, *options],
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )


def in_own_loop(coro):
    """Run *coro* to its end in an event loop of its own, on a thread of its own: the browser tests' Playwright
    keeps an event loop running on the main thread for the whole session (``asyncio.run`` refuses there)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_the_shipped_settings_run_no_file_watcher():
    """Every way of starting the app (the quick start, ``omstallningskalkylen app``, the systemd unit of
    docs/deployment.md) reads .streamlit/config.toml; Streamlit's file watcher would cost each rerun about
    a third more server CPU."""
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"


def test_the_site_names_one_server_per_app_process_and_no_placeholder_is_left(tmp_path):
    site = render(tmp_path, 3)
    assert re.findall(r"server 127\.0\.0\.1:(\d+);", site) == ["9601", "9602", "9603"]
    assert "@" not in re.sub(r"#.*", "", site)  # every @PLACEHOLDER@ filled
    assert "proxy_set_header Upgrade $http_upgrade" in site  # websockets
    assert "hash $omstallning_route consistent" in site  # sticky sessions


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (.ci/run installs it)")
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    render(tmp_path, 2)
    done = subprocess.run([NGINX, "-t", "-c", str(tmp_path / "nginx" / "nginx.conf")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


@contextmanager
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An app process started by ``deploy/serve.py`` as deploy/local.sh starts it: its URL and its log file."""
    port, log = free_port(), tmp_path / "serve.log"
    options = ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
               "--server.fileWatcherType", "none"]
    env = {**os.environ, "OMSTALLNING_DB_URL": f"sqlite:///{tmp_path}/scenarios.db"}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, str(REPO / "deploy" / "serve.py"), *options], cwd=tmp_path, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert warm.healthy(f"http://127.0.0.1:{port}", wait_s=180), log.read_text(encoding="utf-8")
        yield f"http://127.0.0.1:{port}", log
    finally:
        _stop(proc)


def test_a_served_process_loads_before_it_listens_and_the_warm_up_runs_both_pages(tmp_path):
    with served(tmp_path) as (url, log):
        overview, uncertainty = in_own_loop(warm.warm(url))
        lines = log.read_text(encoding="utf-8").splitlines()
    # The loading is done, and said, before Streamlit starts its server (from another folder: the app is found).
    loaded = [i for i, line in enumerate(lines) if re.fullmatch(r"preloaded (\d+) modules in [\d.]+ s "
                                                                r"\(loops: (numba|numpy)\)", line)]
    listening = [i for i, line in enumerate(lines) if line.strip() == f"URL: {url}"]
    assert len(loaded) == 1 and listening and loaded[0] < listening[0], lines
    assert int(lines[loaded[0]].split()[1]) >= 60  # every module of the app but its pages
    assert (overview.page, uncertainty.page) == ("overview", "uncertainty")
    assert overview.problems == [] and uncertainty.problems == []
    assert overview.finished and uncertainty.finished
    # The overview ran the model (its headline), the uncertainty page its Monte Carlo (the chances it shows),
    # in the workers forked from the parent the loading started.
    assert any(label.startswith("Nettoeffekt") and "mnkr" in value for label, value in overview.metrics.items())
    chances = [value for label, value in uncertainty.metrics.items() if label.startswith("Chans att betala sig")]
    assert chances and all(value.endswith("%") for value in chances)


def test_a_warm_up_of_an_app_whose_script_fails_says_so_and_exits_non_zero(tmp_path):
    script = tmp_path / "broken.py"  # one page, which fails; no uncertainty page
    script.write_text(
        "import streamlit as st\n\n"
        "def overview():\n"
        "    st.error('Ett oväntat fel (fel-id 1a2b3c4d)')\n"  # what the app's error boundary shows
        "    raise RuntimeError('broken on purpose')\n\n"
        "st.navigation([st.Page(overview, default=True)]).run()\n"
    )
    with running_server(script) as (url, _):
        done = run_warm_up(url, "--timeout", "60", timeout_s=120)
    assert done.returncode == 1
    assert f"warm-up of {url} failed" in done.stderr
    assert "overview: error shown: Ett oväntat fel (fel-id 1a2b3c4d)" in done.stderr
    assert "overview: exception" in done.stderr  # the repository's settings hide the text: it is in the log
    assert "uncertainty: no page 'osakerhet'" in done.stderr
    assert done.stdout == ""


def test_a_warm_up_of_nothing_says_so():
    url = f"http://127.0.0.1:{free_port()}"
    done = run_warm_up(url, "--wait", "1", timeout_s=60)
    assert done.returncode == 1
    assert done.stderr == f"warm-up of {url} failed: no answer from its health check within 1 s\n"
    # Past the health check, a lost connection is a problem of the page, not an exception.
    overview = in_own_loop(warm.open_page(url, "overview", timeout_s=5))
    assert overview.problems and overview.problems[0].startswith("connection: ") and not overview.finished


def local_sh(state: Path, *args: str, ports: dict[str, int]) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "OMSTALLNING_DEPLOY_DIR": str(state),
        "PYTHON": sys.executable,
        **{f"OMSTALLNING_{name}_PORT": str(port) for name, port in ports.items()},
    }
    return subprocess.run(
        ["bash", str(REPO / "deploy" / "local.sh"), *args], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.skipif(
    not IN_CI and (NGINX is None or not PG_CTL or shutil.which("curl") is None),
    reason="the stack needs Debian's nginx, postgresql and curl (.ci/run installs them)",
)
def test_the_stack_starts_warmed_before_nginx_and_stops():
    ports = {"HTTP": free_port(), "APP": free_port(), "PG": free_port()}
    # As root, PostgreSQL runs as `postgres`, which must reach its folder: not under pytest's private tmp.
    state = Path(tempfile.mkdtemp(prefix="omstallning-deploy-"))
    state.chmod(0o711)
    try:
        started = local_sh(state, "start", "1", ports=ports)
        assert started.returncode == 0, started.stdout + started.stderr
        lines = started.stdout.splitlines()
        warmed = [
            i
            for i, line in enumerate(lines)
            if re.fullmatch(
                rf"app on 127\.0\.0\.1:{ports['APP']} warmed in [\d.]+ s "
                r"\(overview [\d.]+ s, uncertainty [\d.]+ s\)",
                line,
            )
        ]
        front = [i for i, line in enumerate(lines) if line.startswith(f"nginx on http://127.0.0.1:{ports['HTTP']}/")]
        assert len(warmed) == 1 and len(front) == 1 and warmed[0] < front[0], started.stdout
        status = local_sh(state, "status", ports=ports).stdout
        assert re.search(r"^postgres\s+running", status, re.M) and re.search(r"^nginx\s+running", status, re.M)
        assert re.search(rf"^app\s+running\s+pid \d+\s+http://127\.0\.0\.1:{ports['APP']}/", status, re.M)
    finally:
        stopped = local_sh(state, "stop", ports=ports)
        shutil.rmtree(state, ignore_errors=True)
    assert stopped.returncode == 0, stopped.stderr
    assert "nginx stopped" in stopped.stdout and "PostgreSQL stopped" in stopped.stdout
