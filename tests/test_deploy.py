"""The local deployment (deploy/local.sh): the nginx configuration it renders is valid nginx and sends every
app process its share, with websockets and sticky sessions.

Starting the whole stack (PostgreSQL, app processes, nginx) is measured by hand with bench/load.py --url;
this test checks what can go wrong without a running stack: the rendered configuration.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


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
